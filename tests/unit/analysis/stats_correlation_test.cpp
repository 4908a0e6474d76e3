// Hand-computed checks of mtm::stats correlations, including the O(n log n) Kendall against brute force.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "analysis/stats/correlation.hpp"
#include "analysis/stats/ranks.hpp"

namespace st = mtm::stats;

TEST(StatsRanks, TiesShareTheAverageRank) {
  const std::vector<double> r = st::average_ranks(std::vector<double>{10, 20, 10, 30, 20, 20});
  const std::vector<double> expected{1.5, 4, 1.5, 6, 4, 4};
  EXPECT_EQ(r, expected);
  EXPECT_DOUBLE_EQ(st::tie_term(std::vector<double>{10, 20, 10, 30, 20, 20}), (8 - 2) + (27 - 3));
}

TEST(StatsPearson, FourPointsByHand) {
  // dx = dy up to one swap: Sxy = 4, Sxx = Syy = 5 → r = 0.8.
  const st::Correlation c = st::pearson(std::vector<double>{1, 2, 3, 4}, std::vector<double>{1, 3, 2, 4});
  ASSERT_TRUE(c.ok()) << c.reason;
  EXPECT_NEAR(c.r, 0.8, 1e-15);
  // n = 4: t = r√2/√(1 − r²) = 0.8·√2/0.6 on 2 df; p = 1 − t/√(2 + t²) (closed form on 2 df).
  const double t = 0.8 * std::sqrt(2.0) / 0.6;
  EXPECT_NEAR(c.p_value, 1 - t / std::sqrt(2 + t * t), 1e-12);
}

TEST(StatsPearson, DegenerateInputsHaveReasons) {
  EXPECT_EQ(st::pearson(std::vector<double>{1, 2, 3}, std::vector<double>{4, 4, 4}).reason, "constant_input");
  EXPECT_EQ(st::pearson(std::vector<double>{1}, std::vector<double>{2}).reason, "too_few_values");
  const st::Correlation two = st::pearson(std::vector<double>{1, 2}, std::vector<double>{5, 3});
  EXPECT_EQ(two.r, -1.0);
  EXPECT_EQ(two.p_value, 1.0);
}

TEST(StatsSpearman, IsPearsonOfRanks) {
  const st::Correlation c = st::spearman(std::vector<double>{10, 20, 30, 40}, std::vector<double>{1, 300, 20, 4000});
  EXPECT_NEAR(c.r, 0.8, 1e-15);  // ranks 1,3,2,4
}

TEST(StatsWeightedSpearman, EqualWeightsReduceToSpearman) {
  const std::vector<double> x{3, 1, 4, 1, 5, 9, 2, 6};
  const std::vector<double> y{2, 7, 1, 8, 2, 8, 1, 8};
  const std::vector<double> w(x.size(), 2.5);
  EXPECT_NEAR(st::weighted_spearman(x, y, w).r, st::spearman(x, y).r, 1e-14);
}

TEST(StatsWeightedSpearman, WeightedPearsonOfRanksByHand) {
  // Ranks equal the values; x̄_w = 2.25, ȳ_w = 2, Sxy = 1, Sxx = 2.75, Syy = 2 → r = 1/√5.5.
  const st::Correlation c =
      st::weighted_spearman(std::vector<double>{1, 2, 3}, std::vector<double>{1, 3, 2}, std::vector<double>{1, 1, 2});
  EXPECT_NEAR(c.r, 1 / std::sqrt(5.5), 1e-15);
  EXPECT_TRUE(std::isnan(c.p_value));
}

TEST(StatsKendall, TauBByHand) {
  // One discordant pair out of six: (5 − 1)/6.
  EXPECT_NEAR(st::kendall_tau_b(std::vector<double>{1, 2, 3, 4}, std::vector<double>{1, 3, 2, 4}).r, 2.0 / 3.0, 1e-15);
  // C = 4, D = 0, one tie in x and one in y: 4/√(5·5).
  EXPECT_NEAR(st::kendall_tau_b(std::vector<double>{1, 1, 2, 3}, std::vector<double>{1, 2, 2, 3}).r, 0.8, 1e-15);
}

TEST(StatsKendall, MergeSortCountMatchesBruteForceWithTies) {
  std::mt19937 gen(7);
  std::uniform_int_distribution<int> level(1, 6);
  std::vector<double> x(600), y(600);
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = level(gen);
    y[i] = level(gen) + (x[i] > 3 ? 1 : 0);
  }
  double concordant = 0, discordant = 0, tx = 0, ty = 0, pairs = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      const double s = (x[i] - x[j]) * (y[i] - y[j]);
      pairs += 1;
      if (x[i] == x[j]) tx += 1;
      if (y[i] == y[j]) ty += 1;
      if (s > 0) concordant += 1;
      if (s < 0) discordant += 1;
    }
  }
  const double expected = (concordant - discordant) / std::sqrt((pairs - tx) * (pairs - ty));
  EXPECT_NEAR(st::kendall_tau_b(x, y).r, expected, 1e-13);
}

TEST(StatsKendall, ConstantInputAndTwoPoints) {
  EXPECT_EQ(st::kendall_tau_b(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3}).reason, "constant_input");
  const st::Correlation two = st::kendall_tau_b(std::vector<double>{1, 2}, std::vector<double>{2, 1});
  EXPECT_EQ(two.r, -1.0);
  EXPECT_TRUE(std::isnan(two.p_value));  // the asymptotic variance divides by n − 2
}
