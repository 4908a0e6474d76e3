// What the weekend page's analyses share: the weekend days named once, the two periods' labels and
// colours, the weekday-vs-weekend comparison of numeric recipe columns (computed apart from its
// presentation) and its views: test rows, the comparison sentence, the mean/median and box charts.
// Recipes use the submission date, ratings the rating date; the weekend is ISO days 6 and 7.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/group_tests.hpp"
#include "analysis/report.hpp"
#include "analysis/stats/result.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::weekend {

/// The first ISO day of the weekend: Saturday (6) and Sunday (7) are the weekend.
inline constexpr int kFirstWeekendDay = 6;
inline constexpr bool is_weekend_day(int iso_day) {
  return iso_day >= kFirstWeekendDay;
}

/// Below this |Cohen's d| a significant difference is called negligible in practice.
inline constexpr double kNegligibleD = 0.1;

const std::vector<std::string>& recipe_filters();
const std::vector<std::string>& item_filters();
const std::vector<std::string>& rating_filters();

/// "Weekday" / "Weekend" as a label node, and the period's colour.
nlohmann::json period_label(bool weekend);
std::string_view period_color(bool weekend);
/// "No rows match the filters, or one period is empty: nothing to compare."
Text empty_sentence();
/// Items written as a list ("a, b, c"): nested weekend.list labels, so each language joins its way.
nlohmann::json list_label(const nlohmann::json& items);
/// A Plotly axis whose title is a label node.
nlohmann::json axis_titled(nlohmann::json title);

/// Quartiles and Tukey fences (1.5 IQR, clipped to the data range) of one period.
struct Spread {
  double min = NAN, q1 = NAN, median = NAN, q3 = NAN, max = NAN, lower_fence = NAN, upper_fence = NAN;
};

/// One numeric recipe column to compare: its column name, a catalog key for its name and unit
/// ("weekend.measure" and "weekend.unit" selects) and the decimals its means are written with.
struct ColumnSpec {
  std::string column;
  std::string measure;  ///< select key of weekend.measure, e.g. "minutes"
  std::string unit;     ///< select key of weekend.unit ("" for none)
  int decimals = 1;
};

/// The weekday-vs-weekend comparison of one column: moments, spreads, Welch, Mann-Whitney and Cohen's d,
/// with Benjamini–Hochberg adjusted p-values over the columns compared together.
struct Comparison {
  ColumnSpec spec;
  Moments weekday, weekend;
  Spread weekday_spread, weekend_spread;
  stats::TestResult welch, mann_whitney;
  double welch_p_adjusted = NAN;
  double mann_whitney_p_adjusted = NAN;
  double d = NAN;  ///< Cohen's d, weekend − weekday
  [[nodiscard]] double difference() const { return weekend.mean - weekday.mean; }
  [[nodiscard]] double difference_pct() const { return 100.0 * (weekend.mean - weekday.mean) / weekday.mean; }
  [[nodiscard]] bool comparable() const { return weekday.n > 0 && weekend.n > 0; }
};

std::vector<Comparison> compare_columns(db::Connection& con, const Filters& f, const std::vector<ColumnSpec>& specs);

/// The column's name ("Preparation time") and unit ("min") as label nodes; the unit is null when none.
nlohmann::json measure_label(const Comparison& c);
nlohmann::json unit_label(const Comparison& c);
/// "Preparation time (min)", or the bare name when the column has no unit.
nlohmann::json measure_with_unit_label(const Comparison& c);

/// Welch and Mann-Whitney rows per column (adjusted p-values when more than one column).
void add_comparison_tests(Report& report, const std::vector<Comparison>& comparisons);
/// "Minutes: weekend 42.5 vs weekday 42.4 (+0.1 min, +0.2 %); Welch t = …, p …; Mann-Whitney p …; Cohen's d …".
Text comparison_sentence(const Comparison& c, bool adjusted);
/// Bars of each period's mean with its median and IQR (charts::dot_plot).
void mean_median_chart(Report& report, const std::string& id, const Text& title, const Comparison& c);
/// Box plots of the two periods (charts::box).
void box_chart(Report& report, const std::string& id, const Text& title, const Comparison& c);

}  // namespace mtm::analysis::weekend
