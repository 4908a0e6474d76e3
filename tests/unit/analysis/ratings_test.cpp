// Ratings page analyses on small hand-checkable databases; expected values come from the closed forms
// noted next to each assertion (WLS by hand with weights √n, Student t with 1 or 2 df).
#include <gtest/gtest.h>

#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "analysis_fixture.hpp"

namespace mtm::analysis {
namespace {

using mtm::test::AnalysisDb;
using mtm::test::by_id;
using Params = std::vector<std::pair<std::string, std::string>>;

nlohmann::json run(AnalysisDb& db, const std::string& id, const Params& params = {}) {
  const Analysis* a = find_analysis(id);
  EXPECT_NE(a, nullptr) << id;
  const Filters filters = parse_filters(params, a->filters, a->defaults);
  return localize(a->run(db.connection(), filters), filters.lang);
}

double metric(const nlohmann::json& r, const std::string& id) {
  const auto& m = by_id(r, "metrics", id);
  return m["value"].is_null() ? NAN : m["value"].get<double>();
}

// Months: 2010-01 (5, 5, 4, 4; mean 4.5), 2010-03 (5 ×4), 2010-04 (one 4), 2010-05 (5 ×4, 4 ×5; mean 40/9).
// With min_interactions = 2, April is excluded: x = 120, 122, 124 months since 2000-01, w = √n = 2, 2, 3.
void fill_months(AnalysisDb& db) {
  db.add_ratings("2010-01-05", 5, 2);
  db.add_ratings("2010-01-12", 4, 2);
  db.add_ratings("2010-03-02", 5, 4);
  db.add_ratings("2010-04-06", 4, 1);
  db.add_ratings("2010-05-04", 5, 4);
  db.add_ratings("2010-05-11", 4, 5);
  db.add_rating("2010-05-11", 0);  // review without stars: never counted
  db.finish();
}

TEST(RatingsTrend, WlsOnCalendarMonths) {
  AnalysisDb db;
  fill_months(db);
  const auto r = run(db, "ratings.trend", {{"min_interactions", "2"}});
  mtm::test::expect_valid_shape(r);
  EXPECT_NEAR(metric(r, "slope_per_month"), -0.029411764705882297, 1e-12);
  EXPECT_NEAR(metric(r, "slope_per_year"), 12 * -0.029411764705882297, 1e-11);
  EXPECT_NEAR(metric(r, "weighted_r2"), 0.040986717267552875, 1e-12);
  // One residual df: p = 1 − (2/π) atan|t|.
  EXPECT_NEAR(metric(r, "p_value"), 0.8702181296234834, 1e-9);
  EXPECT_EQ(r["months"]["kept"], 3);
  EXPECT_EQ(r["months"]["excluded"], 1);
  EXPECT_EQ(r["months"]["gaps"], true);
  const auto& rows = by_id(r, "charts", "monthly_mean")["data"]["rows"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "2010-03");
  EXPECT_DOUBLE_EQ(rows[1][1].get<double>(), 122);
  EXPECT_DOUBLE_EQ(rows[2][2].get<double>(), 9);
}

TEST(RatingsTrend, ThresholdExcludesThinMonths) {
  AnalysisDb db;
  fill_months(db);
  const auto r = run(db, "ratings.trend");  // default threshold 100: nothing left
  EXPECT_EQ(r["months"]["kept"], 0);
  EXPECT_EQ(r["months"]["excluded"], 4);
  EXPECT_TRUE(by_id(r, "metrics", "slope_per_month")["value"].is_null());
  EXPECT_TRUE(r["narrative"].is_array());
  const auto spring = run(db, "ratings.trend", {{"min_interactions", "2"}, {"seasons", "spring"}});
  EXPECT_EQ(spring["months"]["kept"], 2);
}

TEST(RatingsValidation, CvBiasAndVariances) {
  AnalysisDb db;
  fill_months(db);
  const auto r = run(db, "ratings.validation", {{"min_interactions", "2"}});
  mtm::test::expect_valid_shape(r);
  // Volumes 4, 4, 9: std (ddof 0) / mean.
  EXPECT_NEAR(metric(r, "cv_volumes"), 0.4159451654038514, 1e-12);
  EXPECT_NEAR(metric(r, "max_min_ratio"), 2.25, 1e-12);
  // OLS slope −1/72; |WLS − OLS| / |OLS|.
  EXPECT_NEAR(metric(r, "slope_bias"), 111.7647058823533, 1e-8);
  const auto& variance = by_id(r, "charts", "variance")["data"]["rows"];
  EXPECT_NEAR(variance[0][1].get<double>(), 0.0624142661179698, 1e-12);
  EXPECT_NEAR(variance[1][1].get<double>(), 0.05857898715041569, 1e-12);
}

TEST(RatingsDistribution, WeightedMeanAndStandardCi) {
  AnalysisDb db;
  fill_months(db);
  const auto r = run(db, "ratings.distribution", {{"min_interactions", "2"}});
  mtm::test::expect_valid_shape(r);
  EXPECT_NEAR(metric(r, "weighted_mean"), 4.6190476190476195, 1e-12);
  // t(0.975; 2) · √(Σw(x − μ)² / 2 / Σw).
  EXPECT_NEAR(metric(r, "ci_half_width"), 0.7363634547626708, 1e-6);
  // All 18 rated rows (April included: the star distribution does not use the month threshold).
  EXPECT_DOUBLE_EQ(metric(r, "ratings"), 18);
  EXPECT_NEAR(metric(r, "mean_rating"), 82.0 / 18, 1e-12);
  EXPECT_NEAR(metric(r, "pct_five_stars"), 1000.0 / 18, 1e-9);
  const auto& stars = by_id(r, "charts", "stars")["data"]["rows"];
  EXPECT_EQ(stars[3][1], 8);
  EXPECT_EQ(stars[0][1], 0);
}

// Seasons: winter {5, 4}, spring {5, 5, 3}, summer {5}, autumn {4, 4}, all in 2010.
void fill_seasons(AnalysisDb& db) {
  db.add_rating("2010-01-05", 5, 1);
  db.add_rating("2010-01-05", 4, 2);
  db.add_rating("2010-04-06", 5, 1);
  db.add_rating("2010-04-06", 5, 2);
  db.add_rating("2010-04-07", 3, 3);
  db.add_rating("2010-07-06", 5, 1);
  db.add_rating("2010-10-05", 4, 1);
  db.add_rating("2010-10-05", 4, 1);
  db.finish();
}

TEST(RatingsSeasonal, VolumesInCanonicalOrder) {
  AnalysisDb db;
  fill_seasons(db);
  const auto r = run(db, "ratings.seasonal");
  mtm::test::expect_valid_shape(r);
  const auto& rows = by_id(r, "tables", "seasons")["rows"];
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][0], "Winter");
  EXPECT_EQ(rows[3][0], "Autumn");
  EXPECT_DOUBLE_EQ(rows[1][3].get<double>(), 3);
  EXPECT_DOUBLE_EQ(rows[1][4].get<double>(), 3);  // three distinct users in spring
  EXPECT_DOUBLE_EQ(rows[3][4].get<double>(), 1);  // one user rated twice in autumn
  EXPECT_DOUBLE_EQ(metric(r, "total"), 8);
  EXPECT_NEAR(metric(r, "cv_volumes"), std::sqrt(0.5) / 2, 1e-12);
  EXPECT_DOUBLE_EQ(metric(r, "max_min_ratio"), 3);
  // Expected counts 8 · days / 365.25 (90.25, 92, 92, 91); chi-square 3 df closed form.
  const auto& gof = by_id(r, "tests", "chi_square_volume");
  EXPECT_NEAR(gof["statistic"].get<double>(), 0.9930497078045405, 1e-9);
  EXPECT_NEAR(gof["p"].get<double>(), 0.8029337173457224, 1e-9);
  EXPECT_EQ(r["partial_years"], nlohmann::json::array({2010}));
  const auto fr = run(db, "ratings.seasonal", {{"lang", "fr"}, {"seasons", "summer,winter"}});
  EXPECT_EQ(by_id(fr, "tables", "seasons")["rows"][0][0], "Hiver");
  EXPECT_DOUBLE_EQ(metric(fr, "total"), 3);
}

TEST(RatingsSeasonalVariations, AnovaKruskalAndQuantiles) {
  AnalysisDb db;
  fill_seasons(db);
  const auto r = run(db, "ratings.seasonal_variations");
  mtm::test::expect_valid_shape(r);
  // Grand mean 35/8; SSB = 17/24, SSW = 19/6: F = (17/72)/(19/24), df 3, 4;
  // sf = 1 − I_z(1.5, 2) with z = 3F/(3F + 4).
  const auto& anova = by_id(r, "tests", "anova");
  EXPECT_NEAR(anova["statistic"].get<double>(), 0.29824561403508776, 1e-9);
  EXPECT_NEAR(anova["p"].get<double>(), 0.8260452243392613, 1e-8);
  EXPECT_NEAR(anova["effect"].get<double>(), 0.18279569892473119, 1e-9);
  EXPECT_DOUBLE_EQ(metric(r, "best_season"), 5);
  EXPECT_DOUBLE_EQ(metric(r, "max_gap"), 1);
  EXPECT_NE(by_id(r, "metrics", "best_season")["label"]["text"].get<std::string>().find("Summer"), std::string::npos);
  const auto& spring = by_id(r, "tables", "seasons")["rows"][1];
  EXPECT_DOUBLE_EQ(spring[3].get<double>(), 5);  // median of 3, 5, 5
  EXPECT_DOUBLE_EQ(spring[5].get<double>(), 4);  // type-7 q25
  EXPECT_NEAR(spring[7].get<double>(), 200.0 / 3, 1e-9);
  const auto two = run(db, "ratings.seasonal_variations", {{"seasons", "winter,autumn"}});
  EXPECT_EQ(by_id(two, "tests", "anova")["df"], 1);
  const auto& dots = by_id(two, "charts", "mean_dots")["traces"][0];
  EXPECT_EQ(dots["type"], "scatter");
  EXPECT_EQ(dots["y"].size(), 2u);  // one dot per season kept, no closing point as the radar had
  EXPECT_EQ(dots["x"], by_id(two, "charts", "mean")["traces"][0]["y"]);
  EXPECT_EQ(dots["error_x"]["array"], by_id(two, "charts", "mean")["traces"][0]["error_y"]["array"]);
}

TEST(RatingsCatalogue, RegistersFiveAnalyses) {
  for (const char* id : {"ratings.validation", "ratings.trend", "ratings.distribution", "ratings.seasonal",
                         "ratings.seasonal_variations"}) {
    const Analysis* a = find_analysis(id);
    ASSERT_NE(a, nullptr) << id;
    EXPECT_EQ(a->page, "ratings");
    EXPECT_EQ(a->defaults.date_basis, "rating");
  }
  // Titles come from the catalogs' title messages.
  EXPECT_EQ(find_analysis("ratings.seasonal")->title_in("fr"), "Notes par saison");
  EXPECT_EQ(find_analysis("ratings.trend")->title_in("en"), "Rating trend over time");
}

}  // namespace
}  // namespace mtm::analysis
