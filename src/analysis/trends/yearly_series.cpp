#include "analysis/trends/yearly_series.hpp"

#include <algorithm>
#include <utility>

#include "analysis/query_helpers.hpp"
#include "analysis/words.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::trends {
namespace {

namespace charts = present::charts;
using present::label;

nlohmann::json series_chart_spec(const YearScope& scope, const YearlySeries& s, const SeriesLook& look) {
  charts::LineChart chart(scope.years, year_title(), label("trends.series_name." + s.id));
  if (!s.spread.empty()) {
    std::vector<double> hi;
    std::vector<double> lo;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      hi.push_back(s.values[i] + s.spread[i]);
      lo.push_back(s.values[i] - s.spread[i]);
    }
    chart.bands.push_back({label("trends.series.sd_band"), label("trends.series.sd_edge"), lo, hi,
                           charts::translucent(present::theme::kOrange, 0.15)});
  }
  // Marker area grows with the year's recipes, the weight of its point in the trend.
  const double max_n = scope.n.empty() ? 1 : *std::max_element(scope.n.begin(), scope.n.end());
  charts::LineSeries observed{label("trends.series_name." + s.id), s.values, look.color};
  for (double v : scope.n) observed.marker_sizes.push_back(4 + 16 * v / max_n);
  observed.customdata = charts::number_array(scope.n);
  chart.series.push_back(observed);
  if (s.fit.ok()) {
    chart.trends.emplace_back(trend_name(label("trends.series.trend"), s.fit), fitted(s.fit, scope.years),
                              present::theme::kBlue);
  }
  return charts::line(chart);
}

nlohmann::json series_rows(const YearScope& scope, const YearlySeries& s) {
  const auto partial = partial_years(scope.years, scope.coverage);
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < scope.years.size(); ++i) {
    nlohmann::json row = {static_cast<int>(scope.years[i]), scope.n[i], s.values[i]};
    if (!s.spread.empty()) row.push_back(s.spread[i]);
    row.push_back(s.fit.intercept + s.fit.slope * scope.years[i]);
    row.push_back(static_cast<bool>(partial[i]));
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

YearlySeries fit_series(std::string id, const YearScope& scope, std::vector<double> values,
                        std::vector<double> spread) {
  YearlySeries s{std::move(id), std::move(values), std::move(spread), {}};
  s.fit = stats::wls(scope.years, s.values, scope.n);
  return s;
}

void add_series(Report& report, const YearScope& scope, const YearlySeries& s, const SeriesLook& look) {
  const auto name = label("trends.series_name." + s.id);
  std::vector<std::string> columns = {"year", "recipes", s.id};
  if (!s.spread.empty()) columns.emplace_back("std");
  columns.emplace_back("trend");
  columns.emplace_back("partial_year");
  const auto spec = series_chart_spec(scope, s, look);
  report.chart(s.id + "_by_year",
               msg("trends.series.chart_title",
                   {{"name", name}, {"slope", signed_label(s.fit.slope, 4)}, {"p", p_label(s.fit.slope_p)}}),
               spec["traces"], spec["layout"], columns, series_rows(scope, s));
  report.test(s.id + "_wls", msg("trends.series.test", {{"name", name}}), "t", s.fit.slope_t, s.fit.slope_p, s.fit.n,
              "R2w", s.fit.r_squared, -1, s.fit.df_resid);
  report.metric(s.id + "_slope", msg("trends.series.metric_slope", {{"name", name}}), s.fit.slope, look.slope_unit, 4);
  report.say(slope_sentence(label("trends.series_subject." + s.id), s.fit,
                            label("trends.per_year", {{"unit", look.sentence_unit}}), look.decimals));
}

}  // namespace mtm::analysis::trends
