// Hand-computed checks of mtm::stats OLS / WLS and their bands.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "analysis/stats/regression.hpp"

namespace st = mtm::stats;

TEST(StatsOls, ThreePointFitByHand) {
  // x̄ = 1, ȳ = 2, Sxx = 2, Sxy = 1 → slope 0.5, intercept 1.5; residuals −0.5, 1, −0.5 → SSR 1.5, df 1.
  const st::LinearFit fit = st::ols(std::vector<double>{0, 1, 2}, std::vector<double>{1, 3, 2});
  ASSERT_TRUE(fit.ok()) << fit.reason;
  EXPECT_DOUBLE_EQ(fit.slope, 0.5);
  EXPECT_DOUBLE_EQ(fit.intercept, 1.5);
  EXPECT_DOUBLE_EQ(fit.scale, 1.5);
  EXPECT_DOUBLE_EQ(fit.slope_se, std::sqrt(0.75));
  EXPECT_DOUBLE_EQ(fit.r_squared, 0.25);  // 1 − 1.5 / 2
  // t = 1/√3 on 1 df (Cauchy): p = 1 − 2·atan(1/√3)/π = 2/3.
  EXPECT_NEAR(fit.slope_p, 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(fit.df_resid, 1.0);
}

TEST(StatsWls, WeightsActLikeRepeatedRowsForTheLine) {
  // Weight 2 on the last point: x̄_w = 1.25, ȳ_w = 2, Sxx = 2.75, Sxy = 1 → slope 4/11, intercept 17/11.
  const st::LinearFit fit =
      st::wls(std::vector<double>{0, 1, 2}, std::vector<double>{1, 3, 2}, std::vector<double>{1, 1, 2});
  ASSERT_TRUE(fit.ok()) << fit.reason;
  EXPECT_NEAR(fit.slope, 4.0 / 11.0, 1e-15);
  EXPECT_NEAR(fit.intercept, 17.0 / 11.0, 1e-15);
  const st::LinearFit repeated = st::ols(std::vector<double>{0, 1, 2, 2}, std::vector<double>{1, 3, 2, 2});
  EXPECT_NEAR(fit.slope, repeated.slope, 1e-15);
  EXPECT_NEAR(fit.r_squared, repeated.r_squared, 1e-15);
}

TEST(StatsWls, WeightedRSquaredFollowsTheAppDefinition) {
  const std::vector<double> x{1999, 2000, 2001, 2002, 2003};
  const std::vector<double> y{40.1, 39.2, 39.9, 38.1, 37.5};
  const std::vector<double> w{120, 800, 2500, 4000, 3100};
  const st::LinearFit fit = st::wls(x, y, w);
  ASSERT_TRUE(fit.ok()) << fit.reason;
  // R²_w = 1 − [Σw(y − ŷ)²/Σw] / [Σw(y − ȳ_w)²/Σw], computed here independently.
  double sw = 0, swy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sw += w[i];
    swy += w[i] * y[i];
  }
  const double ybar = swy / sw;
  double ssr = 0, sst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = y[i] - (fit.intercept + fit.slope * x[i]);
    ssr += w[i] * r * r;
    sst += w[i] * (y[i] - ybar) * (y[i] - ybar);
  }
  EXPECT_NEAR(fit.r_squared, 1 - (ssr / sw) / (sst / sw), 1e-12);
  EXPECT_LT(fit.slope, 0);
}

TEST(StatsRegression, ConstantXIsUndefined) {
  const st::LinearFit fit = st::ols(std::vector<double>{3, 3, 3}, std::vector<double>{1, 2, 3});
  EXPECT_EQ(fit.reason, "constant_x");
  EXPECT_TRUE(std::isnan(fit.slope));
}

TEST(StatsRegression, TwoPointsGiveTheLineButNoInference) {
  const st::LinearFit fit = st::ols(std::vector<double>{1, 3}, std::vector<double>{2, 5});
  EXPECT_EQ(fit.reason, "too_few_values");
  EXPECT_DOUBLE_EQ(fit.slope, 1.5);
  EXPECT_DOUBLE_EQ(fit.intercept, 0.5);
  EXPECT_TRUE(std::isnan(fit.slope_se));
  EXPECT_TRUE(std::isnan(fit.slope_p));
}

TEST(StatsRegression, TooFewPointsNegativeWeightsAndNaNAreReasons) {
  EXPECT_EQ(st::ols(std::vector<double>{1}, std::vector<double>{1}).reason, "too_few_values");
  EXPECT_EQ(st::wls(std::vector<double>{1, 2, 3}, std::vector<double>{1, 2, 3}, std::vector<double>{1, -1, 1}).reason,
            "negative_weight");
  EXPECT_EQ(st::ols(std::vector<double>{1, NAN, 3}, std::vector<double>{1, 2, 3}).reason, "nan_input");
  EXPECT_THROW(st::ols(std::vector<double>{1, 2}, std::vector<double>{1}), std::invalid_argument);
}

TEST(StatsPrediction, BandsAreNarrowestAtTheWeightedMeanOfX) {
  const st::LinearFit fit = st::ols(std::vector<double>{0, 1, 2, 3}, std::vector<double>{1, 3, 2, 5});
  const st::Prediction centre = st::predict(fit, 1.5);
  // At x̄ the mean standard error is σ̂/√n.
  EXPECT_NEAR(centre.se_mean, std::sqrt(fit.scale / 4.0), 1e-15);
  EXPECT_NEAR(centre.se_obs, std::sqrt(fit.scale / 4.0 + fit.scale), 1e-15);
  const st::Prediction edge = st::predict(fit, 3.0);
  EXPECT_GT(edge.mean_upper - edge.mean_lower, centre.mean_upper - centre.mean_lower);
  EXPECT_LT(centre.obs_lower, centre.mean_lower);
  EXPECT_GT(centre.obs_upper, centre.mean_upper);
  // On 2 df the t quantile has a closed form: q = (2p − 1)/√(2p(1 − p)), p = 0.975; half-width = q·se.
  const double q = 0.95 / std::sqrt(2 * 0.975 * 0.025);
  EXPECT_NEAR(centre.mean_upper - centre.fit, q * centre.se_mean, 1e-12);
}
