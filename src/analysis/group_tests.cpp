#include "analysis/group_tests.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/stats/distributions.hpp"

namespace mtm::analysis {

double Moments::variance() const {
  return n > 1 ? m2 / (n - 1) : stats::kNaN;
}

double Moments::sd() const {
  return std::sqrt(variance());
}

Moments moments(double n, double mean, double var_samp) {
  Moments m;
  m.n = n;
  m.mean = n > 0 ? mean : stats::kNaN;
  m.m2 = n > 1 && std::isfinite(var_samp) ? var_samp * (n - 1) : 0.0;
  return m;
}

Moments moments_from_counts(std::span<const std::int64_t> counts, std::span<const double> levels) {
  Moments m;
  double sum = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    m.n += static_cast<double>(counts[k]);
    sum += static_cast<double>(counts[k]) * levels[k];
  }
  if (m.n == 0) return m;
  m.mean = sum / m.n;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const double d = levels[k] - m.mean;
    m.m2 += static_cast<double>(counts[k]) * d * d;
  }
  return m;
}

stats::TestResult welch_from_moments(const Moments& a, const Moments& b) {
  stats::TestResult t;
  t.n = static_cast<std::size_t>(a.n + b.n);
  if (a.n == 0 || b.n == 0) {
    t.reason = "empty_group";
    return t;
  }
  if (a.n < 2 || b.n < 2) {
    t.reason = "no_degrees_of_freedom";
    return t;
  }
  const double va = a.variance() / a.n;
  const double vb = b.variance() / b.n;
  const double diff = a.mean - b.mean;
  t.df = (va + vb) * (va + vb) / (va * va / (a.n - 1) + vb * vb / (b.n - 1));
  if (std::isnan(t.df)) t.df = 1;  // both variances 0: SciPy's convention
  const double se = std::sqrt(va + vb);
  if (se == 0) {
    if (diff == 0) {
      t.reason = "zero_variance";
      return t;
    }
    t.statistic = diff > 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    t.p_value = 0;
    return t;
  }
  t.statistic = diff / se;
  t.p_value = stats::dist::t_two_sided(t.statistic, t.df);
  return t;
}

double cohens_d_from_moments(const Moments& a, const Moments& b) {
  if (a.n == 0 || b.n == 0 || a.n + b.n < 3) return stats::kNaN;
  const double pooled = std::sqrt((a.m2 + b.m2) / (a.n + b.n - 2));
  if (!(pooled > 0)) return stats::kNaN;
  return (a.mean - b.mean) / pooled;
}

stats::TestResult anova_from_moments(std::span<const Moments> groups, double* eta_squared) {
  stats::TestResult t;
  if (eta_squared != nullptr) *eta_squared = stats::kNaN;
  double n = 0;
  double sum = 0;
  for (const auto& g : groups) {
    n += g.n;
    if (g.n > 0) sum += g.n * g.mean;
  }
  t.n = static_cast<std::size_t>(n);
  if (groups.size() < 2) {
    t.reason = "fewer_than_two_groups";
    return t;
  }
  for (const auto& g : groups) {
    if (g.n == 0) {
      t.reason = "empty_group";
      return t;
    }
  }
  const auto k = static_cast<double>(groups.size());
  const double grand = sum / n;
  double between = 0;
  double within = 0;
  for (const auto& g : groups) {
    between += g.n * (g.mean - grand) * (g.mean - grand);
    within += g.m2;
  }
  t.df = k - 1;
  t.df2 = n - k;
  if (t.df2 < 1) {
    t.reason = "one_value_per_group";
    return t;
  }
  if (between + within == 0) {
    t.reason = "constant_input";
    return t;
  }
  if (eta_squared != nullptr) *eta_squared = between / (between + within);
  if (within == 0) {
    t.statistic = std::numeric_limits<double>::infinity();
    t.p_value = 0;
    return t;
  }
  t.statistic = (between / t.df) / (within / t.df2);
  t.p_value = stats::dist::f_sf(t.statistic, t.df, t.df2);
  return t;
}

stats::TestResult mann_whitney_from_rank_sum(double rank_sum_a, double n_a, double n_b, double tie_term) {
  stats::TestResult t;
  t.n = static_cast<std::size_t>(n_a + n_b);
  if (n_a == 0 || n_b == 0) {
    t.reason = "empty_group";
    return t;
  }
  const double n = n_a + n_b;
  const double u1 = rank_sum_a - n_a * (n_a + 1) / 2;
  t.statistic = u1;
  const double u = std::max(u1, n_a * n_b - u1);
  const double s = std::sqrt(n_a * n_b / 12 * ((n + 1) - tie_term / (n * (n - 1))));
  const double numerator = u - n_a * n_b / 2 - 0.5;
  if (!(s > 0)) {
    t.p_value = 1.0;  // every value tied: SciPy reports p = 1
    return t;
  }
  t.p_value = std::min(1.0, std::max(0.0, 2 * stats::dist::normal_sf(numerator / s)));
  return t;
}

double quantile_from_counts(std::span<const std::int64_t> counts, std::span<const double> levels, double q) {
  std::int64_t n = 0;
  for (auto c : counts) n += c;
  if (n == 0) return stats::kNaN;
  // Type 7: h = (n − 1) q, value = x[floor h] + (h − floor h)(x[floor h + 1] − x[floor h]) on 0-based order stats.
  const auto h = static_cast<double>(n - 1) * q;
  const auto lo = static_cast<std::int64_t>(std::floor(h));
  const double frac = h - static_cast<double>(lo);
  auto at = [&](std::int64_t index) {
    std::int64_t seen = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
      seen += counts[k];
      if (index < seen) return levels[k];
    }
    return levels.back();
  };
  const double x_lo = at(lo);
  if (frac == 0) return x_lo;
  return x_lo + frac * (at(lo + 1) - x_lo);
}

}  // namespace mtm::analysis
