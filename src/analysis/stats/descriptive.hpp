// Descriptive statistics: means, variances with an explicit ddof, type-7 quantiles, weighted moments,
// z-scores. Pure functions over spans (no copies except where a sort is needed), thread-safe.
// Empty or degenerate input yields NaN; mismatched lengths are programmer errors (std::invalid_argument).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace mtm::stats {

/// Arithmetic mean (compensated summation); NaN when empty.
double mean(std::span<const double> x);

/// Σ(x − x̄)² / (n − ddof): ddof 0 = population (NumPy default), ddof 1 = sample (pandas default).
/// NaN when n ≤ ddof.
double variance(std::span<const double> x, std::size_t ddof);

/// √variance(x, ddof).
double std_dev(std::span<const double> x, std::size_t ddof);

/// std_dev(x, ddof) / mean(x) (not multiplied by 100); NaN when the mean is 0.
double coefficient_of_variation(std::span<const double> x, std::size_t ddof);

/// Quantile q ∈ [0, 1] by linear interpolation between order statistics: Hyndman–Fan type 7, the
/// default of numpy.quantile / R. Copies and partially sorts x; NaN when x is empty.
/// Throws std::invalid_argument when q is outside [0, 1] or NaN.
double quantile(std::span<const double> x, double q);

/// Type-7 quantile of already ascending-sorted data (no copy).
double quantile_sorted(std::span<const double> sorted, double q);

/// Several type-7 quantiles with a single sort.
std::vector<double> quantiles(std::span<const double> x, std::span<const double> qs);

/// Type-7 median (quantile 0.5).
double median(std::span<const double> x);

/// Σ w·x / Σ w (numpy.average with weights). NaN when Σ w ≤ 0 or any weight is negative.
double weighted_mean(std::span<const double> x, std::span<const double> w);

/// Σ w (x − x̄_w)² / Σ w: the frequency-normalised ("population") weighted variance used by the app.
/// NaN when Σ w ≤ 0 or any weight is negative.
double weighted_variance(std::span<const double> x, std::span<const double> w);

/// √weighted_variance(x, w).
double weighted_std(std::span<const double> x, std::span<const double> w);

/// (x − x̄) / std_dev(x, ddof) for every element (scipy.stats.zscore); all NaN when the std is 0.
std::vector<double> z_scores(std::span<const double> x, std::size_t ddof = 0);

}  // namespace mtm::stats
