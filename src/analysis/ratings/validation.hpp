// 5.1 Methodological validation: why each month is weighted by √n (heterogeneous monthly volumes) and what
// the weighting changes (slope, variance of the monthly means).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/ratings/common.hpp"

namespace mtm::analysis::ratings {

/// Equal-width bins over [lo, lo + bins · width).
struct Histogram {
  double lo = 0;
  double width = 0;
  std::vector<double> counts;
};

struct ValidationResult {
  MonthlySeries months;
  stats::LinearFit wls;
  stats::LinearFit ols;
  stats::Correlation tau;
  double cv_volumes = stats::kNaN;
  double max_min_ratio = stats::kNaN;
  double slope_bias_pct = stats::kNaN;
  double var_unweighted = stats::kNaN;
  double var_weighted = stats::kNaN;
  Histogram volumes;  ///< 20 bins of the monthly volumes
};

ValidationResult compute_validation(db::Connection& con, const Filters& f);
nlohmann::json validation_view(const ValidationResult& r);

}  // namespace mtm::analysis::ratings
