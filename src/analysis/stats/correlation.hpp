// Correlation coefficients: Pearson, Spearman, weighted Spearman (the app's definition) and Kendall tau-b,
// with scipy-compatible two-sided p-values. O(n log n) for the rank methods; pure functions, thread-safe.
#pragma once

#include <span>

#include "analysis/stats/result.hpp"

namespace mtm::stats {

/// Pearson r; p from the exact null distribution of r (Student t, n − 2 df; scipy.stats.pearsonr).
/// n = 2 gives r = ±1 and p = 1 (as scipy). Reasons: "too_few_values", "constant_input", "nan_input".
Correlation pearson(std::span<const double> x, std::span<const double> y);

/// Weighted Pearson r = cov_w(x, y) / (sd_w(x)·sd_w(y)) with weights w ≥ 0 (numpy.cov aweights); p is NaN.
Correlation weighted_pearson(std::span<const double> x, std::span<const double> y, std::span<const double> w);

/// Spearman rho = Pearson r of the average ranks; p from t = r√((n−2)/(1−r²)) on n − 2 df (scipy.stats.spearmanr).
Correlation spearman(std::span<const double> x, std::span<const double> y);

/// Weighted Spearman of seed-app-inventory §5: unweighted average ranks of x and y, then weighted_pearson of
/// the ranks with weights w. No p-value (NaN).
Correlation weighted_spearman(std::span<const double> x, std::span<const double> y, std::span<const double> w);

/// Kendall tau-b (tie-adjusted) in O(n log n); p from the tie-corrected normal approximation
/// (scipy.stats.kendalltau(method='asymptotic')). n = 2 gives p = NaN (zero-variance formula, as scipy).
Correlation kendall_tau_b(std::span<const double> x, std::span<const double> y);

}  // namespace mtm::stats
