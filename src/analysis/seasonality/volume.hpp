// Seasonality §3.1: recipes posted per season, their shares and deviations from the seasonal mean, and
// a chi-square goodness-of-fit test against equal seasons.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/stats/result.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::seasonality {

struct VolumeResult {
  std::vector<std::string> seasons;   ///< seasons with recipes in scope, canonical order
  std::vector<double> recipes;        ///< recipes per season
  std::vector<double> share;          ///< recipes / total
  std::vector<double> deviation_pct;  ///< 100 × (recipes − mean) / mean
  double total = 0;
  double mean_per_season = 0;
  double cv_pct = 0;  ///< coefficient of variation of the counts, %
  std::size_t busiest = 0;
  std::size_t quietest = 0;
  stats::TestResult chi_square;  ///< goodness of fit to equal seasons
};

VolumeResult compute_volume(db::Connection& connection, const Filters& filters);
/// The Report JSON of the result (message ids only).
nlohmann::json volume_view(const VolumeResult& result);

}  // namespace mtm::analysis::seasonality
