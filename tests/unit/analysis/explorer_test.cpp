// The explorer on the hand-built database of support/explorer_db: every expected score, ranking and
// coverage comes from tests/oracle/explorer_expected.py (an independent Python computation).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"
#include "analysis/explorer/pantry.hpp"
#include "analysis/explorer/recipe_page.hpp"
#include "analysis/explorer/search.hpp"
#include "analysis/explorer/similar.hpp"
#include "analysis/explorer/text.hpp"
#include "core/errors.hpp"
#include "data/explorer_corpus.hpp"
#include "data/flat_storage.hpp"
#include "support/explorer_db.hpp"

namespace mtm::analysis::explorer {
namespace {

class ExplorerTest : public ::testing::Test {
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
  static SearchResult run(SearchQuery query) { return search(*index_, query); }
  static SearchQuery text(const std::string& q, bool prefix = true) {
    SearchQuery query;
    query.text = q;
    query.last_word_is_prefix = prefix;
    query.partial_below = 1;  // these oracle cases require every word (partial matches: search_language_test)
    return query;
  }

  static db::Database* database_;
  static ExplorerIndex* index_;
};

db::Database* ExplorerTest::database_ = nullptr;
ExplorerIndex* ExplorerTest::index_ = nullptr;

TEST(ExplorerText, TokenizeLowercasesAndSplitsOnPunctuation) {
  EXPECT_EQ(tokenize("Chicken  Curry, 60-minutes-or-less!"),
            (std::vector<std::string>{"chicken", "curry", "60", "minutes", "or", "less"}));
  EXPECT_EQ(tokenize("crème brûlée"), (std::vector<std::string>{"creme", "brulee"}));
  EXPECT_TRUE(tokenize(" ,;- ").empty());
}

TEST(ExplorerText, CleanSpacesAndDecodeHtml) {
  EXPECT_EQ(clean_spaces("  Chicken   Curry \n"), "Chicken Curry");
  EXPECT_EQ(decode_html(test::kEscapedReview), test::kDecodedReview);
  EXPECT_EQ(decode_html("caf&#233; &#x41;&quot;&apos; &unknown; & <br />x<BR>y <b>"),
            "café A\"' &unknown; & \nx\ny <b>");
  EXPECT_EQ(decode_html("a &#; b &#xZZ; &#0;"), "a &#; b &#xZZ; \xEF\xBF\xBD");
}

TEST(ExplorerText, WithinOneEdit) {
  EXPECT_TRUE(within_one_edit("chicken", "chiken"));    // deletion
  EXPECT_TRUE(within_one_edit("chicken", "chickken"));  // insertion
  EXPECT_TRUE(within_one_edit("chicken", "chicxen"));   // substitution
  EXPECT_TRUE(within_one_edit("chicken", "cihcken"));   // adjacent swap
  EXPECT_TRUE(within_one_edit("soup", "soup"));
  EXPECT_FALSE(within_one_edit("chicken", "chikn"));
  EXPECT_FALSE(within_one_edit("soup", "sopa"));
}

TEST(ExplorerText, ItemHasWordToleratesPlurals) {
  EXPECT_TRUE(item_has_word("mixed nuts", "nuts"));
  EXPECT_TRUE(item_has_word("mixed nuts", "nut"));
  EXPECT_TRUE(item_has_word("chicken breasts", "chicken"));
  EXPECT_FALSE(item_has_word("walnuts", "nuts"));
  EXPECT_FALSE(item_has_word("nutmeg", "nut"));
  EXPECT_TRUE(item_has_word("olive oil", "olive oil"));
  EXPECT_FALSE(item_has_word("extra virgin olive oil", "olive oil"));
}

TEST(ExplorerStorage, DeltaListsGiveBackEveryListAcrossVarintLengths) {
  // Gaps of 0 (first value 0), 127 / 128 (one / two bytes), 16384 (three) and up to 2^32 - 1 (five).
  data::FlatLists<std::uint32_t> flat;
  const std::vector<std::vector<std::uint32_t>> lists = {
      {0, 127, 255, 16639, 4294967295U}, {}, {128}, {5, 6, 7}, {16384, 2113536}};
  for (const auto& list : lists) {
    flat.values.insert(flat.values.end(), list.begin(), list.end());
    flat.starts.push_back(static_cast<std::uint32_t>(flat.values.size()));
  }
  const data::DeltaLists delta(flat);
  ASSERT_EQ(delta.size(), lists.size());
  for (std::size_t i = 0; i < lists.size(); ++i) {
    EXPECT_EQ(delta[i].size(), lists[i].size());
    EXPECT_EQ(delta[i].empty(), lists[i].empty());
    std::vector<std::uint32_t> decoded;
    for (const auto value : delta[i]) decoded.push_back(value);
    EXPECT_EQ(decoded, lists[i]) << "list " << i;
  }
}

TEST_F(ExplorerTest, CorpusHoldsRecipesItemsAndRatings) {
  const auto& c = index_->corpus();
  EXPECT_EQ(c.ids, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(c.ingredients.items.size(), 14u);
  EXPECT_EQ(c.tags.items.size(), 8u);
  EXPECT_EQ(c.rating_counts, (std::vector<std::uint32_t>{3, 1, 1, 4, 0, 1}));
  EXPECT_EQ(c.interaction_counts, (std::vector<std::uint32_t>{3, 2, 1, 4, 0, 1}));
  EXPECT_DOUBLE_EQ(index_->prior_mean(), 3.7);
  EXPECT_NEAR(*index_->adjusted_rating(0), 3.923076923076923, 1e-12);
  EXPECT_NEAR(*index_->adjusted_rating(3), 3.357142857142857, 1e-12);
  EXPECT_FALSE(index_->adjusted_rating(4).has_value());
  EXPECT_FALSE(index_->doc_of(7).has_value());
  EXPECT_EQ(*index_->doc_of(6), 5u);
  // Descriptions are only searched: once the index is built they hold no memory at all.
  EXPECT_EQ(c.descriptions.size(), 0u);
  EXPECT_EQ(c.descriptions.reserved_bytes(), 0u);
}

TEST_F(ExplorerTest, Bm25ScoresMatchTheOracle) {
  const auto soup = run(text("soup", false));
  ASSERT_EQ(ids(soup), (std::vector<std::int64_t>{2, 6}));
  EXPECT_NEAR(soup.hits[0].score, 1.7527160701654343, 1e-5);
  EXPECT_NEAR(soup.hits[1].score, 1.6927751785954952, 1e-5);
  // Every word is required: both recipes hold "chicken" and "soup" (6 in its description).
  const auto both = run(text("chicken soup", false));
  ASSERT_EQ(ids(both), (std::vector<std::int64_t>{2, 6}));
  EXPECT_NEAR(both.hits[0].score, 2.9885746420978645, 1e-5);
  EXPECT_NEAR(both.hits[1].score, 2.3409776572459338, 1e-5);
  EXPECT_EQ(both.total, 2u);
  // No recipe holds both words: the search falls back to those holding either (search_language_test).
  EXPECT_TRUE(run(text("chicken brownies", false)).partial);
  // As the last word, "soup" also stands for "soups" (the tag of recipes 2 and 6).
  const auto typing = run(text("soup"));
  ASSERT_EQ(ids(typing), (std::vector<std::int64_t>{2, 6}));
  EXPECT_NEAR(typing.hits[0].score, 1.7527160701654343, 1e-5);
  ASSERT_EQ(typing.words[0].matches.size(), 2u);
  EXPECT_EQ(typing.words[0].matches[1].first, "soups");
  EXPECT_EQ(typing.words[0].matches[1].second, MatchKind::Stem);  // and a prefix: the stem ranks first
}

TEST_F(ExplorerTest, LastWordMatchesByPrefix) {
  const auto chick = run(text("chick"));
  ASSERT_EQ(ids(chick), (std::vector<std::int64_t>{3, 1, 2, 6}));
  EXPECT_NEAR(chick.hits[0].score, 2.411939280035464, 1e-5);
  EXPECT_NEAR(chick.hits[1].score, 1.260091092950713, 1e-5);
  EXPECT_NEAR(chick.hits[2].score, 1.2358585719324302, 1e-5);
  EXPECT_NEAR(chick.hits[3].score, 0.6482024786504388, 1e-5);
  ASSERT_EQ(chick.words.size(), 1u);
  EXPECT_EQ(chick.words[0].matches.size(), 3u);
  const auto curry = run(text("curry chick"));
  ASSERT_EQ(ids(curry), (std::vector<std::int64_t>{1, 6}));
  EXPECT_NEAR(curry.hits[0].score, 3.069032624489889, 1e-5);
  EXPECT_NEAR(curry.hits[1].score, 2.4966755125386038, 1e-5);
  // Not the last word, or prefix off, or a trailing space: "chick" is a whole word and matches nothing.
  EXPECT_TRUE(run(text("chick curry")).partial);
  EXPECT_TRUE(run(text("chick", false)).hits.empty());
  EXPECT_TRUE(run(text("chick ")).hits.empty());
}

TEST_F(ExplorerTest, OneTypoIsTolerated) {
  const auto typo = run(text("chiken soup", false));
  ASSERT_EQ(ids(typo), (std::vector<std::int64_t>{2, 6}));
  EXPECT_NEAR(typo.hits[0].score, 2.9885746420978645, 1e-5);
  ASSERT_EQ(typo.words[0].matches.size(), 1u);
  EXPECT_EQ(typo.words[0].matches[0].first, "chicken");
  EXPECT_EQ(typo.words[0].matches[0].second, MatchKind::Typo);
  EXPECT_EQ(ids(run(text("suop", false))), (std::vector<std::int64_t>{2, 6}));  // swapped letters
  EXPECT_TRUE(run(text("chikn", false)).hits.empty());                          // two edits
  EXPECT_TRUE(run(text("sop", false)).hits.empty());                            // too short for typos
}

TEST_F(ExplorerTest, FiltersNarrowResults) {
  SearchQuery q;
  q.exclude_ingredients = {"nuts"};  // "mixed nuts" goes, "walnuts" stays
  q.sort = SortOrder::Newest;
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{6, 3, 2, 1, 4}));
  q = {};
  q.tags = {"easy"};
  q.sort = SortOrder::Newest;
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{5, 3, 2}));
  q.exclude_tags = {"vegetarian"};
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{5, 2}));
  q = {};
  q.tags = {"no-such-tag"};
  EXPECT_EQ(run(q).total, 0u);
  q = {};
  q.ingredients = {"chocolate", "walnut"};
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{4}));
  q = {};
  q.max_minutes = 30;
  q.max_steps = 3;
  q.sort = SortOrder::Newest;
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{5, 3}));
  q = {};
  q.min_calories = 200;
  q.max_calories = 450;
  q.sort = SortOrder::Newest;
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{5, 3, 4}));
  q = {};
  q.min_rating = 4.5;  // means: 4.67, 3, 5, 2.5, none, 5
  q.sort = SortOrder::Newest;
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{6, 3, 1}));
  q.min_ratings = 2;
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{1}));
}

TEST_F(ExplorerTest, SortOrders) {
  SearchQuery q;
  q.sort = SortOrder::Rating;  // adjusted 3.92, 3.82 (3 and 6 tie: lower id first), 3.64, 3.36, unrated last
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{1, 3, 6, 2, 4, 5}));
  q.sort = SortOrder::Relevance;  // no words: same as rating
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{1, 3, 6, 2, 4, 5}));
  q.sort = SortOrder::Popularity;
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{4, 1, 2, 3, 6, 5}));
  q.sort = SortOrder::Newest;
  EXPECT_EQ(ids(run(q)), (std::vector<std::int64_t>{6, 5, 3, 2, 1, 4}));
  q.offset = 2;
  q.limit = 3;
  const auto page = run(q);
  EXPECT_EQ(ids(page), (std::vector<std::int64_t>{3, 2, 1}));
  EXPECT_EQ(page.total, 6u);
  q.offset = 10;
  EXPECT_TRUE(run(q).hits.empty());
}

TEST_F(ExplorerTest, FacetsCountTheFilteredResults) {
  SearchQuery q;
  q.tags = {"easy"};
  const auto r = run(q);
  // Tags of recipes 2, 3, 5 without the selected one: salads 1, snacks 1, soups 1, vegetarian 1.
  ASSERT_EQ(r.tag_facets.size(), 4u);
  EXPECT_EQ(r.tag_facets[0].value, "salads");
  for (const auto& f : r.tag_facets) EXPECT_EQ(f.count, 1u) << f.value;
  ASSERT_EQ(r.minutes_facets.size(), 5u);
  EXPECT_EQ(r.minutes_facets[0].count, 2u);   // 10 and 5 minutes
  EXPECT_EQ(r.minutes_facets[1].count, 1u);   // 30
  EXPECT_EQ(r.calories_facets[0].count, 1u);  // 180
  EXPECT_EQ(r.calories_facets[1].count, 1u);  // 250
  EXPECT_EQ(r.calories_facets[2].count, 1u);  // 400
  EXPECT_EQ(r.rating_facets[0].count, 1u);    // >= 4.5: recipe 3
  EXPECT_EQ(r.rating_facets[2].count, 2u);    // >= 3: 2 and 3
  EXPECT_EQ(r.rating_facets[3].count, 1u);    // unrated: 5
  // Ingredient facet: every ingredient once except none repeated among 2, 3, 5.
  EXPECT_EQ(r.ingredient_facets.size(), 9u);
}

TEST_F(ExplorerTest, BitSetFacetsEqualDirectCounts) {
  for (const char* text : {"", "soup", "chick"}) {
    SearchQuery direct = ExplorerTest::text(text);
    direct.exclude_tags = {"desserts"};
    SearchQuery bits = direct;
    bits.direct_facet_limit = 0;
    const auto a = run(direct);
    const auto b = run(bits);
    ASSERT_EQ(a.tag_facets.size(), b.tag_facets.size()) << text;
    for (std::size_t i = 0; i < a.tag_facets.size(); ++i) {
      EXPECT_EQ(a.tag_facets[i].value, b.tag_facets[i].value);
      EXPECT_EQ(a.tag_facets[i].count, b.tag_facets[i].count);
    }
    ASSERT_EQ(a.ingredient_facets.size(), b.ingredient_facets.size()) << text;
    for (std::size_t i = 0; i < a.ingredient_facets.size(); ++i) {
      EXPECT_EQ(a.ingredient_facets[i].value, b.ingredient_facets[i].value);
      EXPECT_EQ(a.ingredient_facets[i].count, b.ingredient_facets[i].count);
    }
  }
  SearchQuery all;
  all.direct_facet_limit = 0;
  const auto r = run(all);
  ASSERT_FALSE(r.tag_facets.empty());
  EXPECT_EQ(r.tag_facets[0].value, "easy");  // recipes 2, 3 and 5
  EXPECT_EQ(r.tag_facets[0].count, 3u);
}

TEST_F(ExplorerTest, SimilarRecipesMatchTheOracle) {
  const auto similar = similar_recipes(*index_, *index_->doc_of(2), 10);
  ASSERT_EQ(similar.size(), 4u);
  const std::vector<std::pair<std::int64_t, double>> expected = {
      {6, 0.5795422432520221}, {1, 0.22325393909472202}, {5, 0.020429625444310238}, {3, 0.020078423439691843}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(index_->corpus().ids[similar[i].doc], expected[i].first);
    EXPECT_NEAR(similar[i].similarity, expected[i].second, 1e-9);
  }
  EXPECT_EQ(similar_recipes(*index_, *index_->doc_of(2), 2).size(), 2u);
}

TEST_F(ExplorerTest, PantryCoverageAndScoresMatchTheOracle) {
  PantryQuery q;
  q.have = {"chicken", "carrot"};
  q.staples = {"salt", "water"};
  const auto r = what_can_i_cook(*index_, q);
  ASSERT_EQ(r.total, 3u);
  // Ranked by the reader's ingredients used, then missing ones, then adjusted rating (the oracle's order).
  const std::vector<std::tuple<std::int64_t, double, double>> expected = {
      {2, 1.0, 3.6363636363636362}, {6, 0.75, 3.8181818181818183}, {1, 1.0 / 3.0, 3.923076923076923}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(index_->corpus().ids[r.hits[i].doc], std::get<0>(expected[i]));
    EXPECT_NEAR(r.hits[i].coverage, std::get<1>(expected[i]), 1e-12);
    EXPECT_NEAR(r.hits[i].rating, std::get<2>(expected[i]), 1e-12);
  }
  EXPECT_EQ(r.hits[0].uses, (std::vector<std::string>{"chicken", "carrot"}));
  EXPECT_EQ(r.hits[1].uses, (std::vector<std::string>{"carrot"}));
  EXPECT_EQ(r.hits[2].uses, (std::vector<std::string>{"chicken"}));
  EXPECT_TRUE(r.hits[0].missing.empty());
  EXPECT_EQ(r.hits[1].missing, (std::vector<std::string>{"curry powder"}));
  EXPECT_EQ(r.hits[2].missing, (std::vector<std::string>{"curry powder", "onion"}));
  q.max_minutes = 35;
  EXPECT_EQ(what_can_i_cook(*index_, q).total, 1u);

  PantryQuery nuts;
  nuts.have = {"chocolate", "truffle oil"};
  nuts.exclude = {"nuts"};
  const auto n = what_can_i_cook(*index_, nuts);
  ASSERT_EQ(n.total, 1u);
  EXPECT_EQ(index_->corpus().ids[n.hits[0].doc], 4);
  EXPECT_NEAR(n.hits[0].coverage, 0.25, 1e-12);
  EXPECT_EQ(n.hits[0].missing, (std::vector<std::string>{"butter", "sugar", "walnuts"}));
  EXPECT_EQ(n.unknown, (std::vector<std::string>{"truffle oil"}));
  PantryQuery staples_only;
  staples_only.staples = {"salt", "water"};
  EXPECT_EQ(what_can_i_cook(*index_, staples_only).total, 0u);
}

TEST_F(ExplorerTest, CompletionPrefersItemStartsThenPopularity) {
  const auto items = complete_items(index_->corpus().ingredients, "c", 10);
  // Starting with "c": carrot (2), chicken (2), chocolate (2), chickpeas (1), curry powder (2); none inside.
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0].first, "carrot");
  EXPECT_EQ(items[3].first, "curry powder");
  EXPECT_EQ(items[4].first, "chickpeas");
  const auto oil = complete_items(index_->corpus().ingredients, "oil", 10);
  ASSERT_EQ(oil.size(), 1u);
  EXPECT_EQ(oil[0].first, "olive oil");
  EXPECT_EQ(complete_items(index_->corpus().ingredients, "c", 2).size(), 2u);
}

TEST_F(ExplorerTest, PercentilesMatchScipyWeak) {
  EXPECT_DOUBLE_EQ(index_->percentile(Measure::Minutes, 30), 50.0);
  EXPECT_DOUBLE_EQ(index_->percentile(Measure::Minutes, 60), 100.0);
  EXPECT_DOUBLE_EQ(index_->percentile(Measure::Minutes, 1), 0.0);
  EXPECT_DOUBLE_EQ(index_->percentile(Measure::Complexity, index_->corpus().complexity[1]), 50.0);
}

TEST_F(ExplorerTest, RecipePageAndReviews) {
  auto con = database_->connect();
  const auto page = recipe_page(con, *index_, 1);
  EXPECT_EQ(page["name"], "Chicken Curry");
  EXPECT_EQ(page["raw_name"], "Chicken  Curry");
  EXPECT_EQ(page["contributor_id"], 10);
  EXPECT_EQ(page["ingredients"].size(), 3u);
  EXPECT_EQ(page["steps"][0], "mix Chicken  Curry");
  EXPECT_DOUBLE_EQ(page["nutrition"][0]["pdv"].get<double>(), 26.0);  // 520 kcal of 2000
  EXPECT_DOUBLE_EQ(page["percentiles"]["minutes"].get<double>(), 500.0 / 6.0);
  EXPECT_EQ(page["rating"]["distribution"][3]["count"], 1);  // one 4
  EXPECT_EQ(page["rating"]["distribution"][4]["count"], 2);  // two 5
  ASSERT_EQ(page["rating"]["by_year"].size(), 2u);
  EXPECT_DOUBLE_EQ(page["rating"]["by_year"][1]["mean"].get<double>(), 4.5);  // 2007: 4 and 5
  EXPECT_EQ(page["similar"].size(), 2u);                                      // 2 shares chicken, 6 curry powder
  EXPECT_THROW(recipe_page(con, *index_, 99), NotFoundError);

  const auto reviews = recipe_reviews(con, *index_, 2, 1, 10);
  ASSERT_EQ(reviews["reviews"].size(), 2u);
  EXPECT_EQ(reviews["reviews"][0]["text"], test::kDecodedReview);  // newest first
  EXPECT_EQ(reviews["reviews"][1]["text"], test::kRawScriptReview);
  EXPECT_EQ(recipe_reviews(con, *index_, 2, 2, 1)["reviews"][0]["user_id"], 100);
  EXPECT_TRUE(recipe_reviews(con, *index_, 2, 3, 1)["reviews"].empty());
}

TEST_F(ExplorerTest, ContributorAndUserPages) {
  auto con = database_->connect();
  const auto contributor = contributor_page(con, *index_, 20);
  EXPECT_EQ(contributor["recipes"], 2);
  EXPECT_EQ(contributor["ratings_received"]["count"], 5);                        // 1 + 4
  EXPECT_DOUBLE_EQ(contributor["ratings_received"]["mean"].get<double>(), 3.0);  // (5 + 10) / 5
  EXPECT_EQ(contributor["best"][0]["id"], 3);
  EXPECT_EQ(contributor["latest"][0]["id"], 3);
  EXPECT_EQ(contributor["recipes_by_year"].size(), 2u);
  EXPECT_THROW(contributor_page(con, *index_, 999), NotFoundError);

  // User 100: 5 on recipe 1 (others 4, 5 -> +0.5), 3 on 2 (only rating: skipped), 2 on 4 (others 3, 4, 1 -> -0.667).
  const auto user = user_page(con, *index_, 100);
  EXPECT_EQ(user["ratings_count"], 3);
  EXPECT_NEAR(user["mean_given"].get<double>(), 10.0 / 3.0, 1e-12);
  EXPECT_NEAR(user["strictness"].get<double>(), (0.5 + (2.0 - 8.0 / 3.0)) / 2.0, 1e-12);
  EXPECT_EQ(user["strictness_recipes"], 2);
  ASSERT_EQ(user["favourite_tags"].size(), 2u);  // tags of recipe 1 (rated 5)
  EXPECT_EQ(user["favourite_tags"][0]["tag"], "indian");
  EXPECT_THROW(user_page(con, *index_, 555), NotFoundError);
}

// Rows stored out of id order, an orphan and a repeated item row, NULL cells: the corpus still comes out by
// id with sorted distinct items (the load reads tables in stored order and sorts on its side).
TEST(RecipeCorpusLoad, SortsByIdDropsOrphansAndRepeatsKeepsNulls) {
  db::Database database(":memory:");
  auto con = database.connect();
  con.execute(
      "CREATE TABLE recipes (id BIGINT, name VARCHAR, description VARCHAR, minutes BIGINT, n_steps INTEGER, "
      "calories DOUBLE, complexity DOUBLE, submitted DATE, contributor_id BIGINT)");
  con.execute(
      "INSERT INTO recipes VALUES (30, 'Third', NULL, 15, 2, NULL, 1.5, '2001-01-02', 7), "
      "(10, 'A name longer than twelve bytes', 'desc', NULL, 4, 100.5, NULL, NULL, NULL), "
      "(20, NULL, 'other', 60, NULL, 20, 2.5, '1970-01-11', 8)");
  con.execute("CREATE TABLE recipe_ingredients (recipe_id BIGINT, ingredient VARCHAR)");
  con.execute(
      "INSERT INTO recipe_ingredients VALUES (20, 'b'), (10, 'c'), (30, 'a'), (10, 'a'), (99, 'z'), (10, 'c'), "
      "(NULL, 'a'), (20, NULL)");
  con.execute("CREATE TABLE recipe_tags (recipe_id BIGINT, tag VARCHAR)");
  con.execute("INSERT INTO recipe_tags VALUES (30, 'easy'), (10, 'easy'), (30, 'quick')");
  con.execute("CREATE TABLE interactions (recipe_id BIGINT, rating INTEGER, is_clean BOOLEAN)");
  con.execute(
      "INSERT INTO interactions VALUES (10, 5, true), (30, 4, true), (10, 0, false), (77, 5, true), (10, 3, true)");
  const auto corpus = data::load_recipe_corpus(database);
  const auto list = [](auto items) { return std::vector<std::uint32_t>(items.begin(), items.end()); };
  ASSERT_EQ(corpus.ids, (std::vector<std::int64_t>{10, 20, 30}));
  EXPECT_EQ(corpus.names[0], "A name longer than twelve bytes");
  EXPECT_EQ(corpus.names[1], "");
  EXPECT_EQ(corpus.names[2], "Third");
  EXPECT_EQ(corpus.descriptions[0], "desc");
  EXPECT_EQ(corpus.descriptions[2], "");
  EXPECT_EQ(corpus.minutes, (std::vector<std::int64_t>{data::RecipeCorpus::kMissing, 60, 15}));
  EXPECT_EQ(corpus.n_steps, (std::vector<std::int64_t>{4, data::RecipeCorpus::kMissing, 2}));
  EXPECT_DOUBLE_EQ(corpus.calories[0], 100.5);
  EXPECT_TRUE(std::isnan(corpus.calories[2]));
  EXPECT_TRUE(std::isnan(corpus.complexity[0]));
  EXPECT_DOUBLE_EQ(corpus.complexity[1], 2.5);
  EXPECT_EQ(corpus.submitted, (std::vector<std::int32_t>{std::numeric_limits<std::int32_t>::min(), 10, 11324}));
  EXPECT_EQ(corpus.contributor_ids, (std::vector<std::int64_t>{data::RecipeCorpus::kMissing, 8, 7}));
  EXPECT_EQ(corpus.ingredients.items, (std::vector<std::string>{"a", "b", "c", "z"}));
  EXPECT_EQ(corpus.ingredients.recipe_counts, (std::vector<std::uint32_t>{3, 1, 2, 1}));
  EXPECT_EQ(list(corpus.recipe_ingredients[0]), (std::vector<std::uint32_t>{0, 2}));
  EXPECT_EQ(list(corpus.recipe_ingredients[1]), (std::vector<std::uint32_t>{1}));
  EXPECT_EQ(list(corpus.recipe_ingredients[2]), (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(corpus.tags.items, (std::vector<std::string>{"easy", "quick"}));
  EXPECT_EQ(list(corpus.recipe_tags[0]), (std::vector<std::uint32_t>{0}));
  EXPECT_TRUE(corpus.recipe_tags[1].empty());
  EXPECT_EQ(list(corpus.recipe_tags[2]), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(corpus.rating_counts, (std::vector<std::uint32_t>{2, 0, 1}));
  EXPECT_EQ(corpus.rating_sums, (std::vector<std::uint32_t>{8, 0, 4}));
  EXPECT_EQ(corpus.interaction_counts, (std::vector<std::uint32_t>{3, 0, 1}));
}

// Tag numbers take 16 bits: 65536 distinct tags load (the last numbered 65535), one more is a clear error
// rather than tags numbered wrong.
TEST(RecipeCorpusLoad, TagsBeyondSixteenBitsAreAClearError) {
  const auto load_with_tags = [](bool one_more) {
    db::Database database(":memory:");
    auto con = database.connect();
    con.execute(
        "CREATE TABLE recipes (id BIGINT, name VARCHAR, description VARCHAR, minutes BIGINT, n_steps INTEGER, "
        "calories DOUBLE, complexity DOUBLE, submitted DATE, contributor_id BIGINT)");
    con.execute("INSERT INTO recipes VALUES (1, 'One', NULL, 1, 1, NULL, NULL, NULL, NULL)");
    con.execute("CREATE TABLE recipe_ingredients (recipe_id BIGINT, ingredient VARCHAR)");
    con.execute("CREATE TABLE recipe_tags (recipe_id BIGINT, tag VARCHAR)");
    con.execute("INSERT INTO recipe_tags SELECT 1, printf('tag %06d', i) FROM range(65536) t(i)");
    if (one_more) con.execute("INSERT INTO recipe_tags VALUES (1, 'tag one more')");
    con.execute("CREATE TABLE interactions (recipe_id BIGINT, rating INTEGER, is_clean BOOLEAN)");
    return data::load_recipe_corpus(database);
  };
  const auto corpus = load_with_tags(false);
  ASSERT_EQ(corpus.recipe_tags[0].size(), 65536u);
  EXPECT_EQ(corpus.recipe_tags[0].back(), 65535u);
  EXPECT_EQ(corpus.tags.items[65535], "tag 065535");
  try {
    load_with_tags(true);
    FAIL() << "65537 tags loaded";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("65537 distinct tags"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mtm::analysis::explorer
