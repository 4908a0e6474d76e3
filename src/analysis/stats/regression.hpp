// Simple linear regression y = intercept + slope·x by ordinary (OLS) or weighted (WLS) least squares, with
// the inference statsmodels reports (standard errors, t, two-sided p on n − 2 df) and confidence /
// prediction bands. Pure functions returning values, thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "analysis/stats/result.hpp"

namespace mtm::stats {

/// A fitted simple regression. With weights w (all 1 for OLS), x̄_w = Σwx/Σw and Sxx = Σw(x − x̄_w)².
struct LinearFit {
  std::size_t n = 0;
  double slope = kNaN;
  double intercept = kNaN;
  double slope_se = kNaN;
  double intercept_se = kNaN;
  double slope_t = kNaN;
  double intercept_t = kNaN;
  double slope_p = kNaN;      ///< two-sided, Student t with df_resid degrees of freedom
  double intercept_p = kNaN;  ///< two-sided
  /// Weighted R² = 1 − Σw(y − ŷ)² / Σw(y − ȳ_w)² (seed-app-inventory §2.2; plain R² for OLS).
  double r_squared = kNaN;
  double scale = kNaN;     ///< residual variance σ̂² = Σw(y − ŷ)² / (n − 2)
  double df_resid = kNaN;  ///< n − 2
  double sum_weights = kNaN;
  double x_mean = kNaN;  ///< weighted mean of x
  double sxx = kNaN;
  /// Why no fit: too_few_values, nan_input, negative_weight, zero_weights, constant_x, constant_y.
  std::string reason;
  [[nodiscard]] bool ok() const noexcept { return reason.empty(); }
};

/// Ordinary least squares (statsmodels OLS / scipy.stats.linregress).
LinearFit ols(std::span<const double> x, std::span<const double> y);

/// Weighted least squares with weights w ≥ 0 (statsmodels WLS; w = 1/variance of each observation).
LinearFit wls(std::span<const double> x, std::span<const double> y, std::span<const double> w);

/// Fitted value and its bands at one x (statsmodels get_prediction().summary_frame(alpha)).
struct Prediction {
  double x = kNaN;
  double fit = kNaN;
  double se_mean = kNaN;     ///< √(σ̂² (1/Σw + (x − x̄_w)² / Sxx))
  double mean_lower = kNaN;  ///< confidence band of the regression line
  double mean_upper = kNaN;
  double se_obs = kNaN;     ///< √(se_mean² + σ̂² / weight)
  double obs_lower = kNaN;  ///< prediction band for a new observation with the given weight
  double obs_upper = kNaN;
};

/// Prediction at x; `weight` is the weight of the hypothetical new observation (1 = statsmodels default
/// for out-of-sample exog; pass the row's own weight to reproduce in-sample bands). `confidence` ∈ (0, 1).
Prediction predict(const LinearFit& fit, double x, double weight = 1.0, double confidence = 0.95);

/// predict() at every element of xs with weight 1.
std::vector<Prediction> predict(const LinearFit& fit, std::span<const double> xs, double confidence = 0.95);

}  // namespace mtm::stats
