// Oracle tests of mtm::stats: tests/oracle/stats_oracle.py asks SciPy, statsmodels and NumPy (Debian's
// /usr/bin/python3) for reference values on random and degenerate inputs; every case is recomputed here and
// must agree to 1e-9 relative (1e-12 absolute near zero). NaN must appear exactly where the reference has NaN;
// where the reference raises, the C++ result must carry a reason instead.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "analysis/stats/anova.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/correlation.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/effect_size.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/stats/normality.hpp"
#include "analysis/stats/rank_tests.hpp"
#include "analysis/stats/regression.hpp"
#include "analysis/stats/t_tests.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
namespace st = mtm::stats;

constexpr double kRel = 1e-9;
constexpr double kAbs = 1e-12;

// The reference file is generated once and shared by the test processes ctest starts: it is rebuilt when
// missing or older than the script, written under a unique name and renamed into place atomically.
json load_cases() {
  const fs::path script = fs::path(MTM_SOURCE_DIR) / "tests/oracle/stats_oracle.py";
  const char* tmp_env = std::getenv("MTM_TEST_TMP");
  const fs::path dir = tmp_env ? fs::path(tmp_env) : fs::temp_directory_path();
  fs::create_directories(dir);
  const fs::path cached = dir / "stats_oracle_cases.json";
  std::error_code ec;
  if (!fs::exists(cached) || fs::last_write_time(cached, ec) < fs::last_write_time(script)) {
    const fs::path partial =
        dir /
        ("stats_oracle_cases." + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".json");
    std::string output;
    const int rc =
        mtm::test::run_command("/usr/bin/python3 " + script.string() + " --out " + partial.string(), &output);
    if (rc != 0) throw std::runtime_error("stats_oracle.py failed (" + std::to_string(rc) + "): " + output);
    fs::rename(partial, cached);
  }
  std::ifstream in(cached);
  return json::parse(in);
}

const json& cases() {
  static const json all = load_cases();
  return all;
}

std::vector<const json*> cases_of(const std::string& function) {
  std::vector<const json*> out;
  for (const json& c : cases()) {
    if (c.at("function") == function) out.push_back(&c);
  }
  return out;
}

double num(const json& v) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    throw std::runtime_error("not a number: " + s);
  }
  return v.get<double>();
}

std::vector<double> vec(const json& v) {
  std::vector<double> out;
  for (const json& x : v) out.push_back(num(x));
  return out;
}

bool raises(const json& expected) {
  return expected.is_object() && expected.contains("raises");
}

::testing::AssertionResult agree(double actual, double expected, double rel = kRel) {
  if (std::isnan(expected) || std::isnan(actual)) {
    if (std::isnan(expected) && std::isnan(actual)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "got " << actual << ", reference " << expected;
  }
  if (std::isinf(expected) || std::isinf(actual)) {
    if (actual == expected) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "got " << actual << ", reference " << expected;
  }
  const double diff = std::fabs(actual - expected);
  if (diff <= kAbs || diff <= rel * std::fabs(expected)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << std::setprecision(17) << "got " << actual << ", reference " << expected
                                       << " (relative error " << diff / std::fabs(expected) << ")";
}

// Band limits are fit ∓ q·se: near zero they cancel, so they are compared relative to |fit| + |q·se|. This
// matters at df = 1, where SciPy's t.ppf(0.975, 1) is 2e-11 off tan(0.475π) (Boost is exact there).
::testing::AssertionResult agree_band(double actual, double expected, double fit, double limit) {
  const double scale = std::fabs(fit) + std::fabs(limit - fit);
  if (std::fabs(actual - expected) <= kRel * scale + kAbs) return ::testing::AssertionSuccess();
  return agree(actual, expected);
}

void expect_band(const std::string& name, const std::string& what, double actual, double expected, double fit) {
  EXPECT_TRUE(agree_band(actual, expected, fit, actual)) << name << ": " << what;
}

#define EXPECT_AGREE(actual, expected, what) EXPECT_TRUE(agree((actual), (expected))) << name << ": " << (what)

void expect_all(const std::string& name, const std::string& what, const std::vector<double>& actual,
                const std::vector<double>& expected) {
  ASSERT_EQ(actual.size(), expected.size()) << name << ": " << what;
  for (std::size_t i = 0; i < actual.size(); ++i)
    EXPECT_AGREE(actual[i], expected[i], what + "[" + std::to_string(i) + "]");
}

TEST(StatsOracle, ReferenceScriptProducesEveryFunction) {
  for (const char* f :
       {"quantiles", "moments", "z_scores", "weighted_moments", "ols", "wls", "correlation", "probplot", "shapiro",
        "chisquare", "chi2_contingency", "groups", "two_sample", "rank_counts", "bh", "cohens_h"}) {
    EXPECT_FALSE(cases_of(f).empty()) << f;
  }
}

TEST(StatsOracle, QuantilesMatchNumpyType7) {
  for (const json* c : cases_of("quantiles")) {
    const std::string name = c->at("name");
    const std::vector<double> x = vec(c->at("inputs").at("x"));
    const std::vector<double> q = vec(c->at("inputs").at("q"));
    const std::vector<double> expected = vec(c->at("expected").at("values"));
    expect_all(name, "quantiles", st::quantiles(x, q), expected);
    for (std::size_t i = 0; i < q.size(); ++i)
      EXPECT_AGREE(st::quantile(x, q[i]), expected[i], "quantile " + std::to_string(q[i]));
  }
}

TEST(StatsOracle, MomentsMatchNumpy) {
  for (const json* c : cases_of("moments")) {
    const std::string name = c->at("name");
    const std::vector<double> x = vec(c->at("inputs").at("x"));
    const json& e = c->at("expected");
    EXPECT_AGREE(st::mean(x), num(e.at("mean")), "mean");
    EXPECT_AGREE(st::variance(x, 0), num(e.at("var0")), "var ddof 0");
    EXPECT_AGREE(st::variance(x, 1), num(e.at("var1")), "var ddof 1");
    EXPECT_AGREE(st::std_dev(x, 0), num(e.at("std0")), "std ddof 0");
    EXPECT_AGREE(st::std_dev(x, 1), num(e.at("std1")), "std ddof 1");
    EXPECT_AGREE(st::median(x), num(e.at("median")), "median");
    EXPECT_AGREE(st::coefficient_of_variation(x, 0), num(e.at("cv0")), "cv");
  }
}

TEST(StatsOracle, ZScoresMatchScipy) {
  for (const json* c : cases_of("z_scores")) {
    const std::string name = c->at("name");
    const std::vector<double> x = vec(c->at("inputs").at("x"));
    expect_all(name, "ddof 0", st::z_scores(x, 0), vec(c->at("expected").at("ddof0")));
    expect_all(name, "ddof 1", st::z_scores(x, 1), vec(c->at("expected").at("ddof1")));
  }
}

TEST(StatsOracle, WeightedMomentsMatchNumpyAverage) {
  for (const json* c : cases_of("weighted_moments")) {
    const std::string name = c->at("name");
    const std::vector<double> x = vec(c->at("inputs").at("x"));
    const std::vector<double> w = vec(c->at("inputs").at("w"));
    const json& e = c->at("expected");
    EXPECT_AGREE(st::weighted_mean(x, w), num(e.at("mean")), "weighted mean");
    EXPECT_AGREE(st::weighted_variance(x, w), num(e.at("var")), "weighted variance");
    EXPECT_AGREE(st::weighted_std(x, w), num(e.at("std")), "weighted std");
  }
}

void check_regression(const std::string& name, const st::LinearFit& fit, const std::vector<double>& x,
                      const std::vector<double>& w, const json& e) {
  if (raises(e)) {
    EXPECT_FALSE(fit.ok()) << name << ": reference raised " << e.at("raises");
    EXPECT_TRUE(std::isnan(fit.slope)) << name;
    return;
  }
  if (e.contains("linregress") && raises(e.at("linregress"))) {
    EXPECT_EQ(fit.reason, "constant_x") << name;
    return;
  }
  const std::vector<double> params = vec(e.at("params"));
  EXPECT_AGREE(fit.intercept, params[0], "intercept");
  EXPECT_AGREE(fit.slope, params[1], "slope");
  if (!e.contains("bse")) {  // n = 2: statsmodels has no residual df; we report NaN inference with a reason
    EXPECT_EQ(fit.reason, "too_few_values") << name;
    EXPECT_TRUE(std::isnan(fit.slope_se) && std::isnan(fit.slope_p)) << name;
    return;
  }
  const std::vector<double> bse = vec(e.at("bse"));
  const std::vector<double> tv = vec(e.at("tvalues"));
  const std::vector<double> pv = vec(e.at("pvalues"));
  EXPECT_AGREE(fit.intercept_se, bse[0], "intercept se");
  EXPECT_AGREE(fit.slope_se, bse[1], "slope se");
  if (std::fabs(tv[1]) > 1e12) {
    // Exact fit: statsmodels' t is rounding noise (~1e15); ours is the exact ±inf. Both give p = 0.
    EXPECT_TRUE(std::isinf(fit.slope_t) && std::isinf(fit.intercept_t)) << name << ": exact-fit t";
  } else {
    EXPECT_AGREE(fit.intercept_t, tv[0], "intercept t");
    EXPECT_AGREE(fit.slope_t, tv[1], "slope t");
  }
  EXPECT_AGREE(fit.intercept_p, pv[0], "intercept p");
  EXPECT_AGREE(fit.slope_p, pv[1], "slope p");
  EXPECT_AGREE(fit.r_squared, num(e.at("rsquared")), "weighted R²");
  EXPECT_AGREE(fit.scale, num(e.at("scale")), "scale");
  const json& in = e.at("in_sample");
  for (std::size_t i = 0; i < x.size(); ++i) {
    // In-sample statsmodels bands use each row's own weight.
    const st::Prediction p = st::predict(fit, x[i], w[i], 0.95);
    const std::string at = " at row " + std::to_string(i);
    EXPECT_AGREE(p.fit, num(in.at("mean")[i]), "fit" + at);
    EXPECT_AGREE(p.se_mean, num(in.at("mean_se")[i]), "mean se" + at);
    expect_band(name, "mean ci lower" + at, p.mean_lower, num(in.at("mean_ci_lower")[i]), p.fit);
    expect_band(name, "mean ci upper" + at, p.mean_upper, num(in.at("mean_ci_upper")[i]), p.fit);
    expect_band(name, "obs ci lower" + at, p.obs_lower, num(in.at("obs_ci_lower")[i]), p.fit);
    expect_band(name, "obs ci upper" + at, p.obs_upper, num(in.at("obs_ci_upper")[i]), p.fit);
  }
  const std::vector<double> new_x = vec(e.at("new_x"));
  const std::vector<st::Prediction> out = st::predict(fit, new_x, 0.90);
  const json& oos = e.at("out_of_sample_90");
  for (std::size_t i = 0; i < new_x.size(); ++i) {
    const std::string at = " at new x " + std::to_string(new_x[i]);
    EXPECT_AGREE(out[i].fit, num(oos.at("mean")[i]), "fit" + at);
    EXPECT_AGREE(out[i].se_mean, num(oos.at("mean_se")[i]), "mean se" + at);
    expect_band(name, "90% mean ci lower" + at, out[i].mean_lower, num(oos.at("mean_ci_lower")[i]), out[i].fit);
    expect_band(name, "90% mean ci upper" + at, out[i].mean_upper, num(oos.at("mean_ci_upper")[i]), out[i].fit);
    expect_band(name, "90% obs ci lower" + at, out[i].obs_lower, num(oos.at("obs_ci_lower")[i]), out[i].fit);
    expect_band(name, "90% obs ci upper" + at, out[i].obs_upper, num(oos.at("obs_ci_upper")[i]), out[i].fit);
  }
  if (e.contains("linregress")) {
    const json& lr = e.at("linregress");
    EXPECT_AGREE(fit.slope, num(lr.at("slope")), "linregress slope");
    EXPECT_AGREE(fit.intercept, num(lr.at("intercept")), "linregress intercept");
    EXPECT_AGREE(fit.slope_se, num(lr.at("stderr")), "linregress stderr");
    EXPECT_AGREE(fit.intercept_se, num(lr.at("intercept_stderr")), "linregress intercept stderr");
    EXPECT_AGREE(fit.slope_p, num(lr.at("pvalue")), "linregress p");
  }
}

TEST(StatsOracle, OlsMatchesStatsmodelsAndLinregress) {
  for (const json* c : cases_of("ols")) {
    const std::string name = c->at("name");
    const std::vector<double> x = vec(c->at("inputs").at("x"));
    const std::vector<double> y = vec(c->at("inputs").at("y"));
    check_regression(name, st::ols(x, y), x, std::vector<double>(x.size(), 1.0), c->at("expected"));
  }
}

TEST(StatsOracle, WlsMatchesStatsmodels) {
  for (const json* c : cases_of("wls")) {
    const std::string name = c->at("name");
    const std::vector<double> x = vec(c->at("inputs").at("x"));
    const std::vector<double> y = vec(c->at("inputs").at("y"));
    const std::vector<double> w = vec(c->at("inputs").at("w"));
    check_regression(name, st::wls(x, y, w), x, w, c->at("expected"));
  }
}

void check_correlation(const std::string& name, const std::string& what, const st::Correlation& r, const json& e) {
  if (raises(e)) {
    EXPECT_FALSE(r.ok()) << name << ": " << what << ": reference raised " << e.at("raises");
    return;
  }
  EXPECT_AGREE(r.r, num(e.at("r")), what + " r");
  if (e.contains("p")) {
    EXPECT_AGREE(r.p_value, num(e.at("p")), what + " p");
  }
  const bool any_nan = std::isnan(num(e.at("r"))) || (e.contains("p") && std::isnan(num(e.at("p"))));
  EXPECT_EQ(any_nan, !r.ok()) << name << ": " << what << " reason '" << r.reason << "' must explain NaN, only NaN";
}

TEST(StatsOracle, CorrelationsMatchScipy) {
  for (const json* c : cases_of("correlation")) {
    const std::string name = c->at("name");
    const std::vector<double> x = vec(c->at("inputs").at("x"));
    const std::vector<double> y = vec(c->at("inputs").at("y"));
    const std::vector<double> w = vec(c->at("inputs").at("w"));
    const json& e = c->at("expected");
    check_correlation(name, "pearson", st::pearson(x, y), e.at("pearson"));
    check_correlation(name, "spearman", st::spearman(x, y), e.at("spearman"));
    check_correlation(name, "kendall tau-b", st::kendall_tau_b(x, y), e.at("kendall"));
    const st::Correlation ws = st::weighted_spearman(x, y, w);
    EXPECT_AGREE(ws.r, num(e.at("weighted_spearman").at("r")), "weighted spearman r");
    EXPECT_TRUE(std::isnan(ws.p_value)) << name << ": weighted Spearman has no p-value";
  }
}

TEST(StatsOracle, NormalQqMatchesProbplot) {
  for (const json* c : cases_of("probplot")) {
    const std::string name = c->at("name");
    const std::vector<double> x = vec(c->at("inputs").at("x"));
    const json& e = c->at("expected");
    const st::QqPlot qq = st::normal_qq(x);
    expect_all(name, "osm", qq.theoretical, vec(e.at("osm")));
    expect_all(name, "osr", qq.ordered, vec(e.at("osr")));
    EXPECT_AGREE(qq.slope, num(e.at("slope")), "slope");
    EXPECT_AGREE(qq.intercept, num(e.at("intercept")), "intercept");
    if (name == "probplot/constant") {
      // Documented deviation: SciPy's linregress reports r = 0 for constant data; r is undefined, so NaN.
      EXPECT_EQ(num(e.at("r")), 0.0) << name;
      EXPECT_TRUE(std::isnan(qq.r)) << name;
      EXPECT_EQ(qq.reason, "constant_input") << name;
    } else {
      EXPECT_AGREE(qq.r, num(e.at("r")), "r");
    }
  }
}

TEST(StatsOracle, ShapiroWilkMatchesScipy) {
  for (const json* c : cases_of("shapiro")) {
    const std::string name = c->at("name");
    const std::vector<double> x = vec(c->at("inputs").at("x"));
    const json& e = c->at("expected");
    const st::TestResult r = st::shapiro_wilk(x);
    if (raises(e)) {
      EXPECT_EQ(r.reason, "too_few_values") << name << ": reference raised " << e.at("raises");
      continue;
    }
    if (name == "shapiro/constant") {
      // Documented deviation: SciPy warns "range zero" and returns W = 1, p = 1; W is undefined, so NaN.
      EXPECT_EQ(num(e.at("w")), 1.0) << name;
      EXPECT_EQ(r.reason, "constant_input") << name;
      EXPECT_TRUE(std::isnan(r.statistic) && std::isnan(r.p_value)) << name;
      continue;
    }
    EXPECT_AGREE(r.statistic, num(e.at("w")), "W");
    EXPECT_AGREE(r.p_value, num(e.at("p")), "p");
  }
}

TEST(StatsOracle, ChiSquareGoodnessOfFitMatchesScipy) {
  for (const json* c : cases_of("chisquare")) {
    const std::string name = c->at("name");
    const json& in = c->at("inputs");
    const std::vector<double> obs = vec(in.at("observed"));
    const int ddof = in.contains("ddof") ? in.at("ddof").get<int>() : 0;
    const st::TestResult r = in.contains("expected") ? st::chi_square_gof(obs, vec(in.at("expected")), ddof)
                             : ddof == 0
                                 ? st::chi_square_gof(obs)
                                 : st::chi_square_gof(obs, std::vector<double>(obs.size(), st::mean(obs)), ddof);
    const json& e = c->at("expected");
    if (raises(e)) {
      EXPECT_EQ(r.reason, "sums_differ") << name << ": reference raised " << e.at("raises");
      continue;
    }
    EXPECT_AGREE(r.statistic, num(e.at("stat")), "chi2");
    EXPECT_AGREE(r.p_value, num(e.at("p")), "p");
  }
}

TEST(StatsOracle, ChiSquareContingencyMatchesScipy) {
  for (const json* c : cases_of("chi2_contingency")) {
    const std::string name = c->at("name");
    std::vector<std::vector<double>> table;
    for (const json& row : c->at("inputs").at("table")) table.push_back(vec(row));
    const st::TestResult r = st::chi_square_contingency(table, c->at("inputs").at("yates").get<bool>());
    const json& e = c->at("expected");
    if (raises(e)) {
      EXPECT_EQ(r.reason, "zero_expected_count") << name << ": reference raised " << e.at("raises");
      continue;
    }
    EXPECT_AGREE(r.statistic, num(e.at("stat")), "chi2");
    EXPECT_AGREE(r.p_value, num(e.at("p")), "p");
    EXPECT_AGREE(r.df, num(e.at("dof")), "dof");
  }
}

TEST(StatsOracle, AnovaAndKruskalMatchScipy) {
  for (const json* c : cases_of("groups")) {
    const std::string name = c->at("name");
    std::vector<std::vector<double>> data;
    for (const json& g : c->at("inputs").at("groups")) data.push_back(vec(g));
    const std::vector<std::span<const double>> groups(data.begin(), data.end());
    const json& e = c->at("expected");
    const st::TestResult anova = st::one_way_anova(groups);
    EXPECT_AGREE(anova.statistic, num(e.at("anova").at("stat")), "F");
    EXPECT_AGREE(anova.p_value, num(e.at("anova").at("p")), "ANOVA p");
    EXPECT_EQ(std::isnan(anova.statistic), !anova.ok()) << name << ": ANOVA reason " << anova.reason;
    const st::TestResult kw = st::kruskal_wallis(groups);
    if (raises(e.at("kruskal"))) {
      EXPECT_EQ(kw.reason, "identical_values") << name << ": reference raised " << e.at("kruskal").at("raises");
      continue;
    }
    EXPECT_AGREE(kw.statistic, num(e.at("kruskal").at("stat")), "H");
    EXPECT_AGREE(kw.p_value, num(e.at("kruskal").at("p")), "Kruskal p");
    EXPECT_EQ(std::isnan(kw.statistic), !kw.ok()) << name << ": Kruskal reason " << kw.reason;
  }
}

void check_test(const std::string& name, const std::string& what, const st::TestResult& r, const json& e) {
  if (raises(e)) {
    EXPECT_FALSE(r.ok()) << name << ": " << what << ": reference raised " << e.at("raises");
    EXPECT_TRUE(std::isnan(r.p_value)) << name << ": " << what;
    return;
  }
  EXPECT_AGREE(r.statistic, num(e.at("stat")), what + " statistic");
  EXPECT_AGREE(r.p_value, num(e.at("p")), what + " p");
  EXPECT_EQ(std::isnan(r.p_value), !r.ok()) << name << ": " << what << " reason '" << r.reason << "'";
}

TEST(StatsOracle, TwoSampleTestsMatchScipy) {
  for (const json* c : cases_of("two_sample")) {
    const std::string name = c->at("name");
    const std::vector<double> a = vec(c->at("inputs").at("a"));
    const std::vector<double> b = vec(c->at("inputs").at("b"));
    const json& e = c->at("expected");
    check_test(name, "student t", st::student_t_test(a, b), e.at("student"));
    check_test(name, "welch t", st::welch_t_test(a, b), e.at("welch"));
    check_test(name, "mann-whitney", st::mann_whitney_u(a, b), e.at("mannwhitney"));
    EXPECT_AGREE(st::cohens_d(a, b), num(e.at("cohens_d")), "cohen's d");
  }
}

TEST(StatsOracle, CohensHMatchesStatsmodels) {
  for (const json* c : cases_of("cohens_h")) {
    const std::string name = c->at("name");
    const json& in = c->at("inputs");
    EXPECT_AGREE(st::cohens_h(num(in.at("p1")), num(in.at("p2"))), num(c->at("expected").at("h")), "cohen's h");
  }
}

TEST(StatsOracle, RankTestsFromCountsMatchScipyOnExpandedSamples) {
  for (const json* c : cases_of("rank_counts")) {
    const std::string name = c->at("name");
    std::vector<std::vector<std::int64_t>> table;
    for (const json& row : c->at("inputs").at("table")) table.push_back(row.get<std::vector<std::int64_t>>());
    const json& e = c->at("expected");
    const st::TestResult kw = st::kruskal_from_counts(table);
    EXPECT_AGREE(kw.statistic, num(e.at("kruskal")[0]), "H");
    EXPECT_AGREE(kw.p_value, num(e.at("kruskal")[1]), "Kruskal p");
    const st::TestResult mw = st::mann_whitney_from_counts(table[0], table[1]);
    EXPECT_AGREE(mw.statistic, num(e.at("mannwhitney")[0]), "U");
    EXPECT_AGREE(mw.p_value, num(e.at("mannwhitney")[1]), "Mann-Whitney p");
  }
}

TEST(StatsOracle, BenjaminiHochbergMatchesStatsmodels) {
  for (const json* c : cases_of("bh")) {
    const std::string name = c->at("name");
    const std::vector<double> p = vec(c->at("inputs").at("p"));
    expect_all(name, "adjusted p", st::benjamini_hochberg(p), vec(c->at("expected").at("adjusted")));
  }
}

}  // namespace
