// weekend.complexity: complexity score, steps and ingredients compared between weekday and weekend
// recipes, with Benjamini–Hochberg over the three.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/weekend/common.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::weekend {

std::vector<Comparison> compute_complexity(db::Connection& con, const Filters& f);
nlohmann::json complexity_view(const std::vector<Comparison>& result);

}  // namespace mtm::analysis::weekend
