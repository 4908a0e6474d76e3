// Small helpers shared by the page analyses: year coverage of the dataset (to flag partial years) and
// chart-building shorthands.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/report.hpp"
#include "analysis/stats/regression.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis {

/// A dot plot's one trace: a dot per category at its value, with a ±error bar, categories down the y axis.
nlohmann::json dot_trace(const std::string& name, const nlohmann::json& categories, const nlohmann::json& values,
                         const nlohmann::json& errors, const nlohmann::json& colors);
/// The category axis of a dot plot: categories top to bottom in their given order.
nlohmann::json dot_category_axis();

/// Share of each calendar year that data running from first to last covers (1.0 for full years; less
/// for the first and last years of the data).
std::map<int, double> year_coverage(db::Date first, db::Date last);

/// A year counts as partial when less than 95 % of it is covered by the data.
inline bool is_partial_year(const std::map<int, double>& coverage, int year) {
  auto it = coverage.find(year);
  return it != coverage.end() && it->second < 0.95;
}

/// JSON array of numbers (NaN → null).
nlohmann::json numbers(const std::vector<double>& values);

/// Fitted values of a regression at xs (NaN when the fit failed).
std::vector<double> fitted(const stats::LinearFit& fit, const std::vector<double>& xs);

/// A season's colour (present/theme.hpp), as a string.
std::string season_color(const std::string& season);

/// The sentence describing a regression slope (catalog message "trend.slope", or "trend.no_slope" when
/// the fit failed): direction, size per unit, weighted R², p and significance at kSignificanceLevel.
/// subject and unit_per_year are label nodes (present::label), e.g. "The mean number of steps" and
/// "steps per year"; the size is |slope| with decimals.
Text slope_sentence(const nlohmann::json& subject, const stats::LinearFit& fit, const nlohmann::json& unit_per_year,
                    int decimals);

}  // namespace mtm::analysis
