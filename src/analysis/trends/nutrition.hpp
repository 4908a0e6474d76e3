// trends.nutrition: the yearly mean of calories and six nutrients (% of daily value), each with its WLS
// trend, and the slopes' p-values adjusted by Benjamini–Hochberg over the seven.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/trends/yearly_series.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::trends {

struct NutritionResult {
  YearScope scope;
  std::vector<YearlySeries> series;  ///< calories, then the six % DV columns
  std::vector<double> p_values;      ///< slopes' p (1 where not finite), per series
  std::vector<double> p_adjusted;    ///< Benjamini–Hochberg
  std::size_t significant = 0;       ///< adjusted p < kSignificanceLevel
};

NutritionResult compute_nutrition(db::Connection& con, const Filters& filters);
nlohmann::json nutrition_view(const NutritionResult& result);

}  // namespace mtm::analysis::trends
