#include "analysis/stats/regression.hpp"

#include <cmath>
#include <vector>

#include "analysis/stats/detail.hpp"
#include "analysis/stats/distributions.hpp"

namespace mtm::stats {

namespace {

LinearFit fit_weighted(std::span<const double> x, std::span<const double> y, std::span<const double> w) {
  LinearFit fit;
  fit.n = x.size();
  if (fit.n < 2) {
    fit.reason = "too_few_values";
    return fit;
  }
  if (detail::has_nan(x) || detail::has_nan(y) || detail::has_nan(w)) {
    fit.reason = "nan_input";
    return fit;
  }
  detail::Summer sw;
  detail::Summer swx;
  detail::Summer swy;
  for (std::size_t i = 0; i < fit.n; ++i) {
    if (w[i] < 0) {
      fit.reason = "negative_weight";
      return fit;
    }
    sw.add(w[i]);
    swx.add(w[i] * x[i]);
    swy.add(w[i] * y[i]);
  }
  fit.sum_weights = sw.value();
  if (!(fit.sum_weights > 0)) {
    fit.reason = "zero_weights";
    return fit;
  }
  // Two-pass centred sums: exact enough for years (~2000) or huge magnitudes where raw moments cancel.
  const double xm = swx.value() / fit.sum_weights;
  const double ym = swy.value() / fit.sum_weights;
  detail::Summer sxx;
  detail::Summer sxy;
  detail::Summer syy;
  for (std::size_t i = 0; i < fit.n; ++i) {
    const double dx = x[i] - xm;
    const double dy = y[i] - ym;
    sxx.add(w[i] * dx * dx);
    sxy.add(w[i] * dx * dy);
    syy.add(w[i] * dy * dy);
  }
  fit.x_mean = xm;
  fit.sxx = sxx.value();
  if (!(fit.sxx > 0)) {
    fit.reason = "constant_x";
    return fit;
  }
  fit.slope = sxy.value() / fit.sxx;
  fit.intercept = ym - fit.slope * xm;
  detail::Summer ssr;
  for (std::size_t i = 0; i < fit.n; ++i) {
    const double r = y[i] - (fit.intercept + fit.slope * x[i]);
    ssr.add(w[i] * r * r);
  }
  const double tss = syy.value();
  fit.df_resid = static_cast<double>(fit.n) - 2.0;
  if (tss > 0) fit.r_squared = 1.0 - ssr.value() / tss;
  if (fit.n < 3) {
    fit.reason = "too_few_values";  // the line is exact: no residual degrees of freedom for inference
    return fit;
  }
  fit.scale = ssr.value() / fit.df_resid;
  fit.slope_se = std::sqrt(fit.scale / fit.sxx);
  fit.intercept_se = std::sqrt(fit.scale * (1.0 / fit.sum_weights + xm * xm / fit.sxx));
  if (!(tss > 0)) {
    fit.reason = "constant_y";
    return fit;
  }
  fit.slope_t = fit.slope / fit.slope_se;
  fit.intercept_t = fit.intercept / fit.intercept_se;
  fit.slope_p = dist::t_two_sided(fit.slope_t, fit.df_resid);
  fit.intercept_p = dist::t_two_sided(fit.intercept_t, fit.df_resid);
  return fit;
}

}  // namespace

LinearFit ols(std::span<const double> x, std::span<const double> y) {
  detail::check_same_size(x.size(), y.size(), "ols");
  const std::vector<double> ones(x.size(), 1.0);
  return fit_weighted(x, y, ones);
}

LinearFit wls(std::span<const double> x, std::span<const double> y, std::span<const double> w) {
  detail::check_same_size(x.size(), y.size(), "wls");
  detail::check_same_size(x.size(), w.size(), "wls");
  return fit_weighted(x, y, w);
}

Prediction predict(const LinearFit& fit, double x, double weight, double confidence) {
  Prediction p;
  p.x = x;
  p.fit = fit.intercept + fit.slope * x;
  const double dx = x - fit.x_mean;
  p.se_mean = std::sqrt(fit.scale * (1.0 / fit.sum_weights + dx * dx / fit.sxx));
  p.se_obs = std::sqrt(p.se_mean * p.se_mean + fit.scale / weight);
  const double q = dist::t_ppf(0.5 + confidence / 2.0, fit.df_resid);
  p.mean_lower = p.fit - q * p.se_mean;
  p.mean_upper = p.fit + q * p.se_mean;
  p.obs_lower = p.fit - q * p.se_obs;
  p.obs_upper = p.fit + q * p.se_obs;
  return p;
}

std::vector<Prediction> predict(const LinearFit& fit, std::span<const double> xs, double confidence) {
  std::vector<Prediction> out;
  out.reserve(xs.size());
  for (double x : xs) out.push_back(predict(fit, x, 1.0, confidence));
  return out;
}

}  // namespace mtm::stats
