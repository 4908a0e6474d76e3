// Thin wrappers over Boost.Math distributions used by mtm::stats: tail probabilities that return NaN
// (never throw) on bad arguments and handle infinite statistics. Pure functions, thread-safe.
#pragma once

namespace mtm::stats::dist {

/// P(Z > z) for the standard normal; exact tails (no 1 - cdf cancellation).
double normal_sf(double z);
/// Standard normal quantile (inverse cdf) at probability p in (0, 1).
double normal_ppf(double p);
/// Two-sided p-value 2·P(T > |t|) for Student's t with `df` degrees of freedom.
double t_two_sided(double t, double df);
/// Quantile of Student's t with `df` degrees of freedom.
double t_ppf(double p, double df);
/// Upper tail P(X > x) of the chi-square distribution.
double chi2_sf(double x, double df);
/// Upper tail P(F > f) of the Fisher F distribution.
double f_sf(double f, double df1, double df2);
/// Regularised incomplete beta I_x(a, b).
double ibeta(double a, double b, double x);

}  // namespace mtm::stats::dist
