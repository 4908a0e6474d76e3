// Rank-based tests of a location shift: Mann-Whitney U (two groups) and Kruskal-Wallis H (k groups), both
// tie-corrected, from raw samples (O(n log n)) or exactly from counts over ordered levels (e.g. ratings
// 1..5 per group, O(levels × groups) whatever the number of rows). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/stats/result.hpp"

namespace mtm::stats {

/// Mann-Whitney U with the tie-corrected normal approximation and continuity correction, two-sided
/// (scipy.stats.mannwhitneyu(a, b, method='asymptotic', use_continuity=True)). statistic = U of `a`
/// (U1 = R1 − na(na+1)/2). All values tied gives p = 1 (as SciPy). Reasons: "empty_group", "nan_input".
TestResult mann_whitney_u(std::span<const double> a, std::span<const double> b);

/// Same test from counts: counts_a[k], counts_b[k] = number of observations at ordered level k
/// (same length; level values themselves do not matter, only their order).
TestResult mann_whitney_from_counts(std::span<const std::int64_t> counts_a, std::span<const std::int64_t> counts_b);

/// Kruskal-Wallis H divided by the tie correction 1 − Σ(t³ − t)/(N³ − N); p from chi-square with k − 1 df
/// (scipy.stats.kruskal). Reasons: "fewer_than_two_groups", "empty_group" (SciPy returns NaN),
/// "identical_values" (SciPy raises), "nan_input".
TestResult kruskal_wallis(std::span<const std::span<const double>> groups);

/// Same test from each group's sum of average ranks in the pooled sample, the group sizes and
/// Σ(t³ − t) over tie groups.
TestResult kruskal_from_rank_sums(std::span<const double> rank_sums, std::span<const double> sizes, double ties);

/// Same test from a table[group][level] of counts over ordered levels (every row the same length).
TestResult kruskal_from_counts(const std::vector<std::vector<std::int64_t>>& table);

}  // namespace mtm::stats
