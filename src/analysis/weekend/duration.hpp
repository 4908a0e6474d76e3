// weekend.duration: preparation time (minutes) compared between weekday and weekend recipes.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/weekend/common.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::weekend {

std::vector<Comparison> compute_duration(db::Connection& con, const Filters& f);
nlohmann::json duration_view(const std::vector<Comparison>& result);

}  // namespace mtm::analysis::weekend
