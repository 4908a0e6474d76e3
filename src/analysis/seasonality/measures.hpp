// The seasonality page's analyses, as the registry runs them: (connection, filters) -> Report JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "analysis/filters.hpp"
#include "analysis/seasonality/measure.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::seasonality {

nlohmann::json volume(db::Connection& connection, const Filters& filters);
nlohmann::json duration(db::Connection& connection, const Filters& filters);
nlohmann::json complexity(db::Connection& connection, const Filters& filters);
nlohmann::json nutrition(db::Connection& connection, const Filters& filters);

}  // namespace mtm::analysis::seasonality
