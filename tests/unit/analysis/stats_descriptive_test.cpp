// Hand-computed checks of mtm::stats descriptive statistics (quantiles, moments, weights, z-scores).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "analysis/stats/descriptive.hpp"

namespace st = mtm::stats;

TEST(StatsQuantile, MedianOfFourIsMidpoint) {
  const std::vector<double> x{1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(st::quantile(x, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(st::median(x), 2.5);
}

TEST(StatsQuantile, InterpolatesLinearlyBetweenOrderStatisticsType7) {
  const std::vector<double> x{4, 1, 3, 2};  // unsorted on purpose
  // Type 7: position q·(n − 1) = 0.75 → 1 + 0.75·(2 − 1).
  EXPECT_DOUBLE_EQ(st::quantile(x, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(st::quantile(x, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(st::quantile(x, 1.0), 4.0);
  const std::vector<double> qs{0.25, 0.75, 0.9};
  const std::vector<double> got = st::quantiles(x, qs);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_DOUBLE_EQ(got[0], 1.75);
  EXPECT_DOUBLE_EQ(got[1], 3.25);
  EXPECT_DOUBLE_EQ(got[2], 3.7);
}

TEST(StatsQuantile, EmptyOrNaNInputGivesNaN) {
  EXPECT_TRUE(std::isnan(st::quantile(std::vector<double>{}, 0.5)));
  EXPECT_TRUE(std::isnan(st::quantile(std::vector<double>{1.0, NAN, 3.0}, 0.5)));
}

TEST(StatsQuantile, RejectsProbabilityOutsideUnitInterval) {
  const std::vector<double> x{1, 2};
  EXPECT_THROW(st::quantile(x, 1.5), std::invalid_argument);
  EXPECT_THROW(st::quantile(x, -0.1), std::invalid_argument);
  EXPECT_THROW(st::quantile(x, NAN), std::invalid_argument);
}

TEST(StatsMoments, VarianceHonoursDdof) {
  const std::vector<double> x{1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(st::mean(x), 2.5);
  EXPECT_DOUBLE_EQ(st::variance(x, 0), 1.25);       // (2.25 + 0.25 + 0.25 + 2.25) / 4
  EXPECT_DOUBLE_EQ(st::variance(x, 1), 5.0 / 3.0);  // … / 3
  EXPECT_DOUBLE_EQ(st::std_dev(x, 0), std::sqrt(1.25));
  EXPECT_TRUE(std::isnan(st::variance(std::vector<double>{7.0}, 1)));
  EXPECT_TRUE(std::isnan(st::mean(std::vector<double>{})));
}

TEST(StatsMoments, MeanUsesCompensatedSummation) {
  // A naive left-to-right sum loses the 1 entirely: (1e16 + 1) − 1e16 = 0.
  const std::vector<double> x{1e16, 1.0, -1e16};
  EXPECT_DOUBLE_EQ(st::mean(x), 1.0 / 3.0);
}

TEST(StatsMoments, CoefficientOfVariationIsStdOverMean) {
  const std::vector<double> x{2, 4};
  EXPECT_DOUBLE_EQ(st::coefficient_of_variation(x, 0), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(st::coefficient_of_variation(x, 1), std::sqrt(2.0) / 3.0);
  EXPECT_TRUE(std::isnan(st::coefficient_of_variation(std::vector<double>{-1, 1}, 0)));
}

TEST(StatsWeighted, MeanAndPopulationVarianceByHand) {
  const std::vector<double> x{1, 3};
  const std::vector<double> w{1, 3};
  EXPECT_DOUBLE_EQ(st::weighted_mean(x, w), 2.5);  // (1 + 9) / 4
  // (1·1.5² + 3·0.5²) / 4 = 0.75
  EXPECT_DOUBLE_EQ(st::weighted_variance(x, w), 0.75);
  EXPECT_DOUBLE_EQ(st::weighted_std(x, w), std::sqrt(0.75));
}

TEST(StatsWeighted, UnitWeightsGiveThePopulationMoments) {
  const std::vector<double> x{2, 9, 4, 4};
  const std::vector<double> w(4, 1.0);
  EXPECT_DOUBLE_EQ(st::weighted_mean(x, w), st::mean(x));
  EXPECT_DOUBLE_EQ(st::weighted_variance(x, w), st::variance(x, 0));
}

TEST(StatsWeighted, NegativeOrZeroTotalWeightGivesNaN) {
  const std::vector<double> x{1, 2};
  EXPECT_TRUE(std::isnan(st::weighted_mean(x, std::vector<double>{1, -1})));
  EXPECT_TRUE(std::isnan(st::weighted_variance(x, std::vector<double>{0, 0})));
}

TEST(StatsWeighted, MismatchedLengthsAreAProgrammerError) {
  EXPECT_THROW(st::weighted_mean(std::vector<double>{1, 2}, std::vector<double>{1}), std::invalid_argument);
}

TEST(StatsZScores, StandardiseWithChosenDdof) {
  const std::vector<double> x{1, 2, 3};
  const std::vector<double> z1 = st::z_scores(x, 1);  // sample std = 1
  EXPECT_DOUBLE_EQ(z1[0], -1.0);
  EXPECT_DOUBLE_EQ(z1[1], 0.0);
  EXPECT_DOUBLE_EQ(z1[2], 1.0);
  const std::vector<double> z0 = st::z_scores(x, 0);  // population std = √(2/3)
  EXPECT_DOUBLE_EQ(z0[2], 1.0 / std::sqrt(2.0 / 3.0));
}

TEST(StatsZScores, ConstantInputGivesAllNaN) {
  for (double z : st::z_scores(std::vector<double>{5, 5, 5}, 0)) EXPECT_TRUE(std::isnan(z));
}
