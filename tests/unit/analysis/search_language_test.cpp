// What readers mean, on the explorer's hand-built database (support/explorer_db): accents and case
// folded (ICU), word forms by Snowball stem, partial matches when every word finds too little, French
// words read through the lexicon, highlight ranges, and the pantry ranked by the reader's ingredients used.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"
#include "analysis/explorer/pantry.hpp"
#include "analysis/explorer/search.hpp"
#include "analysis/explorer/search_cache.hpp"
#include "analysis/explorer/text.hpp"
#include "analysis/explorer/word_forms.hpp"
#include "data/explorer_corpus.hpp"
#include "support/explorer_db.hpp"

namespace mtm::analysis::explorer {
namespace {

class SearchLanguageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = new db::Database(":memory:");
    test::create_explorer_db(*database_);
    index_ = new ExplorerIndex(data::load_recipe_corpus(*database_));
  }
  static void TearDownTestSuite() {
    delete index_;
    delete database_;
  }
  static std::vector<std::int64_t> ids(const SearchResult& result) {
    std::vector<std::int64_t> out;
    for (const auto& hit : result.hits) out.push_back(index_->corpus().ids[hit.doc]);
    return out;
  }
  static std::vector<std::int64_t> ids(const PantryResult& result) {
    std::vector<std::int64_t> out;
    for (const auto& hit : result.hits) out.push_back(index_->corpus().ids[hit.doc]);
    return out;
  }
  // Partial matches only when no recipe holds every word, unless told (the six recipes give few matches).
  static SearchResult run(const std::string& q, bool prefix = false, std::size_t partial_below = 1) {
    SearchQuery query;
    query.text = q;
    query.last_word_is_prefix = prefix;
    query.partial_below = partial_below;
    return search(*index_, query);
  }

  static db::Database* database_;
  static ExplorerIndex* index_;
};

db::Database* SearchLanguageTest::database_ = nullptr;
ExplorerIndex* SearchLanguageTest::index_ = nullptr;

TEST(ExplorerFolding, AccentsCaseAndCompatibilityFormsFold) {
  EXPECT_EQ(tokenize("Crème Brûlée"), (std::vector<std::string>{"creme", "brulee"}));
  EXPECT_EQ(tokenize("SAUTÉ jalapeño"), (std::vector<std::string>{"saute", "jalapeno"}));
  EXPECT_EQ(tokenize("Straße ﬁlet"), (std::vector<std::string>{"strasse", "filet"}));
  EXPECT_EQ(tokenize("½ cup"), (std::vector<std::string>{"1", "2", "cup"}));       // 1⁄2: the slash separates
  EXPECT_EQ(tokenize("café–crème"), (std::vector<std::string>{"cafe", "creme"}));  // an en dash separates
  EXPECT_EQ(fold_unicode("Ÿ"), "y");
}

TEST(ExplorerFolding, HighlightRangesPointAtTheSourceBytes) {
  std::vector<std::pair<std::size_t, std::size_t>> expected = {{0, 6}};  // "Crème" is 6 bytes
  const std::vector<WordMatch> words = {{"creme", {{"creme", MatchKind::Exact}}, {}}};
  EXPECT_EQ(match_ranges("Crème brûlée, crème", words),
            (std::vector<std::pair<std::size_t, std::size_t>>{{0, 6}, {17, 23}}));
  EXPECT_TRUE(match_ranges("cream", words).empty());
}

TEST(ExplorerFolding, TyposAreCountedInCharacters) {
  // One accented character differs: two bytes apart, one character apart.
  EXPECT_TRUE(within_one_edit("jalapeño", "jalapeñoo"));
  EXPECT_TRUE(within_one_edit("brûlée", "brûléé"));
  EXPECT_FALSE(within_one_edit("brûlée", "brulee"));  // two characters differ
  EXPECT_EQ(edit_distance("brûlée", "brulee", 3), 2u);
  EXPECT_EQ(edit_distance("chicken", "chikcen", 2), 1u);  // a swap is one edit
  EXPECT_EQ(edit_distance("chicken", "rice", 2), 3u);     // beyond the limit: limit + 1
  EXPECT_EQ(char_count("crème"), 5u);
}

TEST(ExplorerWordForms, SnowballStemsJoinSingularAndPlural) {
  EXPECT_EQ(stem("cookies"), stem("cookie"));
  EXPECT_EQ(stem("tomatoes"), stem("tomato"));
  EXPECT_EQ(stem("brownies"), "browni");
  EXPECT_EQ(stem("tomates", StemLanguage::French), stem("tomate", StemLanguage::French));
}

TEST_F(SearchLanguageTest, AccentedAndPlainQueriesFindTheSameRecipes) {
  // Failed before: "ï" was kept as bytes, so "chïcken" was another word (found, at best, as a typo).
  EXPECT_EQ(ids(run("CHÏCKEN Çurry")), (std::vector<std::int64_t>{1, 6}));
  EXPECT_EQ(ids(run("CHÏCKEN Çurry")), ids(run("chicken curry")));
  EXPECT_EQ(run("chïcken").words[0].matches[0].second, MatchKind::Exact);
  EXPECT_EQ(ids(run("SÔUP")), ids(run("soup")));
}

TEST_F(SearchLanguageTest, EveryWordFormOfTheStemMatchesExactFormsFirst) {
  // "brownie" is only ever written "brownies" (recipe 4): found through the stem, scored at kStemWeight.
  const auto brownie = run("brownie");
  const auto brownies = run("brownies");
  ASSERT_EQ(ids(brownie), (std::vector<std::int64_t>{4}));
  EXPECT_EQ(ids(brownies), ids(brownie));
  EXPECT_EQ(brownie.words[0].matches[0].second, MatchKind::Stem);
  EXPECT_NEAR(brownie.hits[0].score, kStemWeight * brownies.hits[0].score, 1e-5);
  // "soups" (tag of 2 and 6) and "soup" (names of 2 and 6) are one set either way.
  EXPECT_EQ(ids(run("soups")), ids(run("soup")));
  // A word in the middle of the query is stemmed too (not only the last one typed).
  EXPECT_EQ(ids(run("soups chicken")), ids(run("soup chicken")));
}

TEST_F(SearchLanguageTest, TooFewFullMatchesFallBackToTheMostWordsHeld) {
  const auto r = run("chicken brownies");
  EXPECT_TRUE(r.partial);
  // No recipe holds both: those holding one word, ranked by BM25 of the word they hold.
  ASSERT_EQ(r.total, 4u);
  EXPECT_EQ(r.hits.size(), 4u);
  for (const auto& hit : r.hits) {
    const auto id = index_->corpus().ids[hit.doc];
    EXPECT_EQ(hit.held_words, id == 4 ? 2u : 1u) << id;  // bit 0: chicken, bit 1: brownies
  }
  // Three words, one unknown: the recipes holding the other two come first.
  const auto three = run("curry chicken zzzz");
  EXPECT_TRUE(three.partial);
  ASSERT_GE(three.hits.size(), 3u);
  EXPECT_EQ((std::vector<std::int64_t>{ids(three)[0], ids(three)[1]}), (std::vector<std::int64_t>{1, 6}));
  EXPECT_EQ(three.hits[0].held_words, 3u);
  EXPECT_EQ(three.hits[1].held_words, 3u);
  EXPECT_EQ(three.hits[2].held_words & 3u, three.hits[2].held_words);  // never bit 2: "zzzz" holds nothing
  EXPECT_NE(three.hits[2].held_words, 3u);
  EXPECT_TRUE(three.words[2].matches.empty());
  // Enough full matches: no fallback.
  EXPECT_FALSE(run("chicken soup").partial);
  EXPECT_FALSE(run("chicken", false, kFewResults).partial);  // one word: nothing to leave out
  // Few full matches (2 < kFewResults): they come first, then the recipes holding one of the words.
  const auto few = run("chicken soup", false, kFewResults);
  EXPECT_TRUE(few.partial);
  ASSERT_EQ(ids(few), (std::vector<std::int64_t>{2, 6, 1}));
  EXPECT_EQ(few.hits[0].held_words, 3u);
  EXPECT_EQ(few.hits[1].held_words, 3u);
  EXPECT_EQ(few.hits[2].held_words, 1u);
}

TEST_F(SearchLanguageTest, UnknownWordsGetDidYouMeanSuggestions) {
  const auto r = run("chikn");  // two edits from "chicken": no typo match, a suggestion
  EXPECT_TRUE(r.hits.empty());
  ASSERT_EQ(r.words.size(), 1u);
  EXPECT_EQ(r.words[0].suggestions, (std::vector<std::string>{"chicken"}));
  EXPECT_TRUE(run("qqqqqqqq").words[0].suggestions.empty());
}

TEST_F(SearchLanguageTest, FrenchWordsSearchTheirEnglishEquivalent) {
  const auto poulet = run("poulet");
  ASSERT_EQ(poulet.translations.size(), 1u);
  EXPECT_EQ(poulet.translations[0].from, "poulet");
  EXPECT_EQ(poulet.translations[0].to, "chicken");
  EXPECT_EQ(ids(poulet), ids(run("chicken")));
  // Plural and accents on the French side; a phrase of several words.
  EXPECT_EQ(ids(run("soupes")), ids(run("soup")));
  EXPECT_EQ(ids(run("Poulet carottes")), ids(run("chicken carrot")));
  EXPECT_EQ(ids(run("Poulet carottes")), (std::vector<std::int64_t>{2, 6}));  // 6: "no chicken"
  // An English word is never translated ("soup" stays soup; "curry" is both).
  EXPECT_TRUE(run("soup").translations.empty());
  EXPECT_TRUE(run("curry").translations.empty());
}

TEST_F(SearchLanguageTest, PantryRanksByTheReadersIngredientsUsedThenMissing) {
  // The old share-of-ingredients score put recipe 6 first (3 of 4 covered) though it uses one of the
  // reader's two ingredients; recipe 1 uses both.
  PantryQuery q;
  q.have = {"chicken", "curry"};
  q.staples = {"salt", "water"};
  const auto r = what_can_i_cook(*index_, q);
  ASSERT_EQ(ids(r), (std::vector<std::int64_t>{1, 6, 2}));
  EXPECT_EQ(r.hits[0].uses, (std::vector<std::string>{"chicken", "curry"}));
  EXPECT_EQ(r.hits[0].missing, (std::vector<std::string>{"onion"}));
  // 2 and 6 each use one and miss one (carrot): the better adjusted rating first, (10 * 3.7 + 5) / 11
  // for 6 (one rating of 5) over (10 * 3.7 + 3) / 11 for 2 (one rating of 3).
  EXPECT_NEAR(r.hits[1].rating, (37.0 + 5.0) / 11.0, 1e-12);
  EXPECT_NEAR(r.hits[2].rating, (37.0 + 3.0) / 11.0, 1e-12);
}

TEST_F(SearchLanguageTest, PantryReadsFrenchNames) {
  PantryQuery q;
  q.have = {"Poulet", "carottes"};
  q.staples = {};
  const auto r = what_can_i_cook(*index_, q);
  ASSERT_EQ(r.translations.size(), 2u);
  EXPECT_EQ(r.translations[0], (std::pair<std::string, std::string>{"Poulet", "chicken"}));
  EXPECT_TRUE(r.unknown.empty());
  EXPECT_EQ(ids(r).front(), 2);  // chicken and carrot
  EXPECT_EQ(r.hits.front().uses, (std::vector<std::string>{"Poulet", "carottes"}));
  const auto french = complete_french_ingredients(*index_, "pou", 10);
  ASSERT_FALSE(french.empty());
  EXPECT_EQ(french[0].french, "poulet");
  EXPECT_EQ(french[0].english, "chicken");
  EXPECT_EQ(french[0].recipes, 2u);  // recipes 1 and 2 ("chickpeas" is another word)
}

TEST_F(SearchLanguageTest, RepeatedQueriesAreAnsweredFromTheCache) {
  SearchCache cache(2);
  SearchQuery soup;
  soup.text = "soup";
  SearchQuery page2 = soup;
  page2.offset = 20;
  const auto first = cache.get(*index_, soup);
  EXPECT_EQ(cache.get(*index_, soup), first);  // the same result object: not searched again
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(ids(*first), ids(search(*index_, soup)));
  EXPECT_NE(cache.get(*index_, page2), first);  // another page is another query
  SearchQuery curry;
  curry.text = "curry";
  cache.get(*index_, curry);  // capacity 2: "soup" (least recently used) goes
  EXPECT_EQ(cache.misses(), 3u);
  EXPECT_NE(cache.get(*index_, soup), first);
  EXPECT_EQ(cache.misses(), 4u);
  // Keys tell apart lists whose joined text is the same.
  SearchQuery a;
  a.tags = {"a,b"};
  SearchQuery b;
  b.tags = {"a", "b"};
  EXPECT_NE(query_key(a), query_key(b));
  EXPECT_EQ(query_key(a), query_key(a));
}

}  // namespace
}  // namespace mtm::analysis::explorer
