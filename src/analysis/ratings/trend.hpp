// 5.2 Temporal trend: the weighted (√n) trend of the monthly mean rating on calendar time, the spread of
// ratings within each month and the link between a month's volume and its mean rating.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/ratings/common.hpp"

namespace mtm::analysis::ratings {

struct TrendResult {
  MonthlySeries months;
  stats::LinearFit wls;        ///< monthly mean on months since 2000-01, weights √n
  stats::LinearFit by_volume;  ///< monthly mean on the month's volume, weights √n
  double rho_w = stats::kNaN;  ///< weighted Spearman, volume vs mean
  stats::Correlation rho;      ///< unweighted Spearman
  std::vector<double> sds;     ///< standard deviation of each kept month's ratings
  double weighted_std_of_means = stats::kNaN;
  double mean_within_sd = stats::kNaN;  ///< weighted mean of the monthly standard deviations
};

TrendResult compute_trend(db::Connection& con, const Filters& f);
nlohmann::json trend_view(const TrendResult& r);

/// Volume-vs-rating scatter with its WLS line (trend and distribution show it).
void volume_scatter(Report& report, const MonthlySeries& s, const stats::LinearFit& fit, double rho_w);

}  // namespace mtm::analysis::ratings
