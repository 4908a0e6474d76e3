// trends.duration: preparation time per year (mean, median, a quantile band) with weighted (WLS) trends of
// the yearly mean and median, weights the recipes per year, and the weighted Spearman ρ of (year, mean).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/stats/correlation.hpp"
#include "analysis/stats/regression.hpp"
#include "analysis/trends/common.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::trends {

struct DurationResult {
  YearScope scope;
  double band_low = 0;  ///< the band's quantiles (filters band_low, band_high)
  double band_high = 0;
  std::vector<double> mean;  ///< minutes, per year of scope.years
  std::vector<double> median;
  std::vector<double> q_low;
  std::vector<double> q_high;
  stats::LinearFit mean_fit;
  stats::LinearFit median_fit;
  stats::Correlation rho;
};

DurationResult compute_duration(db::Connection& con, const Filters& filters);
nlohmann::json duration_view(const DurationResult& result);

}  // namespace mtm::analysis::trends
