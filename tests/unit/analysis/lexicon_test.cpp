// The French search lexicon: the embedded data file parses, has a few hundred entries, and every English
// side is made of words of a fixed vocabulary -- the synthetic generator's ingredient and tag strings and
// dish words (src/data/generator), the data CI and the full-scale demo are generated from -- so no entry
// searches for a word no recipe can hold.
#include "analysis/explorer/lexicon.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>

#include "analysis/explorer/text.hpp"
#include "analysis/explorer/word_forms.hpp"
#include "data/generator/vocabulary.hpp"

namespace mtm::analysis::explorer {
namespace {

std::set<std::string> generator_stems() {
  std::set<std::string> stems;
  const auto add = [&stems](std::string_view text) {
    for (const auto& word : tokenize(text)) stems.insert(stem(word));
  };
  const auto& vocabulary = data::gen::vocabulary();
  for (const auto& item : vocabulary.ingredients) add(item.name);
  for (const auto& item : vocabulary.tags) add(item.name);
  for (const auto& dish : data::gen::word_lists().dish_words) {
    for (const auto word : dish) add(word);
  }
  return stems;
}

TEST(FrenchLexicon, EveryEnglishSideIsInTheGeneratorVocabulary) {
  const auto& lexicon = FrenchLexicon::embedded();
  EXPECT_GE(lexicon.entries().size(), 300u);
  const auto stems = generator_stems();
  for (const auto& entry : lexicon.entries()) {
    for (const auto& word : entry.english_words)
      EXPECT_TRUE(stems.contains(stem(word))) << entry.french << " -> " << entry.english << ": no '" << word << "'";
  }
}

TEST(FrenchLexicon, MatchesTheLongestPhraseByFrenchStem) {
  const auto& lexicon = FrenchLexicon::embedded();
  const std::vector<std::string> words = tokenize("Pommes de terre au four");
  const auto found = lexicon.match_at(words, 0);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->first->english, "potatoes");
  EXPECT_EQ(found->second, 3u);
  const auto baked = lexicon.match_at(words, 3);  // "au four"
  ASSERT_TRUE(baked.has_value());
  EXPECT_EQ(baked->first->english, "baked");
  EXPECT_FALSE(lexicon.match_at(words, 5).has_value());
  EXPECT_FALSE(lexicon.match_at(tokenize("xylophone"), 0).has_value());
}

TEST(FrenchLexicon, CompletionFindsAnyWordOfTheFrenchSide) {
  const auto& lexicon = FrenchLexicon::embedded();
  std::set<std::string> english;
  for (const auto* entry : lexicon.starting_with("Pou")) english.insert(entry->english);
  EXPECT_TRUE(english.contains("chicken"));        // poulet
  EXPECT_TRUE(english.contains("chicken broth"));  // bouillon de poulet
  EXPECT_TRUE(lexicon.starting_with("  ").empty());
}

TEST(FrenchLexicon, BadLinesAreNamed) {
  EXPECT_EQ(FrenchLexicon("# comment\n\npoulet\tchicken\r\n").entries().size(), 1u);
  try {
    FrenchLexicon("# a\npoulet\tchicken\nriz rice\n");
    FAIL() << "expected a parse error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "lexicon line 3: expected 'french<TAB>english'");
  }
  EXPECT_THROW(FrenchLexicon("a\tb\tc\n"), std::invalid_argument);
  EXPECT_THROW(FrenchLexicon("-\tchicken\n"), std::invalid_argument);
}

}  // namespace
}  // namespace mtm::analysis::explorer
