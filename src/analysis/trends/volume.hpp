// trends.volume: recipes per year, their distribution (quartiles, spread, Q-Q against the normal,
// Shapiro-Wilk) and the peak year.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/stats/normality.hpp"
#include "analysis/stats/result.hpp"
#include "analysis/trends/common.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::trends {

struct VolumeResult {
  YearScope scope;  ///< years and recipes per year (scope.n)
  double total = 0;
  double mean = 0;
  double median = 0;
  double min = 0;  ///< NaN when no year
  double q1 = 0;
  double q3 = 0;
  double max = 0;
  double std_dev = 0;  ///< ddof 0
  double cv_percent = 0;
  stats::QqPlot qq;
  stats::TestResult shapiro;
  std::size_t peak = 0;  ///< index of the busiest year (meaningful when any year)
};

VolumeResult compute_volume(db::Connection& con, const Filters& filters);
nlohmann::json volume_view(const VolumeResult& result);

}  // namespace mtm::analysis::trends
