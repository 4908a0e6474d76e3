// Snippets of search results: a piece of a text around its first matched word, cut on word boundaries
// with ellipses, never inside a UTF-8 character, its matched words found as the name highlights find
// them (folded, other forms of the stem, prefixes, typos); and a recipe's snippet from its ingredients,
// else its tags, on an index built from a small database.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"
#include "analysis/explorer/highlight.hpp"
#include "analysis/explorer/search.hpp"
#include "analysis/explorer/snippet.hpp"
#include "analysis/explorer/text.hpp"
#include "data/duckdb.hpp"
#include "data/explorer_corpus.hpp"
#include "support/recipe_db.hpp"

namespace mtm::analysis::explorer {
namespace {

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

WordMatch exact(const std::string& word) {
  return {word, {{word, MatchKind::Exact}}, {}};
}

// The text of each range of a snippet.
std::vector<std::string> marked(const Snippet& snippet) {
  std::vector<std::string> out;
  for (const auto& [begin, end] : snippet.ranges) out.push_back(snippet.text.substr(begin, end - begin));
  return out;
}

// Well-formed UTF-8: each lead byte followed by exactly its continuation bytes.
bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5U) == 0x6 ? 2 : (c >> 4U) == 0xE ? 3 : (c >> 3U) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0U) != 0x80U) return false;
    }
    i += length;
  }
  return true;
}

TEST(ExplorerSnippet, AShortTextIsKeptWholeWithItsMatches) {
  const auto snippet = snippet_of("Crème brûlée, crème", {exact("creme")});
  EXPECT_EQ(snippet.text, "Crème brûlée, crème");
  EXPECT_EQ(snippet.ranges, (Ranges{{0, 6}, {17, 23}}));  // "Crème" is 6 bytes
}

TEST(ExplorerSnippet, ALongTextIsCutAroundTheFirstMatchOnWordBoundaries) {
  const std::string text = "salt, pepper, garlic, onion, carrot, celery, thyme, chicken breast, rice, tomato, basil";
  const auto snippet = snippet_of(text, {exact("chicken")}, 40);
  // Up to 40 / 4 = 10 characters before "chicken", moved to the next word start ("thyme"); cut at the last
  // space that fits 40 characters, the comma before it dropped.
  EXPECT_EQ(snippet.text, "…thyme, chicken breast, rice, tomato…");
  EXPECT_EQ(snippet.ranges, (Ranges{{10, 17}}));  // "…" is 3 bytes
  EXPECT_EQ(marked(snippet), std::vector<std::string>{"chicken"});
  EXPECT_LE(char_count(snippet.text), 40u);
}

TEST(ExplorerSnippet, WithoutAMatchTheBeginningIsShown) {
  const std::string text = "salt, pepper, garlic, onion, carrot, celery, thyme, chicken breast, rice, tomato, basil";
  const auto snippet = snippet_of(text, {exact("lemon")}, 40);
  EXPECT_EQ(snippet.text, "salt, pepper, garlic, onion, carrot…");
  EXPECT_TRUE(snippet.ranges.empty());
}

TEST(ExplorerSnippet, AMatchNearTheEndUsesAllTheRoomBeforeIt) {
  const std::string text = "a b c d e f g h i j k l m n o p q r s t u v w x y z chicken";
  const auto snippet = snippet_of(text, {exact("chicken")}, 20);
  EXPECT_EQ(snippet.text, "…u v w x y z chicken");  // 20 characters, no ellipsis after the end of the text
  EXPECT_EQ(snippet.ranges, (Ranges{{15, 22}}));
}

TEST(ExplorerSnippet, CutsNeverFallInsideAUtf8Character) {
  std::string accents;
  for (int i = 0; i < 30; ++i) accents += "é";  // no space to cut at: cut between characters
  const auto cut = snippet_of(accents, {}, 10);
  EXPECT_EQ(cut.text, "ééééééééé…");
  EXPECT_TRUE(valid_utf8(cut.text));
  // Counted in bytes, 160 would be 80 characters of "é": counted in characters, all 160 fit.
  std::string long_accents;
  for (int i = 0; i < 170; ++i) long_accents += "é";
  const auto wide = snippet_of(long_accents, {});
  EXPECT_EQ(char_count(wide.text), kSnippetChars);
  EXPECT_TRUE(valid_utf8(wide.text));
  for (std::size_t max = 3; max < 40; ++max) {
    const auto piece = snippet_of("crème brûlée, crème fraîche, pâte brisée, œufs, café noir", {exact("cafe")}, max);
    EXPECT_TRUE(valid_utf8(piece.text)) << max << ": " << piece.text;
    EXPECT_LE(char_count(piece.text), max) << piece.text;
  }
}

TEST(ExplorerSnippet, FoldedMatchesAreHighlightedInTheAccentedText) {
  const std::string text =
      "Recette de famille transmise depuis trois générations, préparée chaque dimanche à la maison. Une crème "
      "brûlée très onctueuse, à la vanille de Madagascar, servie tiède avec des framboises fraîches, une tuile "
      "aux amandes effilées et un café serré, pour finir le repas en douceur.";
  // The query "creme brulee" folds to creme and brulee; the text says "crème brûlée".
  const auto snippet = snippet_of(text, {exact("creme"), exact("brulee")});
  EXPECT_TRUE(valid_utf8(snippet.text));
  EXPECT_LE(char_count(snippet.text), kSnippetChars);
  EXPECT_EQ(marked(snippet), (std::vector<std::string>{"crème", "brûlée"}));
  EXPECT_EQ(snippet.text.substr(0, 3), "…");
  EXPECT_EQ(snippet.text.substr(snippet.text.size() - 3), "…");
  // 33 characters before "crème" ("préparée" would make 42); 156 in all, " effilées" would make 165.
  EXPECT_EQ(snippet.text,
            "…chaque dimanche à la maison. Une crème brûlée très onctueuse, à la vanille de Madagascar, servie "
            "tiède avec des framboises fraîches, une tuile aux amandes…");
}

class RecipeSnippetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = new db::Database(":memory:");
    std::vector<test::RecipeRow> recipes = {
        {1, "2010-01-01", 30, 5, 3, 300, {"crème fraîche", "sugar", "vanilla"}, {"desserts", "french"}},
        {2, "2010-01-02", 30, 5, 3, 300, {"chicken", "rice", "tomatoes"}, {"main-dish"}},
        {3, "2010-01-03", 30, 5, 3, 300, {"butter", "flour"}, {"breads"}},
    };
    test::create_small_db(*database_, recipes, {});
    index_ = new ExplorerIndex(data::load_recipe_corpus(*database_));
  }
  static void TearDownTestSuite() {
    delete index_;
    delete database_;
  }
  // The snippet of the recipe with this id, for the words the search matched for q.
  static RecipeSnippet snippet(const std::string& q, std::uint32_t doc, bool prefix = false) {
    SearchQuery query;
    query.text = q;
    query.last_word_is_prefix = prefix;
    return recipe_snippet(*index_, doc, search(*index_, query).words);
  }

  static db::Database* database_;
  static ExplorerIndex* index_;
};

db::Database* RecipeSnippetTest::database_ = nullptr;
ExplorerIndex* RecipeSnippetTest::index_ = nullptr;

TEST_F(RecipeSnippetTest, IngredientsHoldingAMatchedWordAreTheSnippet) {
  const auto creme = snippet("creme", 0);  // folded: "creme" marks "crème"
  EXPECT_EQ(creme.source, SnippetSource::Ingredients);
  EXPECT_EQ(creme.snippet.text, "crème fraîche, sugar, vanilla");
  EXPECT_EQ(marked(creme.snippet), std::vector<std::string>{"crème"});
  EXPECT_EQ(marked(snippet("tomato", 1).snippet), std::vector<std::string>{"tomatoes"});      // stem
  EXPECT_EQ(marked(snippet("chick", 1, true).snippet), std::vector<std::string>{"chicken"});  // prefix
  EXPECT_EQ(marked(snippet("chiken", 1).snippet), std::vector<std::string>{"chicken"});       // typo
  EXPECT_EQ(marked(snippet("FRAÎCHE crème", 0).snippet), (std::vector<std::string>{"crème", "fraîche"}));
}

TEST_F(RecipeSnippetTest, TagsAreTheSnippetWhenOnlyATagMatches) {
  const auto french = snippet("french", 0);
  EXPECT_EQ(french.source, SnippetSource::Tags);
  EXPECT_EQ(french.snippet.text, "desserts, french");
  EXPECT_EQ(french.snippet.ranges, (Ranges{{10, 16}}));
  // No word of the query in the ingredients or tags (or no query): the ingredients, unmarked.
  const auto none = snippet("", 2);
  EXPECT_EQ(none.source, SnippetSource::Ingredients);
  EXPECT_EQ(none.snippet.text, "butter, flour");
  EXPECT_TRUE(none.snippet.ranges.empty());
  EXPECT_TRUE(snippet("vanilla", 2).snippet.ranges.empty());
}

}  // namespace
}  // namespace mtm::analysis::explorer
