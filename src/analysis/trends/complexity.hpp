// trends.complexity: the yearly mean complexity score (with its standard deviation), steps and
// ingredients, each with its WLS trend.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/trends/yearly_series.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::trends {

struct ComplexityResult {
  YearScope scope;
  std::vector<YearlySeries> series;  ///< complexity (with spread), n_steps, n_ingredients
};

ComplexityResult compute_complexity(db::Connection& con, const Filters& filters);
nlohmann::json complexity_view(const ComplexityResult& result);

}  // namespace mtm::analysis::trends
