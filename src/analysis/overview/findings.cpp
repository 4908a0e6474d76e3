#include "analysis/overview/findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include "analysis/query_helpers.hpp"
#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/effect_size.hpp"
#include "analysis/words.hpp"

namespace mtm::analysis {

namespace {

using json = nlohmann::json;

struct Finding {
  std::string id;
  std::string analysis;
  std::string chart;
  std::string measure;  ///< "w", "h", "d" or "r"
  double effect = NAN;
  double p = NAN;
  Text text;
};

double num(const json& value) {
  return value.is_number() ? value.get<double>() : NAN;
}

const json& by_id(const json& result, const char* list, const std::string& id) {
  static const json kNone;
  if (!result.contains(list)) return kNone;
  for (const auto& item : result[list]) {
    if (item.value("id", "") == id) return item;
  }
  return kNone;
}

double metric(const json& result, const std::string& id) {
  return num(by_id(result, "metrics", id)["value"]);
}

const json& chart_rows(const json& result, const std::string& chart) {
  static const json kEmpty = json::array();
  const json& found = by_id(result, "charts", chart);
  return found.is_null() ? kEmpty : found["data"]["rows"];
}

json run(db::Connection& connection, const char* id) {
  const Analysis* analysis = find_analysis(id);
  return analysis == nullptr ? json() : analysis->run(connection, analysis->defaults);
}

std::optional<Finding> weekday_swing(const json& volume) {
  const json& test = by_id(volume, "tests", "chi_square_days");
  const json& days = chart_rows(volume, "by_day");
  if (test.is_null() || days.empty()) return std::nullopt;
  const auto busiest =
      std::max_element(days.begin(), days.end(), [](const json& a, const json& b) { return num(a[3]) < num(b[3]); });
  const double weekday = metric(volume, "weekday_per_day");
  const double weekend = metric(volume, "weekend_per_day");
  const Text text =
      msg("finding.weekday_swing", {{"day", day_in_sentence_label((*busiest)[1].get<int>())},
                                    {"busier", weekday >= weekend ? "weekday" : "weekend"},
                                    {"pct", 100 * std::fabs(weekday - weekend) / std::min(weekday, weekend)}});
  return Finding{"weekday_swing", "weekend.volume", "by_day", "w", num(test["effect"]), num(test["p"]), text};
}

std::optional<Finding> seasonal_swing(const json& volume) {
  const json& test = by_id(volume, "tests", "chi_square_uniform");
  const json& seasons = chart_rows(volume, "volume_by_season");
  const double total = metric(volume, "total");
  if (test.is_null() || seasons.empty() || !(total > 0)) return std::nullopt;
  auto by_deviation = [](const json& a, const json& b) { return num(a[3]) < num(b[3]); };
  const json& busiest = *std::max_element(seasons.begin(), seasons.end(), by_deviation);
  const json& quietest = *std::min_element(seasons.begin(), seasons.end(), by_deviation);
  const Text text = msg("finding.seasonal_swing", {{"high", season_in_sentence_label(busiest[0].get<std::string>())},
                                                   {"high_pct", signed_label(num(busiest[3]), 1)},
                                                   {"low", season_in_sentence_label(quietest[0].get<std::string>())},
                                                   {"low_pct", signed_label(num(quietest[3]), 1)}});
  // Cohen's w of the goodness-of-fit test: √(χ² / n).
  return Finding{"seasonal_swing",
                 "seasonality.volume",
                 "volume_by_season",
                 "w",
                 std::sqrt(num(test["statistic"]) / total),
                 num(test["p"]),
                 text};
}

std::optional<Finding> peak_year(const json& volume) {
  std::vector<double> counts;
  int peak = 0;
  double peak_count = -1;
  for (const auto& row : chart_rows(volume, "volume_by_year")) {
    if (row[2].get<bool>()) continue;  // partial years would understate their volume
    counts.push_back(num(row[1]));
    if (num(row[1]) > peak_count) peak_count = num(row[1]), peak = row[0].get<int>();
  }
  if (counts.size() < 2) return std::nullopt;
  const stats::TestResult uniform = stats::chi_square_gof(counts);
  double total = 0;
  for (double n : counts) total += n;
  std::vector<double> sorted = counts;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t mid = sorted.size() / 2;
  const double median = sorted.size() % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  // The year is a name, not a quantity: passed as text so that it is never written "2,008".
  const Text text =
      msg("finding.peak_year", {{"year", std::to_string(peak)}, {"count", peak_count}, {"ratio", peak_count / median}});
  return Finding{
      "peak_year", "trends.volume", "volume_by_year", "w", std::sqrt(uniform.statistic / total), uniform.p_value, text};
}

/// Recipes of a year in the items analysis (its "diversity" chart), NaN when absent.
double recipes_in(const json& items, int year) {
  for (const auto& row : chart_rows(items, "diversity")) {
    if (row[0].get<int>() == year) return num(row[2]);
  }
  return NAN;
}

/// The year in a column name "share_1999".
int column_year(const json& items, const std::string& chart, int column) {
  const json& columns = by_id(items, "charts", chart)["data"]["columns"];
  const std::string name =
      columns.is_array() && columns.size() > static_cast<std::size_t>(column) ? columns[column].get<std::string>() : "";
  return name.rfind("share_", 0) == 0 ? std::atoi(name.c_str() + 6) : 0;
}

std::optional<Finding> biggest_mover(const json& items, bool rise) {
  const std::string chart = rise ? "rises" : "falls";
  const json& rows = chart_rows(items, chart);
  const int first = column_year(items, chart, 1);
  const int last = column_year(items, chart, 2);
  const double n_first = recipes_in(items, first);
  const double n_last = recipes_in(items, last);
  if (rows.empty() || !(n_first > 0) || !(n_last > 0)) return std::nullopt;
  const std::string item = rows[0][0].get<std::string>();
  const double a = num(rows[0][1]);
  const double b = num(rows[0][2]);
  // Recipes with and without the item in the first and the last year: the share's change tested as a 2×2 table.
  const stats::TestResult test = stats::chi_square_2x2(std::round(a * n_first), n_first - std::round(a * n_first),
                                                       std::round(b * n_last), n_last - std::round(b * n_last));
  const Text text = msg("finding.biggest_mover", {{"item", item},
                                                  {"rise", rise ? "true" : "false"},
                                                  {"from", 100 * a},
                                                  {"first", std::to_string(first)},
                                                  {"to", 100 * b},
                                                  {"last", std::to_string(last)}});
  return Finding{rise ? "biggest_rise" : "biggest_fall",
                 "trends.ingredients",
                 chart,
                 "h",
                 stats::cohens_h(b, a),
                 test.p_value,
                 text};
}

std::optional<Finding> rating_drift(const json& trend) {
  const json& test = by_id(trend, "tests", "wls_slope");
  const double slope = metric(trend, "slope_per_year");
  const double r2 = num(test["effect"]);
  if (test.is_null() || std::isnan(slope) || std::isnan(r2)) return std::nullopt;
  const auto months = test.value("n", 0);
  const Text text = msg("finding.rating_drift", {{"slope", signed_label(slope, 4)}, {"months", months}, {"r2", r2}});
  // The correlation behind the weighted fit, signed as the slope.
  return Finding{
      "rating_drift", "ratings.trend", "monthly_mean", "r", std::copysign(std::sqrt(r2), slope), num(test["p"]), text};
}

std::optional<Finding> weekend_ratings(const json& ratings) {
  const json& test = by_id(ratings, "tests", "mann_whitney");
  const double weekday = metric(ratings, "weekday_mean");
  const double weekend = metric(ratings, "weekend_mean");
  if (test.is_null() || std::isnan(weekday) || std::isnan(weekend)) return std::nullopt;
  const Text text =
      msg("finding.weekend_ratings",
          {{"difference", signed_label(weekend - weekday, 4)}, {"weekend", weekend}, {"weekday", weekday}});
  return Finding{"weekend_ratings", "weekend.ratings", "period_mean", "d", num(test["effect"]), num(test["p"]), text};
}

/// Cohen's small, medium and large thresholds of a measure.
using Thresholds = std::array<double, 3>;

std::optional<Thresholds> thresholds(const std::string& measure) {
  if (measure == "w" || measure == "r") return Thresholds{0.1, 0.3, 0.5};
  if (measure == "d" || measure == "h") return Thresholds{0.2, 0.5, 0.8};
  return std::nullopt;
}

json to_json(const Finding& f) {
  const std::string page = f.analysis.substr(0, f.analysis.find('.'));
  return {{"id", f.id},
          {"page", page},
          {"analysis", f.analysis},
          {"chart", f.chart},
          {"effect_name", f.measure},
          {"effect", number(f.effect)},
          {"magnitude", number(effect_magnitude(f.measure, f.effect))},
          {"strength", effect_strength(f.measure, f.effect)},
          {"p", number(f.p)},
          {"significant", f.p < kSignificanceLevel},
          {"text", f.text.to_json()}};
}

}  // namespace

std::string effect_strength(const std::string& measure, double effect) {
  const auto t = thresholds(measure);
  const double size = std::fabs(effect);
  if (!t || std::isnan(size) || size < (*t)[0]) return "negligible";
  if (size < (*t)[1]) return "small";
  return size < (*t)[2] ? "medium" : "large";
}

double effect_magnitude(const std::string& measure, double effect) {
  const auto t = thresholds(measure);
  return t ? std::fabs(effect) / (*t)[2] : NAN;
}

json key_findings(db::Connection& connection) {
  const json weekend_volume = run(connection, "weekend.volume");
  const json items = run(connection, "trends.ingredients");
  std::vector<Finding> found;
  for (auto finding :
       {weekday_swing(weekend_volume), seasonal_swing(run(connection, "seasonality.volume")),
        peak_year(run(connection, "trends.volume")), biggest_mover(items, true), biggest_mover(items, false),
        rating_drift(run(connection, "ratings.trend")), weekend_ratings(run(connection, "weekend.ratings"))}) {
    if (finding && !std::isnan(finding->effect)) found.push_back(std::move(*finding));
  }
  // Established effects first, each group from the strongest down.
  std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
    const bool sa = a.p < kSignificanceLevel, sb = b.p < kSignificanceLevel;
    if (sa != sb) return sa;
    return effect_magnitude(a.measure, a.effect) > effect_magnitude(b.measure, b.effect);
  });
  json list = json::array();
  for (const auto& f : found) list.push_back(to_json(f));
  return {{"findings", std::move(list)}, {"significance_level", kSignificanceLevel}};
}

}  // namespace mtm::analysis
