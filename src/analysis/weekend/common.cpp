#include "analysis/weekend/common.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/cells.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/words.hpp"
#include "present/charts/box.hpp"
#include "present/charts/dot_plot.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::weekend {

using nlohmann::json;
using present::label;

const std::vector<std::string>& recipe_filters() {
  static const std::vector<std::string> kFilters = {"year_from", "year_to", "seasons", "days", "clean_only"};
  return kFilters;
}

const std::vector<std::string>& item_filters() {
  static const std::vector<std::string> kFilters = {"year_from",  "year_to", "seasons",       "days",
                                                    "clean_only", "top_n",   "min_frequency", "min_difference"};
  return kFilters;
}

const std::vector<std::string>& rating_filters() {
  static const std::vector<std::string> kFilters = {"year_from", "year_to", "seasons", "days"};
  return kFilters;
}

json period_label(bool weekend) {
  return label("weekend.period", {{"period", weekend ? "weekend" : "weekday"}});
}

std::string_view period_color(bool weekend) {
  return weekend ? present::theme::kOrange : present::theme::kGold;
}

Text empty_sentence() {
  return msg("weekend.empty");
}

json list_label(const json& items) {
  if (items.empty()) return label("weekend.none");
  json joined = items.back();
  for (std::size_t i = items.size() - 1; i-- > 0;)
    joined = label("weekend.list", {{"head", items[i]}, {"tail", joined}});
  return joined;
}

json axis_titled(json title) {
  return {{"title", {{"text", std::move(title)}}}};
}

namespace {

void fill_period(Comparison& c, bool weekend, const GroupSummary& g) {
  if (g.n == 0) return;
  Moments m;
  m.n = g.n;
  m.mean = g.mean;
  m.m2 = g.m2;
  (weekend ? c.weekend : c.weekday) = m;
  Spread spread;
  spread.min = g.min;
  spread.max = g.max;
  spread.q1 = g.quantiles[0];
  spread.median = g.quantiles[1];
  spread.q3 = g.quantiles[2];
  // Whiskers at 1.5 IQR, clipped to the data range.
  spread.lower_fence = std::max(spread.min, spread.q1 - 1.5 * (spread.q3 - spread.q1));
  spread.upper_fence = std::min(spread.max, spread.q3 + 1.5 * (spread.q3 - spread.q1));
  (weekend ? c.weekend_spread : c.weekday_spread) = spread;
}

void adjust_p_values(std::vector<Comparison>& out) {
  std::vector<double> welch_p;
  std::vector<double> mw_p;
  for (const auto& c : out) {
    welch_p.push_back(c.welch.p_value);
    mw_p.push_back(c.mann_whitney.p_value);
  }
  const auto welch_adj = stats::benjamini_hochberg(welch_p);
  const auto mw_adj = stats::benjamini_hochberg(mw_p);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].welch_p_adjusted = welch_adj[i];
    out[i].mann_whitney_p_adjusted = mw_adj[i];
  }
}

}  // namespace

// Per column, moments and quartiles of each period and the Mann-Whitney rank sum, from one pass each
// over the column's sorted values (NULLs are left out, as UNPIVOT did).
std::vector<Comparison> compare_columns(db::Connection& con, const Filters& f, const std::vector<ColumnSpec>& specs) {
  const std::vector<int> period =
      cell_groups(CellGrid::scope(f), [](int c) { return is_weekend_day(CellGrid::weekday(c)); });
  std::vector<Comparison> out(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    Comparison& c = out[i];
    c.spec = specs[i];
    const auto column = sorted_column(con, specs[i].column);
    // One walk gives the summaries and the Mann-Whitney rank sums.
    const RankedSummary summary = summarize_ranked(*column, period, 2, {0.25, 0.5, 0.75});
    const auto& groups = summary.groups;
    for (bool weekend : {false, true}) fill_period(c, weekend, groups[weekend ? 1 : 0]);
    c.welch = welch_from_moments(c.weekend, c.weekday);
    c.d = cohens_d_from_moments(c.weekend, c.weekday);
    c.mann_whitney.reason = "empty_group";
    if (groups[0].n + groups[1].n > 0) {
      const RankSums& r = summary.ranks;
      c.mann_whitney = mann_whitney_from_rank_sum(r.sums[1], r.sizes[1], r.sizes[0], r.tie_term);
    }
  }
  adjust_p_values(out);
  return out;
}

json measure_label(const Comparison& c) {
  return label("weekend.measure", {{"measure", c.spec.measure}});
}

json unit_label(const Comparison& c) {
  return c.spec.unit.empty() ? json(nullptr) : label("weekend.unit", {{"unit", c.spec.unit}});
}

json measure_with_unit_label(const Comparison& c) {
  if (c.spec.unit.empty()) return measure_label(c);
  return label("weekend.measure_with_unit", {{"measure", measure_label(c)}, {"unit", unit_label(c)}});
}

void add_comparison_tests(Report& report, const std::vector<Comparison>& comparisons) {
  const bool family = comparisons.size() > 1;
  for (const auto& c : comparisons) {
    report.test("welch_" + c.spec.column, msg("weekend.test.welch", {{"measure", measure_label(c)}}), "t",
                c.welch.statistic, c.welch.p_value, c.welch.n, "cohens_d", c.d, family ? c.welch_p_adjusted : -1.0,
                c.welch.df);
    report.test("mann_whitney_" + c.spec.column, msg("weekend.test.mann_whitney", {{"measure", measure_label(c)}}), "U",
                c.mann_whitney.statistic, c.mann_whitney.p_value, c.mann_whitney.n, "cohens_d", c.d,
                family ? c.mann_whitney_p_adjusted : -1.0);
  }
}

Text comparison_sentence(const Comparison& c, bool adjusted) {
  const double p = adjusted ? c.welch_p_adjusted : c.welch.p_value;
  const double p_mw = adjusted ? c.mann_whitney_p_adjusted : c.mann_whitney.p_value;
  json difference = signed_label(c.difference(), c.spec.decimals);
  if (!c.spec.unit.empty()) {
    difference = label("weekend.value_with_unit", {{"value", difference}, {"unit", unit_label(c)}});
  }
  return msg("weekend.comparison", {{"measure", measure_label(c)},
                                    {"weekend", number_label(c.weekend.mean, c.spec.decimals)},
                                    {"weekday", number_label(c.weekday.mean, c.spec.decimals)},
                                    {"difference", difference},
                                    {"difference_pct", signed_label(c.difference_pct(), 2)},
                                    {"t", number_label(c.welch.statistic, 3)},
                                    {"adjusted", adjusted ? "yes" : "no"},
                                    {"p", p_label(p)},
                                    {"p_mw", p_label(p_mw)},
                                    {"d", number_label(c.d, 3)},
                                    {"effect", effect_size_label(c.d)},
                                    {"verdict", significance_label(p, c.d, kNegligibleD)}});
}

void mean_median_chart(Report& report, const std::string& id, const Text& title, const Comparison& c) {
  std::vector<present::charts::DotGroup> groups;
  json rows = json::array();
  for (bool weekend : {false, true}) {
    const Moments& m = weekend ? c.weekend : c.weekday;
    const Spread& s = weekend ? c.weekend_spread : c.weekday_spread;
    groups.push_back({period_label(weekend), m.mean, s.median, s.q1, s.q3, period_color(weekend)});
    rows.push_back({period_label(weekend), m.n, number(m.mean), number(s.median), number(s.q1), number(s.q3),
                    number(s.q3 - s.q1), number(m.sd())});
  }
  const json spec = present::charts::dot_plot(groups,
                                              {label("weekend.trace.mean"), label("weekend.trace.median_iqr"),
                                               label("weekend.axis.period"), measure_with_unit_label(c)},
                                              present::theme::kRedOrange);
  report.chart(id, title, spec["traces"], spec["layout"], {"period", "n", "mean", "median", "q1", "q3", "iqr", "std"},
               rows);
}

void box_chart(Report& report, const std::string& id, const Text& title, const Comparison& c) {
  std::vector<present::charts::BoxGroup> groups;
  json rows = json::array();
  for (bool weekend : {false, true}) {
    const Moments& m = weekend ? c.weekend : c.weekday;
    const Spread& s = weekend ? c.weekend_spread : c.weekday_spread;
    groups.push_back({period_label(weekend), s.q1, s.median, s.q3, s.lower_fence, s.upper_fence, m.mean, m.sd(),
                      period_color(weekend)});
    rows.push_back({period_label(weekend), m.n, number(s.min), number(s.lower_fence), number(s.q1), number(s.median),
                    number(s.q3), number(s.upper_fence), number(s.max), number(m.mean), number(m.sd())});
  }
  const json spec = present::charts::box(groups, label("weekend.axis.period"), measure_with_unit_label(c));
  report.chart(id, title, spec["traces"], spec["layout"],
               {"period", "n", "min", "lower_fence", "q1", "median", "q3", "upper_fence", "max", "mean", "std"}, rows);
}

}  // namespace mtm::analysis::weekend
