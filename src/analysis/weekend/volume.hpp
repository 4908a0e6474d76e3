// weekend.volume: recipes per day of the week, per period, and the chi-square tests of equal daily
// volume and of a weekday/weekend split proportional to the number of days.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/stats/result.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::weekend {

struct VolumeResult {
  std::vector<int> days;              ///< the selected ISO days, in order
  std::vector<double> counts;         ///< recipes per selected day
  std::vector<double> deviation_pct;  ///< each day against the daily mean (%)
  double n_weekday = 0, n_weekend = 0, days_weekday = 0, days_weekend = 0;
  double per_day_weekday = NAN, per_day_weekend = NAN, daily_mean = NAN;
  double weekday_vs_weekend_pct = NAN, weekend_vs_weekday_pct = NAN;
  std::size_t busiest = 0, quietest = 0;   ///< indices into days
  double first_day = NAN, last_day = NAN;  ///< coverage, days since the epoch
  stats::TestResult uniform, split;
  double w_uniform = NAN, w_split = NAN;
  [[nodiscard]] double total() const { return n_weekday + n_weekend; }
};

VolumeResult compute_volume(db::Connection& con, const Filters& f);
nlohmann::json volume_view(const VolumeResult& r);

}  // namespace mtm::analysis::weekend
