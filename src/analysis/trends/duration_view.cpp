// trends.duration as a report: message ids, the line chart builder (quantile band, observed mean and
// median, their WLS trends), no words.
#include <algorithm>
#include <cmath>
#include <string>

#include "analysis/query_helpers.hpp"
#include "analysis/trends/duration.hpp"
#include "analysis/words.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::trends {
namespace {

namespace charts = present::charts;
namespace theme = present::theme;
using present::label;

nlohmann::json band_params(const DurationResult& r) {
  return {{"low", number_label(100 * r.band_low, 0)}, {"high", number_label(100 * r.band_high, 0)}};
}

void duration_metrics(Report& report, const DurationResult& r) {
  const bool any = !r.scope.years.empty();
  const std::size_t last = any ? r.scope.years.size() - 1 : 0;
  report.metric("current_mean", msg("trends.duration.metric.current_mean"), any ? r.mean[last] : NAN, "min", 1)
      .metric("current_median", msg("trends.duration.metric.current_median"), any ? r.median[last] : NAN, "min", 1)
      .metric("mean_slope", msg("trends.duration.metric.mean_slope"), r.mean_fit.slope, "min/year", 4)
      .metric("median_slope", msg("trends.duration.metric.median_slope"), r.median_fit.slope, "min/year", 4)
      .metric("current_dispersion", msg("trends.duration.metric.dispersion", band_params(r)),
              any ? r.q_high[last] - r.q_low[last] : NAN, "min", 1)
      .metric("weighted_spearman", msg("trends.duration.metric.weighted_spearman"), r.rho.r, "", 4);
}

// Marker area grows with the year's recipes, the weight of its point in the trends.
std::vector<double> marker_sizes(const std::vector<double>& n, double smallest, double range) {
  std::vector<double> sizes;
  sizes.reserve(n.size());
  const double max_n = n.empty() ? 1 : *std::max_element(n.begin(), n.end());
  for (double v : n) sizes.push_back(smallest + range * v / max_n);
  return sizes;
}

charts::LineSeries observed(const nlohmann::json& name, const std::vector<double>& y, std::string_view color,
                            const DurationResult& r) {
  charts::LineSeries s{name, y, color};
  s.marker_sizes = marker_sizes(r.scope.n, 4, 26);
  s.marker_opacity = 0.6;
  s.width = 2;
  return s;
}

nlohmann::json duration_chart_spec(const DurationResult& r) {
  charts::LineChart chart(r.scope.years, year_title(), label("trends.axis.minutes"));
  chart.bands.push_back({label("trends.duration.band", band_params(r)),
                         label("trends.duration.band_range", band_params(r)), r.q_low, r.q_high,
                         charts::translucent(theme::kOrange, 0.18)});
  auto mean = observed(label("trends.duration.mean_observed"), r.mean, theme::kOrange, r);
  mean.customdata = charts::number_array(r.scope.n);
  chart.series.push_back(mean);
  // Gold beside the mean's orange is 1.66:1: the median is also told apart by its diamonds and dots.
  auto median = observed(label("trends.duration.median_observed"), r.median, theme::kGold, r);
  median.symbol = "diamond";
  median.dash = "dot";
  chart.series.push_back(median);
  if (r.mean_fit.ok()) {
    chart.trends.emplace_back(trend_name(label("trends.duration.mean_trend"), r.mean_fit),
                              fitted(r.mean_fit, r.scope.years), theme::kRedOrange);
  }
  if (r.median_fit.ok()) {
    chart.trends.emplace_back(trend_name(label("trends.duration.median_trend"), r.median_fit),
                              fitted(r.median_fit, r.scope.years), theme::kBlue);
  }
  return charts::line(chart);
}

void duration_chart(Report& report, const DurationResult& r) {
  const auto& years = r.scope.years;
  const auto partial = partial_years(years, r.scope.coverage);
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < years.size(); ++i) {
    rows.push_back({static_cast<int>(years[i]), r.scope.n[i], r.mean[i], r.median[i], r.q_low[i], r.q_high[i],
                    r.mean_fit.intercept + r.mean_fit.slope * years[i],
                    r.median_fit.intercept + r.median_fit.slope * years[i], static_cast<bool>(partial[i])});
  }
  const auto spec = duration_chart_spec(r);
  report.chart("duration_by_year", msg("trends.duration.chart.by_year"), spec["traces"], spec["layout"],
               {"year", "recipes", "mean", "median", "q_low", "q_high", "mean_trend", "median_trend", "partial_year"},
               rows);
}

nlohmann::json fit_json(const stats::LinearFit& fit) {
  return {{"slope", number(fit.slope)},
          {"intercept", number(fit.intercept)},
          {"r2_weighted", number(fit.r_squared)},
          {"p", number(fit.slope_p)},
          {"slope_se", number(fit.slope_se)}};
}

void duration_narrative(Report& report, const DurationResult& r) {
  const auto per_year = label("trends.per_year", {{"unit", "min"}});
  report.say(slope_sentence(label("trends.duration.subject.mean"), r.mean_fit, per_year, 3));
  report.say(slope_sentence(label("trends.duration.subject.median"), r.median_fit, per_year, 3));
  if (r.scope.years.empty()) return;
  const std::size_t last = r.scope.years.size() - 1;
  nlohmann::json params = band_params(r);
  params["year"] = std::to_string(static_cast<int>(r.scope.years[last]));
  params["width"] = number_label(r.q_high[last] - r.q_low[last], 1);
  params["from"] = number_label(r.q_low[last], 1);
  params["to"] = number_label(r.q_high[last], 1);
  report.say(msg("trends.duration.narrative.band", params));
}

}  // namespace

nlohmann::json duration_view(const DurationResult& r) {
  Report report = trends_report("trends.duration");
  duration_metrics(report, r);
  duration_chart(report, r);
  report.test("mean_wls", msg("trends.duration.test.mean_wls"), "t", r.mean_fit.slope_t, r.mean_fit.slope_p,
              r.mean_fit.n, "R2w", r.mean_fit.r_squared, -1, r.mean_fit.df_resid);
  report.test("median_wls", msg("trends.duration.test.median_wls"), "t", r.median_fit.slope_t, r.median_fit.slope_p,
              r.median_fit.n, "R2w", r.median_fit.r_squared, -1, r.median_fit.df_resid);
  report.set("regression", {{"mean", fit_json(r.mean_fit)}, {"median", fit_json(r.median_fit)}});
  duration_narrative(report, r);
  say_partial_years(report, r.scope.years, r.scope.coverage);
  return language_free_json(report);
}

}  // namespace mtm::analysis::trends
