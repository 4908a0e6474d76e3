// 5.3 Distribution and stability: the weighted mean of the monthly means with its 95 % CI, the share of
// each star, and the monthly means around that level.
#pragma once

#include <nlohmann/json.hpp>

#include "analysis/group_tests.hpp"
#include "analysis/ratings/common.hpp"

namespace mtm::analysis::ratings {

struct DistributionResult {
  MonthlySeries months;
  StarCounts counts;                   ///< every rating in scope, per star
  Moments all;                         ///< of every rating in scope
  double weighted_mean = stats::kNaN;  ///< of the monthly means, weights √n
  double ci_half_width = stats::kNaN;  ///< 95 % CI of it (Student t, months − 1 df)
  stats::LinearFit wls;
  double rho_w = stats::kNaN;
  stats::Correlation rho;
  double pct_five_stars = stats::kNaN;
  double pct_two_or_less = stats::kNaN;
};

DistributionResult compute_distribution(db::Connection& con, const Filters& f);
nlohmann::json distribution_view(const DistributionResult& r);

}  // namespace mtm::analysis::ratings
