// Seasonality §3.4: mean of each nutrient per season, z-scored across seasons, with a Kruskal-Wallis test
// per nutrient and Benjamini–Hochberg adjusted p-values.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/stats/result.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::seasonality {

struct NutritionResult {
  std::vector<std::string> seasons;           ///< seasons with recipes in scope
  std::vector<std::string> nutrients;         ///< recipes columns, calories first
  std::vector<std::vector<double>> means;     ///< [nutrient][season]
  std::vector<std::vector<double>> z_scores;  ///< [nutrient][season], across the seasons
  std::vector<stats::TestResult> kruskal;     ///< per nutrient
  std::vector<double> p_adjusted;             ///< Benjamini–Hochberg, per nutrient
  std::size_t most_caloric = 0;               ///< season index
  std::size_t least_caloric = 0;
  std::size_t significant = 0;  ///< nutrients with adjusted p below the significance level
};

NutritionResult compute_nutrition(db::Connection& connection, const Filters& filters);
nlohmann::json nutrition_view(const NutritionResult& result);

}  // namespace mtm::analysis::seasonality
