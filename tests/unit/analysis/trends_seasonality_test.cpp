// The trends and seasonality analyses on a hand-made database of 11 recipes whose expected values are
// worked out by hand below (or, for WLS and Kruskal-Wallis, with statsmodels / SciPy on the same inputs).
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "support/recipe_db.hpp"

namespace mtm::analysis {
namespace {

using test::RecipeRow;

class PagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // id, date (ISO weekday, season), minutes, ingredients
    std::vector<RecipeRow> rows = {
        {1, "2001-01-01", 10, 5, 5, 300, {"salt", "butter"}, {"easy"}},     // Mon, winter
        {2, "2001-07-02", 20, 5, 5, 300, {"salt"}, {"easy"}},               // Mon, summer
        {3, "2001-07-07", 30, 5, 5, 300, {"salt", "basil"}, {"summer"}},    // Sat, summer
        {4, "2002-04-06", 40, 5, 5, 300, {"salt"}, {}},                     // Sat, spring
        {5, "2002-04-08", 50, 5, 5, 300, {"butter"}, {}},                   // Mon, spring
        {6, "2002-10-07", 60, 5, 5, 300, {"salt"}, {}},                     // Mon, autumn
        {7, "2002-10-08", 70, 5, 5, 300, {}, {}},                           // Tue, autumn
        {8, "2002-12-02", 80, 5, 5, 300, {"salt"}, {}},                     // Mon, winter
        {9, "2003-06-02", 90, 5, 5, 300, {"salt", "basil"}, {}},            // Mon, summer
        {10, "2003-06-03", 100, 5, 5, 300, {"basil"}, {}},                  // Tue, summer
        {11, "2003-06-04", 5000, 5, 5, 300, {"basil", "salt"}, {}, false},  // Wed, summer, not clean
    };
    test::create_small_db(database_, rows);
  }

  nlohmann::json run(const std::string& id, const std::vector<std::pair<std::string, std::string>>& params = {}) {
    const Analysis* a = find_analysis(id);
    EXPECT_NE(a, nullptr) << id;
    auto con = database_.connect();
    const Filters filters = parse_filters(params, a->filters, a->defaults);
    return localize(a->run(con, filters), filters.lang);
  }

  static const nlohmann::json& chart(const nlohmann::json& result, const std::string& id) {
    for (const auto& c : result["charts"]) {
      if (c["id"] == id) return c;
    }
    throw std::runtime_error("no chart " + id);
  }

  static const nlohmann::json& find_by(const nlohmann::json& list, const std::string& id) {
    for (const auto& t : list) {
      if (t["id"] == id) return t;
    }
    throw std::runtime_error("no entry " + id);
  }

  db::Database database_{""};
};

TEST_F(PagesTest, TrendsVolumeCountsCleanRecipesPerYear) {
  auto r = run("trends.volume");
  const auto& rows = chart(r, "volume_by_year")["data"]["rows"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], 2001);
  EXPECT_EQ(rows[0][1], 3);
  EXPECT_EQ(rows[1][1], 5);
  EXPECT_EQ(rows[2][1], 2);  // recipe 11 is not clean
  EXPECT_EQ(find_by(r["metrics"], "total")["value"], 10);
  EXPECT_NEAR(find_by(r["metrics"], "mean_per_year")["value"].get<double>(), 10.0 / 3, 1e-12);
  EXPECT_EQ(r["peak_year"], 2002);
  EXPECT_TRUE(r["narrative"].is_array());
}

TEST_F(PagesTest, TrendsVolumeFiltersChangeTheCounts) {
  auto all_rows = run("trends.volume", {{"clean_only", "false"}});
  EXPECT_EQ(chart(all_rows, "volume_by_year")["data"]["rows"][2][1], 3);
  auto mondays = run("trends.volume", {{"days", "mon"}});
  const auto& rows = chart(mondays, "volume_by_year")["data"]["rows"];
  EXPECT_EQ(rows[0][1], 2);  // 2001: ids 1, 2
  EXPECT_EQ(rows[1][1], 3);  // 2002: ids 5, 6, 8
  EXPECT_EQ(rows[2][1], 1);  // 2003: id 9
  auto summer = run("trends.volume", {{"seasons", "summer"}, {"year_from", "2002"}});
  const auto& summer_rows = chart(summer, "volume_by_year")["data"]["rows"];
  ASSERT_EQ(summer_rows.size(), 1u);
  EXPECT_EQ(summer_rows[0][0], 2003);
  EXPECT_EQ(summer_rows[0][1], 2);
}

TEST_F(PagesTest, TrendsDurationWlsMatchesStatsmodels) {
  auto r = run("trends.duration");
  const auto& rows = chart(r, "duration_by_year")["data"]["rows"];
  EXPECT_DOUBLE_EQ(rows[0][2].get<double>(), 20.0);  // mean of 10, 20, 30
  EXPECT_DOUBLE_EQ(rows[1][2].get<double>(), 60.0);
  EXPECT_DOUBLE_EQ(rows[2][2].get<double>(), 95.0);
  EXPECT_DOUBLE_EQ(rows[1][3].get<double>(), 60.0);  // median of 40..80
  EXPECT_DOUBLE_EQ(rows[1][4].get<double>(), 50.0);  // type-7 Q25 of 40,50,60,70,80
  EXPECT_DOUBLE_EQ(rows[1][5].get<double>(), 70.0);  // Q75
  // statsmodels WLS(y=[20,60,95], x=[2001,2002,2003], weights=[3,5,2]): slope 37.7551020..., p 0.02977982
  EXPECT_NEAR(r["regression"]["mean"]["slope"].get<double>(), 37.755102040816, 1e-9);
  EXPECT_NEAR(r["regression"]["mean"]["p"].get<double>(), 0.02977982, 1e-7);
  auto wide = run("trends.duration", {{"band_low", "0"}, {"band_high", "1"}});
  const auto& wide_rows = chart(wide, "duration_by_year")["data"]["rows"];
  EXPECT_DOUBLE_EQ(wide_rows[1][4].get<double>(), 40.0);
  EXPECT_DOUBLE_EQ(wide_rows[1][5].get<double>(), 80.0);
}

TEST_F(PagesTest, TrendsIngredientsUsePresenceAndFirstLastYearShares) {
  auto r = run("trends.ingredients", {{"min_frequency", "0"}});
  const auto& top = chart(r, "top_items")["data"]["rows"];
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0][0], "salt");
  EXPECT_EQ(top[0][1], 7);
  EXPECT_EQ(top[1][0], "basil");
  EXPECT_EQ(top[1][1], 3);
  const auto& rises = chart(r, "rises")["data"]["rows"];
  ASSERT_EQ(rises.size(), 1u);
  EXPECT_EQ(rises[0][0], "basil");
  EXPECT_NEAR(rises[0][3].get<double>(), 1.0 - 1.0 / 3, 1e-12);
  const auto& falls = chart(r, "falls")["data"]["rows"];
  ASSERT_EQ(falls.size(), 2u);
  EXPECT_EQ(falls[0][0], "salt");
  EXPECT_NEAR(falls[0][3].get<double>(), -0.5, 1e-12);
  const auto& diversity = chart(r, "diversity")["data"]["rows"];
  EXPECT_EQ(diversity[0][1], 3);  // 2001: salt, butter, basil
  EXPECT_EQ(diversity[1][1], 2);  // 2002: salt, butter
  EXPECT_EQ(diversity[2][1], 2);  // 2003: salt, basil
  auto top1 = run("trends.ingredients", {{"min_frequency", "0"}, {"top_n", "1"}});
  EXPECT_EQ(chart(top1, "top_items")["data"]["rows"].size(), 1u);
}

TEST_F(PagesTest, SeasonalityVolumeChiSquareMatchesScipy) {
  auto r = run("seasonality.volume");
  const auto& rows = chart(r, "volume_by_season")["data"]["rows"];
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "winter");
  EXPECT_EQ(rows[0][1], 2);
  EXPECT_EQ(rows[2][0], "summer");
  EXPECT_EQ(rows[2][1], 4);
  const auto& chi = find_by(r["tests"], "chi_square_uniform");
  // scipy.stats.chisquare([2, 2, 4, 2]) -> statistic 1.2, p 0.753004311656458
  EXPECT_NEAR(chi["statistic"].get<double>(), 1.2, 1e-12);
  EXPECT_NEAR(chi["p"].get<double>(), 0.753004311656458, 1e-12);
}

TEST_F(PagesTest, SeasonalityDurationKruskalMatchesScipy) {
  auto r = run("seasonality.duration");
  const auto& kw = find_by(r["tests"], "minutes_kruskal");
  // scipy.stats.kruskal([10, 80], [40, 50], [20, 30, 90, 100], [60, 70])
  EXPECT_NEAR(kw["statistic"].get<double>(), 0.7636363636363654, 1e-12);
  EXPECT_NEAR(kw["p"].get<double>(), 0.8581434717170631, 1e-12);
  const auto& rows = chart(r, "minutes_by_season")["data"]["rows"];
  EXPECT_EQ(rows[2][0], "summer");
  EXPECT_DOUBLE_EQ(rows[2][2].get<double>(), 60.0);  // mean of 20, 30, 90, 100
  auto two = run("seasonality.duration", {{"seasons", "winter,spring"}});
  EXPECT_EQ(chart(two, "minutes_by_season")["data"]["rows"].size(), 2u);
}

TEST_F(PagesTest, EveryAnalysisReturnsConsistentJsonOnTheSmallDatabase) {
  for (const auto& a : analyses()) {
    auto con = database_.connect();
    nlohmann::json r;
    ASSERT_NO_THROW(r = a.run(con, a.defaults)) << a.id;
    EXPECT_EQ(localize(r, "en")["narrative"].size(), localize(r, "fr")["narrative"].size()) << a.id;
    // The localized result is kept alive for the loop (a temporary's subobject would dangle).
    const auto french = localize(r, "fr");
    for (const auto& c : french["charts"]) {
      EXPECT_FALSE(c["traces"].empty()) << a.id << " " << c["id"];
      const auto& title = c["title"];
      EXPECT_FALSE(title.value("text", title.value("fr", std::string())).empty()) << a.id;
      EXPECT_FALSE(c["layout"].contains("range")) << a.id;
    }
  }
}

}  // namespace
}  // namespace mtm::analysis
