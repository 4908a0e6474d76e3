#include "analysis/trends/duration.hpp"

namespace mtm::analysis::trends {

DurationResult compute_duration(db::Connection& con, const Filters& filters) {
  DurationResult r;
  r.scope = year_scope(con, filters);
  r.band_low = filters.band_low;
  r.band_high = filters.band_high;
  const auto minutes = yearly(con, r.scope, "minutes", {0.5, filters.band_low, filters.band_high});
  r.mean = means(minutes);
  for (const auto& m : minutes) {
    r.median.push_back(m.quantiles[0]);
    r.q_low.push_back(m.quantiles[1]);
    r.q_high.push_back(m.quantiles[2]);
  }
  const auto& years = r.scope.years;
  r.mean_fit = stats::wls(years, r.mean, r.scope.n);
  r.median_fit = stats::wls(years, r.median, r.scope.n);
  r.rho = stats::weighted_spearman(years, r.mean, r.scope.n);
  return r;
}

}  // namespace mtm::analysis::trends
