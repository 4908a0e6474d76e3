#include "analysis/weekend/items.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/cells.hpp"
#include "analysis/report.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/weekend/common.hpp"
#include "analysis/words.hpp"
#include "present/message.hpp"

namespace mtm::analysis::weekend {

using nlohmann::json;
using present::label;

namespace {

// Presence counts per period of every item present in scope.
std::vector<ItemTest> present_items(db::Connection& con, const ItemSource& source, const std::vector<int>& period) {
  const auto cells = item_cells(con, source);
  std::vector<ItemTest> all;
  for (std::size_t k = 0; k < cells->names.size(); ++k) {
    ItemTest t;
    bool present = false;
    for (std::size_t e = cells->begin[k]; e < cells->begin[k + 1]; ++e) {
      const int g = period[static_cast<std::size_t>(cells->cells[e])];
      if (g < 0) continue;
      present = true;
      (g == 1 ? t.weekend : t.weekday) += cells->counts[e];
    }
    if (!present) continue;
    t.name = cells->names[k];
    all.push_back(std::move(t));
  }
  return all;
}

// Only items frequent enough are tested (independent filtering on the pooled share, which does not
// depend on the period under the null); BH then runs over exactly the tested items.
std::vector<ItemTest> test_items(std::vector<ItemTest>& all, const ItemsResult& r, double min_frequency) {
  std::vector<ItemTest> tested;
  const double n = r.n_weekday + r.n_weekend;
  if (r.n_weekday <= 0 || r.n_weekend <= 0) return tested;
  for (auto& t : all) {
    t.share_weekday = t.weekday / r.n_weekday;
    t.share_weekend = t.weekend / r.n_weekend;
    if ((t.share_weekday + t.share_weekend) / 2 < min_frequency) continue;
    const stats::TestResult chi =
        stats::chi_square_2x2(t.weekday, r.n_weekday - t.weekday, t.weekend, r.n_weekend - t.weekend, /*yates=*/true);
    t.chi2 = chi.statistic;
    t.p = chi.p_value;
    const double with = t.weekday + t.weekend;
    const double denominator = std::sqrt(r.n_weekday * r.n_weekend * with * (n - with));
    t.phi = denominator > 0
                ? (t.weekend * (r.n_weekday - t.weekday) - t.weekday * (r.n_weekend - t.weekend)) / denominator
                : NAN;
    tested.push_back(t);
  }
  return tested;
}

}  // namespace

ItemsResult compute_items(db::Connection& con, const Filters& f, const ItemSource& source) {
  const std::vector<int> period =
      cell_groups(CellGrid::scope(f), [](int c) { return is_weekend_day(CellGrid::weekday(c)); });
  const auto totals = group_totals(recipe_cells(con)->count, period, 2);
  ItemsResult r;
  r.n_weekday = totals[0];
  r.n_weekend = totals[1];
  std::vector<ItemTest> all = present_items(con, source, period);
  r.total_items = all.size();
  r.tested = test_items(all, r, f.min_frequency);
  std::vector<double> p_values;
  p_values.reserve(r.tested.size());
  for (const auto& t : r.tested) p_values.push_back(t.p);
  const auto adjusted = stats::benjamini_hochberg(p_values);
  for (std::size_t i = 0; i < r.tested.size(); ++i) {
    r.tested[i].p_adjusted = adjusted[i];
    if (adjusted[i] < kSignificanceLevel && std::fabs(r.tested[i].diff()) >= f.min_difference) {
      r.passing.push_back(r.tested[i]);
    }
  }
  // Strongest first whatever the direction (§12.6 kept only the largest signed differences).
  std::sort(r.passing.begin(), r.passing.end(), [](const ItemTest& a, const ItemTest& b) {
    if (std::fabs(a.diff()) != std::fabs(b.diff())) return std::fabs(a.diff()) > std::fabs(b.diff());
    return a.name < b.name;
  });
  for (const auto& t : r.passing) {
    if (std::isfinite(t.phi)) r.max_phi = std::max(r.max_phi, std::fabs(t.phi));
  }
  return r;
}

namespace {

void items_metrics(Report& report, const ItemsResult& r, const Filters& f, const std::string& kind) {
  const double pct_variable =
      r.tested.empty() ? NAN : 100.0 * static_cast<double>(r.passing.size()) / static_cast<double>(r.tested.size());
  report
      .metric("total_items", msg("weekend.items.metric.total", {{"kind", kind}}), static_cast<double>(r.total_items),
              "", 0)
      .metric("tested_items",
              msg("weekend.items.metric.tested", {{"share", number_label(100 * f.min_frequency, 1)}, {"kind", kind}}),
              static_cast<double>(r.tested.size()), "", 0)
      .metric("variable_items", msg("weekend.items.metric.variable", {{"kind", kind}}),
              static_cast<double>(r.passing.size()), "", 0)
      .metric("variable_pct", msg("weekend.items.metric.variable_pct"), pct_variable, "%", 1);
}

// Diverging bars: largest weekend-leaning at the top, largest weekday-leaning at the bottom.
void top_chart(Report& report, const ItemsResult& r, const Filters& f, const std::string& kind) {
  const std::size_t shown = std::min<std::size_t>(r.passing.size(), static_cast<std::size_t>(f.top_n));
  std::vector<ItemTest> top(r.passing.begin(), r.passing.begin() + static_cast<std::ptrdiff_t>(shown));
  std::sort(top.begin(), top.end(), [](const ItemTest& a, const ItemTest& b) { return a.diff() > b.diff(); });
  json y = json::array(), x = json::array(), colors = json::array(), text = json::array(), rows = json::array();
  for (const auto& t : top) {
    y.push_back(t.name);
    x.push_back(number(100 * t.diff()));
    colors.push_back(period_color(t.diff() >= 0));
    text.push_back(signed_label(100 * t.diff(), 2));
    rows.push_back({t.name, number(100 * t.share_weekday), number(100 * t.share_weekend), number(100 * t.diff()),
                    number(t.p_adjusted)});
  }
  report.chart("top_differences", msg("weekend.items.chart.top", {{"count", shown}, {"kind", kind}}),
               json::array({{{"type", "bar"},
                             {"orientation", "h"},
                             {"name", label("weekend.items.trace.difference")},
                             {"x", x},
                             {"y", y},
                             {"text", text},
                             {"textposition", "outside"},
                             {"marker", {{"color", colors}}}}}),
               {{"xaxis", axis_titled(label("weekend.items.axis.difference"))},
                {"yaxis", {{"autorange", "reversed"}, {"automargin", true}}}},
               {"item", "weekday_share_pct", "weekend_share_pct", "diff_pp", "p_adjusted"}, rows);
  for (const auto& t : top) {
    report.test("chi2_" + t.name, msg("weekend.items.test.chi2", {{"item", t.name}}), "chi2", t.chi2, t.p,
                static_cast<std::size_t>(r.n_weekday + r.n_weekend), "phi", t.phi, t.p_adjusted, 1.0);
  }
}

void variable_table(Report& report, const ItemsResult& r) {
  json rows = json::array();
  for (const auto& t : r.passing) {
    rows.push_back({t.name, t.weekday, t.weekend, number(100 * t.share_weekday), number(100 * t.share_weekend),
                    number(100 * t.diff()), number(t.chi2), number(t.p), number(t.p_adjusted), number(t.phi)});
  }
  report.table("variable_items", msg("weekend.items.table.variable", {{"alpha", number_label(kSignificanceLevel, 2)}}),
               {"item", "weekday_recipes", "weekend_recipes", "weekday_share_pct", "weekend_share_pct", "diff_pp",
                "chi2", "p", "p_adjusted", "phi"},
               rows);
}

// The three strongest passing items leaning to one period, "name (+1.23 pp)".
json leaning(const ItemsResult& r, bool weekend) {
  json names = json::array();
  for (const auto& t : r.passing) {
    if ((t.diff() > 0) != weekend) continue;
    names.push_back(label("weekend.items.leaning_item", {{"item", t.name}, {"pp", signed_label(100 * t.diff(), 2)}}));
    if (names.size() == 3) break;
  }
  return list_label(names);
}

void items_narrative(Report& report, const ItemsResult& r, const Filters& f, const std::string& kind) {
  report.say(msg("weekend.items.tested", {{"tested", r.tested.size()},
                                          {"total", r.total_items},
                                          {"kind", kind},
                                          {"share", number_label(100 * f.min_frequency, 1)},
                                          {"passing", r.passing.size()},
                                          {"gap", number_label(100 * f.min_difference, 2)}}));
  if (r.passing.empty()) {
    report.say(msg("weekend.items.none_pass"));
    return;
  }
  report.say(msg("weekend.items.leaning", {{"weekend", leaning(r, true)}, {"weekday", leaning(r, false)}}));
  report.say(msg("weekend.items.largest", {{"gap", number_label(100 * std::fabs(r.passing.front().diff()), 2)},
                                           {"phi", number_label(r.max_phi, 3)},
                                           {"effect", effect_size_label(r.max_phi, "w")},
                                           {"negligible", r.max_phi < kNegligibleD ? "yes" : "no"}}));
}

}  // namespace

json items_view(const ItemsResult& r, const Filters& f, const std::string& id, const std::string& kind) {
  Report report(id, msg("weekend.items.title", {{"kind", kind}}));
  items_metrics(report, r, f, kind);
  top_chart(report, r, f, kind);
  variable_table(report, r);
  report.set("recipes", {{"weekday", r.n_weekday}, {"weekend", r.n_weekend}});
  if (r.n_weekday == 0 || r.n_weekend == 0) {
    report.say(empty_sentence());
    return report.to_json();
  }
  items_narrative(report, r, f, kind);
  return report.to_json();
}

}  // namespace mtm::analysis::weekend
