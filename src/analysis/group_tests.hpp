// Two-group and k-group tests computed from per-group aggregates (n, mean, sample variance, rank sums,
// counts per ordered level), so that the rows stay in DuckDB and only GROUP BY results reach C++.
// Same conventions as mtm::stats (SciPy-compatible, NaN + reason on degenerate input). Pure, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/stats/result.hpp"

namespace mtm::analysis {

/// Size, mean and sum of squared deviations of one group.
struct Moments {
  double n = 0;
  double mean = stats::kNaN;
  double m2 = 0;
  /// Sample variance (ddof 1); NaN when n < 2.
  [[nodiscard]] double variance() const;
  /// Sample standard deviation (ddof 1).
  [[nodiscard]] double sd() const;
};

/// Moments from SQL's count, avg and var_samp (var_samp NULL/NaN with n = 1 is fine).
Moments moments(double n, double mean, double var_samp);
/// Moments of a distribution given as counts[k] observations of levels[k].
Moments moments_from_counts(std::span<const std::int64_t> counts, std::span<const double> levels);

/// Welch's t test of a − b (scipy.stats.ttest_ind(equal_var=False)). Reasons: "empty_group", "no_degrees_of_freedom".
stats::TestResult welch_from_moments(const Moments& a, const Moments& b);
/// Cohen's d = (mean a − mean b) / pooled sd (ddof 1). NaN when undefined.
double cohens_d_from_moments(const Moments& a, const Moments& b);

/// One-way ANOVA F over k groups (scipy.stats.f_oneway); eta_squared (SS_between / SS_total) is written
/// when the pointer is given. Reasons: "fewer_than_two_groups", "empty_group", "constant_input".
stats::TestResult anova_from_moments(std::span<const Moments> groups, double* eta_squared = nullptr);

/// Mann-Whitney U of group a from its rank sum in the pooled sample (average ranks), the group sizes and
/// Σ(t³ − t) over tie groups; asymptotic with continuity correction, two-sided (SciPy's default for large n).
/// statistic = U of a.
stats::TestResult mann_whitney_from_rank_sum(double rank_sum_a, double n_a, double n_b, double tie_term);

/// Type-7 quantile q of a distribution given as counts over ascending levels; NaN when empty.
double quantile_from_counts(std::span<const std::int64_t> counts, std::span<const double> levels, double q);

}  // namespace mtm::analysis
