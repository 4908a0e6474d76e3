#include "analysis/weekend/nutrition.hpp"

#include <cmath>

#include "analysis/report.hpp"
#include "analysis/words.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::weekend {

using nlohmann::json;
using present::label;

NutritionResult compute_nutrition(db::Connection& con, const Filters& f) {
  NutritionResult r;
  r.nutrients = compare_columns(con, f,
                                {{"calories", "calories", "kcal", 1},
                                 {"protein_pdv", "protein", "dv", 2},
                                 {"total_fat_pdv", "total_fat", "dv", 2},
                                 {"saturated_fat_pdv", "saturated_fat", "dv", 2},
                                 {"sugar_pdv", "sugar", "dv", 2},
                                 {"sodium_pdv", "sodium", "dv", 2},
                                 {"carbohydrates_pdv", "carbohydrates", "dv", 2}});
  const auto& cs = r.nutrients;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (cs[i].welch_p_adjusted < kSignificanceLevel) ++r.significant;
    if (cs[i].mann_whitney_p_adjusted < kSignificanceLevel) ++r.significant_mw;
    if (std::isfinite(cs[i].difference_pct()) &&
        (!std::isfinite(cs[r.largest].difference_pct()) ||
         std::fabs(cs[i].difference_pct()) > std::fabs(cs[r.largest].difference_pct()))) {
      r.largest = i;
    }
    if (std::isfinite(cs[i].d)) r.max_abs_d = std::max(r.max_abs_d, std::fabs(cs[i].d));
  }
  return r;
}

namespace {

std::string_view difference_color(double pct, bool significant) {
  namespace theme = present::theme;
  if (significant) return pct < 0 ? theme::kRedOrange : theme::kOrange;
  return pct < 0 ? theme::kGold : theme::kSalmon;
}

// Horizontal bars of the weekend − weekday difference in %, first nutrient at the top.
void difference_chart(Report& report, const NutritionResult& r) {
  json y = json::array(), x = json::array(), colors = json::array(), text = json::array(), rows = json::array();
  for (const auto& c : r.nutrients) {
    const double pct = c.difference_pct();
    const bool sig = c.welch_p_adjusted < kSignificanceLevel;
    y.push_back(measure_label(c));
    x.push_back(number(pct));
    colors.push_back(difference_color(pct, sig));
    text.push_back(
        label("weekend.nutrition.bar_text", {{"value", signed_label(pct, 1)}, {"significant", sig ? "yes" : "no"}}));
    rows.push_back({measure_label(c), number(c.weekday.mean), number(c.weekend.mean), number(pct),
                    number(c.welch_p_adjusted), sig});
  }
  report.chart(
      "difference_pct", msg("weekend.nutrition.chart.difference"),
      json::array({{{"type", "bar"},
                    {"orientation", "h"},
                    {"name", label("weekend.nutrition.trace.difference")},
                    {"x", x},
                    {"y", y},
                    {"text", text},
                    {"textposition", "outside"},
                    {"marker", {{"color", colors}}}}}),
      {{"xaxis", axis_titled(label("weekend.nutrition.axis.difference"))}, {"yaxis", {{"autorange", "reversed"}}}},
      {"nutrient", "weekday_mean", "weekend_mean", "difference_pct", "welch_p_adjusted", "significant"}, rows);
}

void nutrient_table(Report& report, const NutritionResult& r) {
  json rows = json::array();
  for (const auto& c : r.nutrients) {
    rows.push_back({measure_label(c), unit_label(c), c.weekday.n, c.weekend.n, number(c.weekday.mean),
                    number(c.weekend.mean), number(c.difference_pct()), number(c.weekday_spread.median),
                    number(c.weekend_spread.median), number(c.welch.statistic), number(c.welch.p_value),
                    number(c.welch_p_adjusted), number(c.mann_whitney.statistic), number(c.mann_whitney.p_value),
                    number(c.mann_whitney_p_adjusted), number(c.d)});
  }
  report.table("nutrients", msg("weekend.nutrition.table.nutrients"),
               {"nutrient", "unit", "weekday_n", "weekend_n", "weekday_mean", "weekend_mean", "difference_pct",
                "weekday_median", "weekend_median", "welch_t", "welch_p", "welch_p_adjusted", "mann_whitney_u",
                "mann_whitney_p", "mann_whitney_p_adjusted", "cohens_d"},
               rows);
}

void nutrition_narrative(Report& report, const NutritionResult& r) {
  const auto& cs = r.nutrients;
  json significant = json::array();
  for (const auto& c : cs) {
    if (c.welch_p_adjusted < kSignificanceLevel) {
      significant.push_back(label(
          "weekend.nutrition.significant_item",
          {{"measure", measure_label(c)}, {"pct", signed_label(c.difference_pct(), 2)}, {"d", number_label(c.d, 3)}}));
    }
  }
  if (significant.empty()) {
    report.say(msg("weekend.nutrition.none_significant", {{"nutrients", cs.size()}}));
  } else {
    report.say(msg("weekend.nutrition.significant",
                   {{"count", r.significant}, {"nutrients", cs.size()}, {"list", list_label(significant)}}));
  }
  const Comparison& largest = cs[r.largest];
  report.say(msg("weekend.nutrition.largest", {{"measure", measure_label(largest)},
                                               {"pct", signed_label(largest.difference_pct(), 2)},
                                               {"d", number_label(r.max_abs_d, 3)},
                                               {"effect", effect_size_label(r.max_abs_d)},
                                               {"negligible", r.max_abs_d < kNegligibleD ? "yes" : "no"}}));
  report.say(msg("weekend.nutrition.mann_whitney", {{"count", r.significant_mw}, {"nutrients", cs.size()}}));
}

}  // namespace

json nutrition_view(const NutritionResult& r) {
  const auto& cs = r.nutrients;
  Report report("weekend.nutrition", msg("weekend.nutrition.title"));
  report.metric("nutrients", msg("weekend.nutrition.metric.nutrients"), static_cast<double>(cs.size()), "", 0)
      .metric("significant", msg("weekend.nutrition.metric.significant"), static_cast<double>(r.significant), "", 0)
      .metric("significant_mann_whitney", msg("weekend.nutrition.metric.significant_mann_whitney"),
              static_cast<double>(r.significant_mw), "", 0)
      .metric("max_gap", msg("weekend.nutrition.metric.max_gap", {{"measure", measure_label(cs[r.largest])}}),
              cs[r.largest].difference_pct(), "%", 2);
  difference_chart(report, r);
  nutrient_table(report, r);
  add_comparison_tests(report, cs);
  if (!cs[0].comparable()) {
    report.say(empty_sentence());
    return report.to_json();
  }
  nutrition_narrative(report, r);
  return report.to_json();
}

}  // namespace mtm::analysis::weekend
