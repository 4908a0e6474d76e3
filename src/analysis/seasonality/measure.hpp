// One recipe measure (preparation minutes, complexity, steps, ingredients) compared across seasons: per
// season its count, mean, standard deviation, quartiles and range, and a Kruskal-Wallis test. Used by
// seasonality.duration and seasonality.complexity.
#pragma once

#include <string>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/report.hpp"
#include "analysis/stats/result.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::seasonality {

struct SeasonMeasureResult {
  std::string column;                                           ///< the recipes column measured
  std::vector<std::string> seasons;                             ///< seasons with recipes in scope
  std::vector<double> n, mean, sd, q25, median, q75, min, max;  ///< aligned with seasons
  std::size_t highest = 0;                                      ///< season with the highest mean
  std::size_t lowest = 0;
  stats::TestResult kruskal;  ///< across the selected seasons
};

SeasonMeasureResult compute_season_measure(db::Connection& connection, const Filters& filters,
                                           const std::string& column);

/// Adds the measure's box chart, metrics, test and sentence to the report (nothing when no season has
/// recipes). unit is a unit code ("min", or "" for none).
void season_measure_view(Report& report, const SeasonMeasureResult& result, const std::string& unit, int decimals);

/// The measure's name ("Preparation time (minutes)", "Calories", …) as a label node.
nlohmann::json measure_label(const std::string& column);

}  // namespace mtm::analysis::seasonality
