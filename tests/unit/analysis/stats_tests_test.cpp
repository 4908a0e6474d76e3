// Hand-computed checks of the mtm::stats hypothesis tests, multiple testing, effect sizes and normality.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "analysis/stats/anova.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/effect_size.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/stats/normality.hpp"
#include "analysis/stats/rank_tests.hpp"
#include "analysis/stats/t_tests.hpp"

namespace st = mtm::stats;

namespace {

// Upper tail of chi-square with 1 df: P(Z² > x) = erfc(√(x/2)).
double chi2_1df_sf(double x) {
  return std::erfc(std::sqrt(x / 2));
}

std::vector<double> expand(const std::vector<std::int64_t>& counts) {
  std::vector<double> out;
  for (std::size_t k = 0; k < counts.size(); ++k) out.insert(out.end(), counts[k], static_cast<double>(k + 1));
  return out;
}

}  // namespace

TEST(StatsChiSquare, GoodnessOfFitAgainstUniform) {
  // Expected 20 each: (100 + 0 + 100)/20 = 10 on 2 df, whose survival function is exp(−x/2).
  const st::TestResult t = st::chi_square_gof(std::vector<double>{10, 20, 30});
  EXPECT_DOUBLE_EQ(t.statistic, 10.0);
  EXPECT_DOUBLE_EQ(t.df, 2.0);
  EXPECT_NEAR(t.p_value, std::exp(-5.0), 1e-15);
}

TEST(StatsChiSquare, TwoByTwoWithAndWithoutYates) {
  // E = 12, 18, 28, 42; |O − E| = 2 everywhere.
  const double inv = 1.0 / 12 + 1.0 / 18 + 1.0 / 28 + 1.0 / 42;
  const st::TestResult plain = st::chi_square_2x2(10, 20, 30, 40, false);
  EXPECT_NEAR(plain.statistic, 4 * inv, 1e-14);
  EXPECT_NEAR(plain.p_value, chi2_1df_sf(4 * inv), 1e-14);
  const st::TestResult yates = st::chi_square_2x2(10, 20, 30, 40, true);
  EXPECT_NEAR(yates.statistic, 1.5 * 1.5 * inv, 1e-14);
  EXPECT_DOUBLE_EQ(yates.df, 1.0);
}

TEST(StatsChiSquare, ZeroMarginAndMismatchedTotalsAreReasons) {
  EXPECT_EQ(st::chi_square_2x2(0, 5, 0, 7).reason, "zero_expected_count");
  EXPECT_EQ(st::chi_square_gof(std::vector<double>{10, 20}, std::vector<double>{10, 10}).reason, "sums_differ");
  EXPECT_EQ(st::chi_square_gof(std::vector<double>{10}).reason, "fewer_than_two_categories");
}

TEST(StatsAnova, TwoGroupsEqualsStudentTSquared) {
  const std::vector<double> a{1, 2, 3};
  const std::vector<double> b{4, 5, 6};
  const std::vector<std::span<const double>> groups{a, b};
  // SSB = 13.5, SSW = 4 → F = 13.5 on (1, 4).
  const st::TestResult f = st::one_way_anova(groups);
  EXPECT_NEAR(f.statistic, 13.5, 1e-13);
  EXPECT_EQ(f.df, 1.0);
  EXPECT_EQ(f.df2, 4.0);
  const st::TestResult t = st::student_t_test(a, b);
  EXPECT_NEAR(t.statistic, -3 / std::sqrt(2.0 / 3.0), 1e-13);
  EXPECT_NEAR(f.p_value, t.p_value, 1e-13);
}

TEST(StatsAnova, DegenerateGroups) {
  const std::vector<double> a{1, 1};
  const std::vector<double> b{2, 2, 2};
  const std::vector<double> empty;
  EXPECT_TRUE(std::isinf(st::one_way_anova(std::vector<std::span<const double>>{a, b}).statistic));
  EXPECT_EQ(st::one_way_anova(std::vector<std::span<const double>>{a, empty}).reason, "empty_group");
  EXPECT_EQ(st::one_way_anova(std::vector<std::span<const double>>{a, a}).reason, "constant_input");
  EXPECT_EQ(st::one_way_anova(std::vector<std::span<const double>>{a}).reason, "fewer_than_two_groups");
}

TEST(StatsTTest, WelchEqualsStudentForBalancedEqualVariances) {
  const std::vector<double> a{1, 2, 3};
  const std::vector<double> b{4, 5, 6};
  const st::TestResult w = st::welch_t_test(a, b);
  EXPECT_NEAR(w.df, 4.0, 1e-13);  // (1/3 + 1/3)² / ((1/9)/2 + (1/9)/2)
  EXPECT_NEAR(w.p_value, st::student_t_test(a, b).p_value, 1e-13);
  EXPECT_EQ(st::student_t_test(std::vector<double>{}, b).reason, "empty_group");
  EXPECT_EQ(st::welch_t_test(std::vector<double>{1}, b).reason, "group_of_one");
}

TEST(StatsMannWhitney, SeparatedGroupsByHand) {
  // U1 = 0, U2 = 9, μ = 4.5, σ = √(9·7/12); z = (9 − 4.5 − 0.5)/σ.
  const st::TestResult t = st::mann_whitney_u(std::vector<double>{1, 2, 3}, std::vector<double>{4, 5, 6});
  EXPECT_EQ(t.statistic, 0.0);
  const double z = 4.0 / std::sqrt(63.0 / 12.0);
  EXPECT_NEAR(t.p_value, std::erfc(z / std::sqrt(2.0)), 1e-15);
}

TEST(StatsMannWhitney, FromCountsEqualsExpandedSamples) {
  const std::vector<std::int64_t> a{2, 1, 0, 3, 7};
  const std::vector<std::int64_t> b{0, 2, 2, 1, 4};
  const st::TestResult from_counts = st::mann_whitney_from_counts(a, b);
  const st::TestResult from_samples = st::mann_whitney_u(expand(a), expand(b));
  EXPECT_NEAR(from_counts.statistic, from_samples.statistic, 1e-12);
  EXPECT_NEAR(from_counts.p_value, from_samples.p_value, 1e-14);
  EXPECT_EQ(st::mann_whitney_from_counts(std::vector<std::int64_t>{0, 0}, std::vector<std::int64_t>{1, 2}).reason,
            "empty_group");
}

TEST(StatsKruskal, TwoSeparatedGroupsByHand) {
  const std::vector<double> a{1, 2, 3};
  const std::vector<double> b{4, 5, 6};
  // Rank sums 6 and 15: H = 12/(6·7)·(36/3 + 225/3) − 21 = 27/7.
  const st::TestResult t = st::kruskal_wallis(std::vector<std::span<const double>>{a, b});
  EXPECT_NEAR(t.statistic, 27.0 / 7.0, 1e-13);
  EXPECT_NEAR(t.p_value, chi2_1df_sf(27.0 / 7.0), 1e-14);
}

TEST(StatsKruskal, FromCountsEqualsExpandedSamples) {
  const std::vector<std::vector<std::int64_t>> table{{5, 0, 3, 10, 40}, {2, 4, 6, 8, 30}, {1, 1, 1, 20, 25}};
  std::vector<std::vector<double>> samples;
  for (const auto& row : table) samples.push_back(expand(row));
  const std::vector<std::span<const double>> groups(samples.begin(), samples.end());
  const st::TestResult from_counts = st::kruskal_from_counts(table);
  const st::TestResult from_samples = st::kruskal_wallis(groups);
  EXPECT_NEAR(from_counts.statistic, from_samples.statistic, 1e-12);
  EXPECT_NEAR(from_counts.p_value, from_samples.p_value, 1e-13);
  EXPECT_EQ(from_counts.df, 2.0);
}

TEST(StatsKruskal, AllIdenticalAndEmptyGroupAreReasons) {
  EXPECT_EQ(st::kruskal_from_counts({{0, 4, 0}, {0, 3, 0}}).reason, "identical_values");
  EXPECT_EQ(st::kruskal_from_counts({{0, 4, 0}, {0, 0, 0}}).reason, "empty_group");
}

TEST(StatsBenjaminiHochberg, KnownList) {
  // Sorted 0.005, 0.01, 0.03, 0.04 → ·4/rank = 0.02, 0.02, 0.04, 0.04 (already monotone).
  const std::vector<double> adjusted = st::benjamini_hochberg(std::vector<double>{0.01, 0.04, 0.03, 0.005});
  const std::vector<double> expected{0.02, 0.04, 0.04, 0.02};
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(adjusted[i], expected[i], 1e-15) << i;
}

TEST(StatsBenjaminiHochberg, MonotoneFromTheTopCappedAtOneAndNaNKept) {
  // m = 3 (NaN excluded); sorted 0.04, 0.5, 0.9 get ·3/1, ·3/2, ·3/3, already monotone.
  const std::vector<double> adjusted = st::benjamini_hochberg(std::vector<double>{0.9, NAN, 0.04, 0.5});
  EXPECT_NEAR(adjusted[0], 0.9, 1e-15);  // rank 3: 0.9·3/3
  EXPECT_TRUE(std::isnan(adjusted[1]));
  EXPECT_NEAR(adjusted[2], 0.12, 1e-15);  // rank 1: 0.04·3
  EXPECT_NEAR(adjusted[3], 0.75, 1e-15);  // rank 2: 0.5·3/2
  EXPECT_EQ(st::benjamini_hochberg(std::vector<double>{1.0, 1.0})[0], 1.0);
}

TEST(StatsEffectSize, CohensDAndPercentBias) {
  EXPECT_DOUBLE_EQ(st::cohens_d(std::vector<double>{1, 2, 3}, std::vector<double>{4, 5, 6}), -3.0);
  EXPECT_TRUE(std::isnan(st::cohens_d(std::vector<double>{1, 1}, std::vector<double>{1, 1})));
  EXPECT_NEAR(st::percent_bias(1.1, 1.0), 10.0, 1e-12);
  EXPECT_TRUE(std::isnan(st::percent_bias(1.0, 0.0)));
}

TEST(StatsNormalQq, ThreeSymmetricPointsLieOnALine) {
  const st::QqPlot qq = st::normal_qq(std::vector<double>{3, 1, 2});
  ASSERT_TRUE(qq.ok()) << qq.reason;
  EXPECT_EQ(qq.ordered, (std::vector<double>{1, 2, 3}));
  // Filliben: middle median is exactly 1/2 → quantile 0; the ends are symmetric.
  EXPECT_NEAR(qq.theoretical[1], 0.0, 1e-15);
  EXPECT_NEAR(qq.theoretical[0], -qq.theoretical[2], 1e-15);
  EXPECT_NEAR(qq.r, 1.0, 1e-15);
  EXPECT_NEAR(qq.intercept, 2.0, 1e-15);
  EXPECT_EQ(st::normal_qq(std::vector<double>{4, 4, 4}).reason, "constant_input");
}

TEST(StatsShapiroWilk, ExactCaseForThreePoints) {
  // n = 3: a = (−1/√2, 0, 1/√2); for {1, 2, 4}: W = (3/√2)² / (42/9) = 27/28, p = (6/π)(asin√W − π/3).
  const st::TestResult t = st::shapiro_wilk(std::vector<double>{1, 2, 4});
  const double w = 27.0 / 28.0;
  EXPECT_NEAR(t.statistic, w, 1e-5);  // single precision like AS R94 / SciPy
  EXPECT_NEAR(t.p_value, 6 / M_PI * (std::asin(std::sqrt(w)) - M_PI / 3), 1e-4);
}

TEST(StatsShapiroWilk, OutOfRangeSizesAndConstantData) {
  EXPECT_EQ(st::shapiro_wilk(std::vector<double>{1, 2}).reason, "too_few_values");
  EXPECT_EQ(st::shapiro_wilk(std::vector<double>(5001, 1.0)).reason, "too_many_values");
  EXPECT_EQ(st::shapiro_wilk(std::vector<double>{2, 2, 2, 2}).reason, "constant_input");
}
