// The in-memory calendar cells against the general SQL path they replace: the scope equals
// scope_predicate() on every filter combination, per-group summaries equal DuckDB's avg, stddev_samp,
// quantile_cont, min and max, rank tests from the sorted columns equal the tests on the raw values, and
// the item cells read from ingest's table equal those recomputed from the base tables.
#include "analysis/cells.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <span>

#include "analysis/group_tests.hpp"
#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "analysis/scope.hpp"
#include "analysis/stats/rank_tests.hpp"
#include "data/ingest_summaries.hpp"
#include "support/recipe_db.hpp"

namespace mtm::analysis {
namespace {

using test::RecipeRow;

class CellsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Spread over years, every season, weekdays and weekends, ties in minutes, one unclean row and one
    // row outside the grid's years.
    std::vector<RecipeRow> rows = {
        {1, "2001-01-01", 10, 3, 5, 300, {"salt", "butter"}, {"easy"}},
        {2, "2001-07-02", 20, 4, 5, 310, {"salt"}, {"easy"}},
        {3, "2001-07-07", 20, 5, 6, 320, {"salt", "basil"}, {"summer"}},
        {4, "2002-04-06", 40, 6, 6, 330, {"salt"}, {}},
        {5, "2002-04-08", 50, 7, 7, 340, {"butter"}, {}},
        {6, "2002-10-07", 60, 8, 7, 350, {"salt"}, {}},
        {7, "2002-10-08", 70, 9, 8, 360, {}, {}},
        {8, "2002-12-02", 80, 3, 8, 370, {"salt"}, {"easy"}},
        {9, "2003-06-02", 20, 4, 9, 380, {"salt", "basil"}, {}},
        {10, "2003-06-08", 100, 5, 9, 390, {"basil"}, {}},
        {11, "2003-06-04", 5000, 6, 10, 400, {"basil", "salt"}, {}, false},
        {12, "2003-11-15", 45, 7, 10, 410, {"butter"}, {"easy"}},
        {13, "1985-03-03", 30, 8, 11, 420, {"salt"}, {}},
    };
    // user, recipe, date, rating: users 1 and 2 rate in two seasons, user 3 in one; the 0 is not a rating.
    std::vector<test::InteractionRow> ratings = {
        {1, 1, "2005-01-10", 5}, {1, 2, "2005-07-10", 4}, {2, 1, "2005-01-11", 3}, {2, 3, "2006-07-09", 5},
        {3, 1, "2006-01-15", 4}, {3, 1, "2006-01-16", 2}, {4, 2, "2006-07-10", 0},
    };
    test::create_small_db(database_, rows, ratings);
    con_.emplace(database_.connect());
  }

  // The filter combinations every equivalence is checked on.
  static std::vector<Filters> filter_sets() {
    std::vector<Filters> out(6);
    out[1].year_from = 2002;
    out[1].year_to = 2002;
    out[2].seasons = {"winter", "summer"};
    out[3].days = {1, 6, 7};
    out[4].clean_only = false;
    out[5].seasons = {"summer"};
    out[5].days = {1, 3};
    out[5].clean_only = false;
    return out;
  }

  std::vector<std::vector<db::Value>> sql(const std::string& text, const Filters& f) {
    db::PreparedStatement statement(*con_, text);
    bind_scope(statement, 1, f);
    return statement.execute().rows();
  }

  static double as_double(const db::Value& v) {
    if (std::holds_alternative<std::int64_t>(v)) return static_cast<double>(std::get<std::int64_t>(v));
    if (std::holds_alternative<double>(v)) return std::get<double>(v);
    return NAN;
  }

  db::Database database_{""};
  std::optional<db::Connection> con_;
};

TEST_F(CellsTest, GridIndexRoundTrips) {
  const int cell = CellGrid::index(2003, 6, 4, true);
  EXPECT_EQ(CellGrid::year(cell), 2003);
  EXPECT_EQ(CellGrid::month(cell), 6);
  EXPECT_EQ(CellGrid::weekday(cell), 4);
  EXPECT_TRUE(CellGrid::clean(cell));
  EXPECT_EQ(CellGrid::season(cell), 2);
  EXPECT_EQ(CellGrid::season(CellGrid::index(2003, 12, 1, false)), 0);
  EXPECT_EQ(CellGrid::season(CellGrid::index(2003, 11, 1, false)), 3);
  EXPECT_EQ(CellGrid::index(1989, 1, 1, true), -1);
  EXPECT_EQ(CellGrid::index(2031, 1, 1, true), -1);
}

TEST_F(CellsTest, ScopeSelectsTheRowsOfTheSqlPredicate) {
  const auto cells = recipe_cells(*con_);
  for (const auto& f : filter_sets()) {
    const auto scope = CellGrid::scope(f);
    double in_cells = 0;
    for (std::size_t c = 0; c < CellGrid::kSize; ++c) in_cells += scope[c] ? cells->count[c] : 0;
    const auto rows = sql("SELECT count(*) FROM recipes WHERE " + scope_predicate(), f);
    EXPECT_EQ(in_cells, as_double(rows[0][0])) << f.canonical();
  }
}

TEST_F(CellsTest, SummariesEqualDuckDbAggregates) {
  for (const auto& f : filter_sets()) {
    for (const std::string column : {"minutes", "complexity", "calories"}) {
      const auto groups = cell_groups(CellGrid::scope(f), CellGrid::season);
      const auto summary = summarize(*sorted_column(*con_, column), groups, 4, {0.1, 0.25, 0.5, 0.9});
      const auto rows =
          sql("SELECT CASE season WHEN 'winter' THEN 0 WHEN 'spring' THEN 1 WHEN 'summer' THEN 2 ELSE 3 "
              "END, count(" +
                  column + "), avg(" + column + "), stddev_samp(" + column + "), min(" + column + "), max(" + column +
                  "), quantile_cont(" + column + ", [0.1, 0.25, 0.5, 0.9]) FROM " + "recipes WHERE " +
                  scope_predicate() + " GROUP BY 1",
              f);
      double seen = 0;
      for (const auto& row : rows) {
        const auto& g = summary.at(static_cast<std::size_t>(as_double(row[0])));
        const std::string where = f.canonical() + " " + column;
        EXPECT_EQ(g.n, as_double(row[1])) << where;
        EXPECT_NEAR(g.mean, as_double(row[2]), 1e-9 * std::fabs(g.mean)) << where;
        if (g.n > 1) {
          EXPECT_NEAR(g.sd(), as_double(row[3]), 1e-9 * g.sd() + 1e-12) << where;
        }
        EXPECT_EQ(g.min, as_double(row[4])) << where;
        EXPECT_EQ(g.max, as_double(row[5])) << where;
        // The quantile list arrives as text "[a, b, c, d]".
        const std::string list = std::get<std::string>(row[6]);
        std::vector<double> q;
        for (std::size_t p = 1; p < list.size();) {
          std::size_t used = 0;
          q.push_back(std::stod(list.substr(p), &used));
          p += used + 2;
        }
        ASSERT_EQ(q.size(), 4u);
        for (std::size_t k = 0; k < 4; ++k) EXPECT_NEAR(g.quantiles[k], q[k], 1e-9 * std::fabs(q[k])) << where;
        seen += g.n;
      }
      double total = 0;
      for (const auto& g : summary) total += g.n;
      EXPECT_EQ(total, seen) << "groups the SQL does not have";
    }
  }
}

TEST_F(CellsTest, RankTestsEqualTheTestsOnRawValues) {
  for (const auto& f : filter_sets()) {
    const auto scope = CellGrid::scope(f);
    const auto column = sorted_column(*con_, "minutes");
    // Raw values per group, from the same rows.
    std::vector<std::vector<double>> by_season(4);
    std::vector<std::vector<double>> by_period(2);
    for (std::size_t i = 0; i < column->values.size(); ++i) {
      const int cell = column->cells[i];
      if (!scope[static_cast<std::size_t>(cell)]) continue;
      by_season[static_cast<std::size_t>(CellGrid::season(cell))].push_back(column->values[i]);
      by_period[CellGrid::weekday(cell) >= 6 ? 1 : 0].push_back(column->values[i]);
    }
    const RankSums ranks = rank_sums(*column, cell_groups(scope, CellGrid::season), 4);
    std::vector<double> sums;
    std::vector<double> sizes;
    std::vector<std::span<const double>> nonempty_groups;
    for (std::size_t g = 0; g < 4; ++g) {
      EXPECT_EQ(ranks.sizes[g], static_cast<double>(by_season[g].size()));
      if (by_season[g].empty()) continue;
      sums.push_back(ranks.sums[g]);
      sizes.push_back(ranks.sizes[g]);
      nonempty_groups.emplace_back(by_season[g]);
    }
    if (nonempty_groups.size() >= 2) {
      const auto expected = stats::kruskal_wallis(nonempty_groups);
      const auto actual = stats::kruskal_from_rank_sums(sums, sizes, ranks.tie_term);
      EXPECT_NEAR(actual.statistic, expected.statistic, 1e-9 * std::fabs(expected.statistic)) << f.canonical();
      EXPECT_NEAR(actual.p_value, expected.p_value, 1e-9) << f.canonical();
    }
    if (!by_period[0].empty() && !by_period[1].empty()) {
      const RankSums r =
          rank_sums(*column, cell_groups(scope, [](int c) { return CellGrid::weekday(c) >= 6 ? 1 : 0; }), 2);
      EXPECT_EQ(r.sizes[0], static_cast<double>(by_period[0].size()));
      EXPECT_EQ(r.sizes[1], static_cast<double>(by_period[1].size()));
      const auto expected = stats::mann_whitney_u(by_period[1], by_period[0]);
      const auto actual = mann_whitney_from_rank_sum(r.sums[1], r.sizes[1], r.sizes[0], r.tie_term);
      EXPECT_NEAR(actual.statistic, expected.statistic, 1e-9 * std::fabs(expected.statistic)) << f.canonical();
      EXPECT_NEAR(actual.p_value, expected.p_value, 1e-12) << f.canonical();
    }
  }
}

TEST_F(CellsTest, ItemCellsFromIngestTableEqualTheBaseTables) {
  for (const ItemSource* source : {&ingredient_source(), &tag_source()}) {
    const auto general = item_cells(*con_, *source);
    data::build_summary_tables(*con_);  // a write: drops the derived data, so the next read uses the table
    const auto fast = item_cells(*con_, *source);
    EXPECT_NE(general.get(), fast.get());
    EXPECT_EQ(fast->names, general->names);
    EXPECT_EQ(fast->begin, general->begin);
    EXPECT_EQ(fast->cells, general->cells);
    EXPECT_EQ(fast->counts, general->counts);
    EXPECT_EQ(fast->recipes_with_items, general->recipes_with_items);
    con_->execute("DROP TABLE item_cells");
  }
  // Counted by hand: salt is in recipes 1, 2, 3, 4, 6, 8, 9, 11 (and 13, outside the grid).
  const auto salt = item_cells(*con_, ingredient_source());
  const auto at =
      static_cast<std::size_t>(std::find(salt->names.begin(), salt->names.end(), "salt") - salt->names.begin());
  double total = 0;
  for (std::size_t e = salt->begin[at]; e < salt->begin[at + 1]; ++e) total += salt->counts[e];
  EXPECT_EQ(total, 8);
  // Recipes with at least one tag: 1, 2, 3, 8, 12.
  const auto tags = item_cells(*con_, tag_source());
  double tagged = 0;
  for (double v : tags->recipes_with_items) tagged += v;
  EXPECT_EQ(tagged, 5);
}

TEST_F(CellsTest, DistinctRatersMatchCountDistinct) {
  const auto people = rating_people(*con_);
  for (const auto& f : filter_sets()) {
    for (int season = 0; season < 4; ++season) {
      const auto scope = CellGrid::scope(f);
      std::vector<char> chosen(CellGrid::kSize, 0);
      for (std::size_t c = 0; c < CellGrid::kSize; ++c)
        chosen[c] = scope[c] && CellGrid::season(static_cast<int>(c)) == season;
      const auto [users, recipes] = distinct_people(*people, chosen);
      db::PreparedStatement statement(*con_,
                                      "SELECT count(DISTINCT user_id), count(DISTINCT recipe_id) FROM "
                                      "interactions WHERE rating BETWEEN 1 AND 5 AND " +
                                          scope_predicate() +
                                          " AND CASE season WHEN 'winter' THEN 0 WHEN 'spring' THEN 1 WHEN "
                                          "'summer' THEN 2 ELSE 3 END = ?");
      statement.bind(bind_scope(statement, 1, f), season);
      const auto row = statement.execute().rows()[0];
      EXPECT_EQ(users, as_double(row[0])) << f.canonical() << " season " << season;
      EXPECT_EQ(recipes, as_double(row[1])) << f.canonical() << " season " << season;
    }
  }
  // The precomputed whole-season counts: winter has users 1, 2, 3 and recipe 1; summer users 1, 2 and
  // recipes 2, 3 (the 0-star review does not count).
  EXPECT_EQ(people->clean_users[0], 3);
  EXPECT_EQ(people->clean_recipes[0], 1);
  EXPECT_EQ(people->clean_users[2], 2);
  EXPECT_EQ(people->clean_recipes[2], 2);
  EXPECT_EQ(people->clean_users[1], 0);
}

TEST_F(CellsTest, WritesDropTheDerivedData) {
  const auto before = recipe_cells(*con_);
  con_->execute("DELETE FROM recipes WHERE id = 1");
  const auto after = recipe_cells(*con_);
  const auto cell = static_cast<std::size_t>(CellGrid::index(2001, 1, 1, true));
  EXPECT_EQ(before->count[cell], 1);
  EXPECT_EQ(after->count[cell], 0);
}

TEST_F(CellsTest, FrenchNarrativesWriteSeasonsInLowerCaseMidSentence) {
  for (const char* id : {"seasonality.duration", "seasonality.volume"}) {
    const Analysis* a = find_analysis(id);
    ASSERT_NE(a, nullptr);
    const auto result = localize(a->run(*con_, parse_filters({{"lang", "fr"}}, a->filters, a->defaults)), "fr");
    std::string text;
    for (const auto& sentence : result["narrative"]) text += sentence["text"].get<std::string>() + "\n";
    for (const char* capitalised :
         {"en Hiver", "en Printemps", "en Été", "en Automne", "et Hiver", "et Printemps", "et Été", "et Automne"}) {
      EXPECT_EQ(text.find(capitalised), std::string::npos) << id << ": " << text;
    }
    if (std::string(id) == "seasonality.duration") {
      // Clean minutes: autumn has the highest mean (60, 70, 45 → 58.3) and summer the lowest (20, 20, 20, 100).
      EXPECT_NE(text.find("plus élevé en automne, plus bas en été"), std::string::npos) << text;
    }
  }
}

}  // namespace
}  // namespace mtm::analysis
