// weekend.nutrition: the seven nutrition columns compared between weekday and weekend recipes, with
// Benjamini–Hochberg over the seven.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/weekend/common.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::weekend {

struct NutritionResult {
  std::vector<Comparison> nutrients;
  std::size_t significant = 0;     ///< Welch, BH-adjusted p < kSignificanceLevel
  std::size_t significant_mw = 0;  ///< Mann-Whitney, BH-adjusted
  std::size_t largest = 0;         ///< the nutrient with the largest |difference %|
  double max_abs_d = 0;            ///< the largest finite |Cohen's d|
};

NutritionResult compute_nutrition(db::Connection& con, const Filters& f);
nlohmann::json nutrition_view(const NutritionResult& r);

}  // namespace mtm::analysis::weekend
