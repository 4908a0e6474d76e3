// Seasonality §3.3: complexity score, steps and ingredients by season.
#include "analysis/seasonality/measures.hpp"

namespace mtm::analysis::seasonality {

nlohmann::json complexity(db::Connection& connection, const Filters& filters) {
  Report report("seasonality.complexity", msg("seasonality.complexity.title"));
  for (const char* column : {"complexity", "n_steps", "n_ingredients"}) {
    season_measure_view(report, compute_season_measure(connection, filters, column), "", 2);
  }
  return report.to_json();
}

}  // namespace mtm::analysis::seasonality
