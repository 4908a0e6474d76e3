// trends.volume as a report: message ids, the bar and line chart builders, no words.
#include <cmath>
#include <string>

#include "analysis/query_helpers.hpp"
#include "analysis/trends/volume.hpp"
#include "analysis/words.hpp"
#include "present/charts/bar.hpp"
#include "present/charts/line.hpp"
#include "present/charts/qq.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::trends {
namespace {

namespace charts = present::charts;
namespace theme = present::theme;
using present::label;

void volume_metrics(Report& report, const VolumeResult& r) {
  report.metric("years", msg("trends.volume.metric.years"), static_cast<double>(r.scope.years.size()), "", 0)
      .metric("total", msg("trends.volume.metric.total"), r.total, "", 0)
      .metric("mean_per_year", msg("trends.volume.metric.mean_per_year"), r.mean, "", 0)
      .metric("median_per_year", msg("trends.volume.metric.median_per_year"), r.median, "", 0)
      .metric("min", msg("trends.volume.metric.min"), r.min, "", 0)
      .metric("q1", msg("trends.volume.metric.q1"), r.q1, "", 1)
      .metric("q3", msg("trends.volume.metric.q3"), r.q3, "", 1)
      .metric("max", msg("trends.volume.metric.max"), r.max, "", 0)
      .metric("std", msg("trends.volume.metric.std"), r.std_dev, "", 0)
      .metric("cv", msg("trends.volume.metric.cv"), r.cv_percent, "%", 1);
}

void volume_chart(Report& report, const VolumeResult& r) {
  const auto& years = r.scope.years;
  const auto partial = partial_years(years, r.scope.coverage);
  nlohmann::json colors = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < years.size(); ++i) {
    // A partial year's bar is paler: its count is not comparable with full years'.
    colors.push_back(partial[i] ? charts::translucent(theme::kOrange, 0.35) : std::string(theme::kOrange));
    rows.push_back({static_cast<int>(years[i]), r.scope.n[i], static_cast<bool>(partial[i])});
  }
  const auto spec = charts::bar({{{label("trends.label.recipes"), charts::number_array(years),
                                   charts::number_array(r.scope.n), colors, nlohmann::json(partial)}},
                                 year_title(),
                                 label("trends.axis.recipes")});
  report.chart("volume_by_year", msg("trends.volume.chart.by_year"), spec["traces"], spec["layout"],
               {"year", "recipes", "partial_year"}, rows);
}

void qq_chart(Report& report, const stats::QqPlot& qq) {
  charts::QqSpec chart;
  chart.theoretical = qq.theoretical;
  chart.ordered = qq.ordered;
  if (qq.ok()) chart.line = charts::QqLine{qq.intercept, qq.slope};
  chart.points_name = label("trends.volume.qq.counts");
  chart.line_name = label("trends.volume.qq.reference");
  chart.x_title = label("trends.volume.qq.x");
  chart.y_title = label("trends.volume.qq.y");
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < qq.theoretical.size(); ++i) rows.push_back({qq.theoretical[i], qq.ordered[i]});
  const auto spec = charts::qq(chart);
  report.chart("qq_plot", msg("trends.volume.chart.qq"), spec["traces"], spec["layout"],
               {"theoretical_quantile", "ordered_count"}, rows);
}

void volume_narrative(Report& report, const VolumeResult& r) {
  const auto& years = r.scope.years;
  const auto& counts = r.scope.n;
  if (!counts.empty()) {
    const double peak = counts[r.peak];
    const double last = counts.back();
    report.say(msg("trends.volume.narrative.peak", {{"peak_year", std::to_string(static_cast<int>(years[r.peak]))},
                                                    {"peak_count", peak},
                                                    {"peak", number_label(peak, 0)},
                                                    {"last_year", std::to_string(static_cast<int>(years.back()))},
                                                    {"last", number_label(last, 0)},
                                                    {"change", signed_label(100.0 * (last - peak) / peak, 1)}}));
    report.set("peak_year", static_cast<int>(years[r.peak]));
  }
  if (r.shapiro.ok()) {
    report.say(
        msg("trends.volume.narrative.shapiro", {{"w", number_label(r.shapiro.statistic, 4)},
                                                {"p", p_label(r.shapiro.p_value)},
                                                {"normal", r.shapiro.p_value >= kSignificanceLevel ? "yes" : "no"}}));
  }
}

}  // namespace

nlohmann::json volume_view(const VolumeResult& r) {
  Report report = trends_report("trends.volume");
  volume_metrics(report, r);
  volume_chart(report, r);
  qq_chart(report, r.qq);
  report.metric("qq_r2", msg("trends.volume.metric.qq_r2"), r.qq.r * r.qq.r, "", 4);
  report.test("shapiro_wilk", msg("trends.volume.test.shapiro"), "W", r.shapiro.statistic, r.shapiro.p_value,
              r.shapiro.n);
  volume_narrative(report, r);
  say_partial_years(report, r.scope.years, r.scope.coverage);
  return language_free_json(report);
}

}  // namespace mtm::analysis::trends
