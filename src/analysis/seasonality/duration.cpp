// Seasonality §3.2: preparation time (minutes) by season.
#include "analysis/seasonality/measures.hpp"

namespace mtm::analysis::seasonality {

nlohmann::json duration(db::Connection& connection, const Filters& filters) {
  Report report("seasonality.duration", msg("seasonality.duration.title"));
  season_measure_view(report, compute_season_measure(connection, filters, "minutes"), "min", 1);
  return report.to_json();
}

}  // namespace mtm::analysis::seasonality
