// Facets of a large result set come from a bounded random sample of it (SearchQuery::facet_sample_size):
// on a generated corpus whose exact counts the test builds itself, every scaled count lies within the
// stated 95 % margin, and small result sets stay exact.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"
#include "analysis/explorer/search.hpp"
#include "data/duckdb.hpp"
#include "data/explorer_corpus.hpp"
#include "support/recipe_db.hpp"

namespace mtm::analysis::explorer {
namespace {

constexpr std::int64_t kRecipes = 3000;

// Tags and ingredients with shares from 3 % to 100 %, some periodic in the recipe id (a sample that
// followed the id order would be biased on them), some pseudo-random.
std::vector<test::RecipeRow> generated_recipes() {
  std::vector<test::RecipeRow> rows;
  std::uint64_t h = 12345;
  for (std::int64_t id = 1; id <= kRecipes; ++id) {
    h = h * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto r = static_cast<int>((h >> 33U) % 100);
    test::RecipeRow row{id, "2010-01-01"};
    row.tags = {"all"};
    if (id % 2 == 0) row.tags.push_back("even");
    if (id % 3 == 0) row.tags.push_back("third");
    if (id % 7 == 0) row.tags.push_back("seventh");
    if (r < 40) row.tags.push_back("common");
    if (r % 33 == 0) row.tags.push_back("rare");
    row.ingredients = {"salt"};
    if (r >= 70) row.ingredients.push_back("butter");
    if (id % 4 == 1) row.ingredients.push_back("egg");
    if (r % 10 < 5) row.ingredients.push_back("flour");
    rows.push_back(row);
  }
  return rows;
}

class FacetSampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = new db::Database(":memory:");
    const auto rows = generated_recipes();
    test::create_small_db(*database_, rows);
    index_ = new ExplorerIndex(data::load_recipe_corpus(*database_));
    for (const auto& row : rows) {
      for (const auto& t : row.tags) ++exact_tags_[t];
      for (const auto& i : row.ingredients) ++exact_ingredients_[i];
    }
  }
  static void TearDownTestSuite() {
    delete index_;
    delete database_;
  }

  static inline db::Database* database_ = nullptr;
  static inline ExplorerIndex* index_ = nullptr;
  static inline std::map<std::string, std::uint32_t> exact_tags_;
  static inline std::map<std::string, std::uint32_t> exact_ingredients_;
};

TEST(FacetCountMargin, IsTheFinitePopulationCorrectedWorstCaseMargin) {
  // 1.96 · 3000 · sqrt(0.25 / 500 · 2500 / 2999), computed by hand: 120.045
  EXPECT_NEAR(facet_count_margin(3000, 500), 1.96 * 3000 * std::sqrt(0.25 / 500 * 2500.0 / 2999.0), 1e-9);
  EXPECT_NEAR(facet_count_margin(3000, 500), 120.045, 1e-3);
  EXPECT_EQ(facet_count_margin(3000, 3000), 0.0);
  EXPECT_EQ(facet_count_margin(3000, 0), 0.0);
  EXPECT_LT(facet_count_margin(40000, 4000), facet_count_margin(40000, 1000));
}

TEST_F(FacetSampleTest, LargeSetsCountASampleWithinTheStatedMargin) {
  SearchQuery q;
  q.facet_sample_size = 500;
  const auto r = search(*index_, q);
  ASSERT_EQ(r.total, static_cast<std::size_t>(kRecipes));
  EXPECT_TRUE(r.facets_sampled);
  EXPECT_EQ(r.facet_sample_size, 500u);
  EXPECT_NEAR(r.facet_margin, facet_count_margin(3000, 500), 1e-9);
  ASSERT_EQ(r.tag_facets.size(), exact_tags_.size());
  ASSERT_EQ(r.ingredient_facets.size(), exact_ingredients_.size());
  const auto check = [&](const std::vector<FacetCount>& facets, const std::map<std::string, std::uint32_t>& exact) {
    for (const auto& f : facets) {
      // Counted on 500 of 3000 results: each count is 6 × a sample count of at most 500.
      EXPECT_EQ(f.count % 6, 0u) << f.value;
      EXPECT_LE(f.count, 3000u) << f.value;
      EXPECT_LE(std::abs(static_cast<double>(f.count) - exact.at(f.value)), r.facet_margin)
          << f.value << ": " << f.count << " vs exact " << exact.at(f.value);
    }
  };
  check(r.tag_facets, exact_tags_);
  check(r.ingredient_facets, exact_ingredients_);
  EXPECT_EQ(r.tag_facets[0].value, "all");  // on every recipe, so in every sample
  EXPECT_EQ(r.tag_facets[0].count, 3000u);
  // The minutes / calories / rating buckets stay exact (they cost nothing beyond the ranking pass).
  EXPECT_EQ(r.minutes_facets[1].count, 3000u);  // every generated recipe takes 30 minutes
  // Same query, same sample: the counts and their order are deterministic.
  const auto again = search(*index_, q);
  for (std::size_t i = 0; i < r.tag_facets.size(); ++i) {
    EXPECT_EQ(again.tag_facets[i].value, r.tag_facets[i].value);
    EXPECT_EQ(again.tag_facets[i].count, r.tag_facets[i].count);
  }
}

TEST_F(FacetSampleTest, SetsUpToTheSampleSizeStayExact) {
  SearchQuery q;
  q.facet_sample_size = 3000;
  const auto r = search(*index_, q);
  EXPECT_FALSE(r.facets_sampled);
  EXPECT_EQ(r.facet_sample_size, 0u);
  EXPECT_EQ(r.facet_margin, 0.0);
  ASSERT_EQ(r.tag_facets.size(), exact_tags_.size());
  for (const auto& f : r.tag_facets) EXPECT_EQ(f.count, exact_tags_.at(f.value)) << f.value;
  for (const auto& f : r.ingredient_facets) EXPECT_EQ(f.count, exact_ingredients_.at(f.value)) << f.value;
}

}  // namespace
}  // namespace mtm::analysis::explorer
