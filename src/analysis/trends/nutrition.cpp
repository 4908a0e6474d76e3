#include "analysis/trends/nutrition.hpp"

#include <array>
#include <cmath>
#include <string_view>

#include "analysis/stats/multiple_testing.hpp"
#include "analysis/words.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::trends {
namespace {

constexpr std::array<std::string_view, 7> kNutrients = {
    "calories", "carbohydrates_pdv", "total_fat_pdv", "protein_pdv", "sugar_pdv", "sodium_pdv", "saturated_fat_pdv"};

}  // namespace

NutritionResult compute_nutrition(db::Connection& con, const Filters& filters) {
  NutritionResult r;
  r.scope = year_scope(con, filters);
  for (std::string_view id : kNutrients) {
    r.series.push_back(fit_series(std::string(id), r.scope, yearly_means(con, r.scope, std::string(id))));
    const double p = r.series.back().fit.slope_p;
    r.p_values.push_back(std::isfinite(p) ? p : 1.0);
  }
  r.p_adjusted = stats::benjamini_hochberg(r.p_values);
  for (double p : r.p_adjusted) {
    if (p < kSignificanceLevel) ++r.significant;
  }
  return r;
}

nlohmann::json nutrition_view(const NutritionResult& r) {
  Report report = trends_report("trends.nutrition");
  for (std::size_t k = 0; k < r.series.size(); ++k) {
    const bool calories = k == 0;
    add_series(report, r.scope, r.series[k],
               {present::theme::kSeries.at(k), calories ? "kcal/year" : "% DV/year", calories ? "kcal" : "dv",
                calories ? 2 : 3});
  }
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t k = 0; k < r.series.size(); ++k) rows.push_back({r.series[k].id, r.p_values[k], r.p_adjusted[k]});
  const auto count = r.series.size();
  report.table("bh", msg("trends.nutrition.table.bh", {{"count", count}}), {"nutrient", "p", "p_adjusted"}, rows);
  report.say(msg("trends.nutrition.narrative.bh", {{"significant", r.significant}, {"count", count}}));
  say_partial_years(report, r.scope.years, r.scope.coverage);
  return language_free_json(report);
}

}  // namespace mtm::analysis::trends
