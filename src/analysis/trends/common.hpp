// What the trends page's analyses share: the years in scope with their recipe counts (the WLS weights),
// yearly summaries of a recipe column, partial-year flags, and the view pieces every trends chart uses
// (year axis, trend line, the partial-years sentence).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/cells.hpp"
#include "analysis/filters.hpp"
#include "analysis/report.hpp"
#include "analysis/stats/regression.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::trends {

/// The years with recipes in scope (ascending), their recipe counts and each cell's year group.
struct YearScope {
  std::vector<int> groups;
  std::vector<std::size_t> present;  ///< year groups with recipes, ascending
  std::vector<double> years;
  std::vector<double> n;
  /// Share of each calendar year the data covers (partial years < 0.95).
  std::map<int, double> coverage;
};

YearScope year_scope(db::Connection& con, const Filters& filters);

/// Summary of a recipe column per year of the scope, aligned with scope.years.
std::vector<GroupSummary> yearly(db::Connection& con, const YearScope& scope, const std::string& column,
                                 const std::vector<double>& probabilities = {});
/// Mean of a recipe column per year of the scope (one pass, no spread).
std::vector<double> yearly_means(db::Connection& con, const YearScope& scope, const std::string& column);
std::vector<double> means(const std::vector<GroupSummary>& groups);

/// Per year: is it covered only in part by the data.
std::vector<bool> partial_years(const std::vector<double>& years, const std::map<int, double>& coverage);

/// The report of a trends analysis, built without reading Filters::lang.
Report trends_report(const std::string& id);
/// The report's JSON with no language in it (the language is applied when rendering).
nlohmann::json language_free_json(const Report& report);

/// Label of the year axis.
nlohmann::json year_title();
/// A WLS trend line's legend name: "<name> (R²w = 0.458)".
nlohmann::json trend_name(const nlohmann::json& name, const stats::LinearFit& fit);
/// "Partial years, covered only in part by the data: 1999 (12 %), …" when any year is partial.
void say_partial_years(Report& report, const std::vector<double>& years, const std::map<int, double>& coverage);

}  // namespace mtm::analysis::trends
