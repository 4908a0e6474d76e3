// weekend.duration, weekend.complexity and weekend.nutrition: weekday-vs-weekend comparisons of numeric
// recipe columns (common.hpp computes them; each function here computes its columns and views them).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/weekend/common.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::weekend {

/// Preparation time (minutes).
std::vector<Comparison> compute_duration(db::Connection& con, const Filters& f);
nlohmann::json duration_view(const std::vector<Comparison>& result, const Filters& f);

/// Complexity score, steps and ingredients (BH over the three).
std::vector<Comparison> compute_complexity(db::Connection& con, const Filters& f);
nlohmann::json complexity_view(const std::vector<Comparison>& result, const Filters& f);

}  // namespace mtm::analysis::weekend
