#include "analysis/ratings/trend.hpp"

#include <algorithm>

#include "analysis/query_helpers.hpp"
#include "analysis/stats/correlation.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/words.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::ratings {

using nlohmann::json;
using present::label;
namespace theme = present::theme;

namespace {

void add_metrics_and_tests(Report& report, const TrendResult& r) {
  const auto kept = r.months.kept.size();
  report.metric("slope_per_month", msg("ratings.trend.metric.slope_per_month"), r.wls.slope, "", 6)
      .metric("slope_per_year", msg("ratings.trend.metric.slope_per_year"), 12 * r.wls.slope, "", 4)
      .metric("weighted_r2", msg("ratings.trend.metric.weighted_r2"), r.wls.r_squared, "", 4)
      .metric("p_value", msg("ratings.trend.metric.p_value"), r.wls.slope_p, "", 4)
      .metric("volume_quality", msg("ratings.metric.volume_quality"), r.rho_w, "", 3)
      .metric("weighted_std", msg("ratings.trend.metric.weighted_std"), r.weighted_std_of_means, "", 4);
  report.test("wls_slope", msg("ratings.test.wls_slope"), "t", r.wls.slope_t, r.wls.slope_p, kept, "r_squared_w",
              r.wls.r_squared, -1.0, r.wls.df_resid);
  report.test("spearman_volume", msg("ratings.test.spearman_volume"), "rho", r.rho.r, r.rho.p_value, r.rho.n,
              "weighted_rho", r.rho_w);
  report.test("wls_volume", msg("ratings.test.wls_volume"), "t", r.by_volume.slope_t, r.by_volume.slope_p, kept, "",
              0.0, -1.0, r.by_volume.df_resid);
}

json month_layout(const char* y_title) {
  return {{"xaxis", present::charts::titled_axis(label("ratings.axis.month"))},
          {"yaxis", present::charts::titled_axis(label(y_title))}};
}

void add_mean_and_volume(Report& report, const TrendResult& r) {
  const MonthlySeries& s = r.months;
  json traces = json::array({{{"type", "scatter"},
                              {"mode", "lines"},
                              {"name", label("ratings.trace.monthly_mean_rating")},
                              {"x", month_dates(s)},
                              {"y", numbers(s.mean)},
                              {"customdata", numbers(s.n)},
                              {"line", {{"color", theme::kBlue}}}}});
  add_trend(traces, s, r.wls);
  report.chart("monthly_mean", msg("ratings.trend.chart.monthly_mean"), traces,
               month_layout("ratings.axis.mean_rating"), kMonthColumns, monthly_rows(s));
  report.chart("monthly_volume", msg("ratings.trend.chart.monthly_volume"),
               json::array({{{"type", "scatter"},
                             {"mode", "markers"},
                             {"name", label("ratings.axis.ratings_in_month")},
                             {"x", month_dates(s)},
                             {"y", numbers(s.n)},
                             {"marker", {{"size", weight_sizes(s)}, {"color", theme::kOrange}}}}}),
               month_layout("ratings.axis.ratings"), kMonthColumns, monthly_rows(s));
}

void add_spread(Report& report, const TrendResult& r) {
  const MonthlySeries& s = r.months;
  const json level(s.kept.size(), number(r.mean_within_sd));
  report.chart("monthly_std", msg("ratings.trend.chart.monthly_std"),
               json::array({{{"type", "scatter"},
                             {"mode", "lines"},
                             {"name", label("ratings.trace.month_std")},
                             {"x", month_dates(s)},
                             {"y", numbers(r.sds)},
                             {"line", {{"color", theme::kGold}}}},
                            {{"type", "scatter"},
                             {"mode", "lines"},
                             {"name", label("ratings.trace.mean_month_std")},
                             {"x", month_dates(s)},
                             {"y", level.empty() ? json::array() : level},
                             {"line", {{"color", theme::kRedOrange}, {"dash", "dash"}}}}}),
               month_layout("ratings.axis.std"), kMonthColumns, monthly_rows(s));
}

void add_narrative(Report& report, const TrendResult& r) {
  describe_months(report, r.months);
  if (r.months.kept.size() < 3) {
    report.say(not_enough_months());
    return;
  }
  report.say(trend_sentence(r.wls));
  report.say(msg("ratings.trend.explained",
                 {{"pct", fixed_label(100 * r.wls.r_squared, 2)}, {"std", fixed_label(r.weighted_std_of_means, 4)}}));
  report.say(volume_sentence(r.rho_w, r.rho));
}

}  // namespace

void volume_scatter(Report& report, const MonthlySeries& s, const stats::LinearFit& fit, double rho_w) {
  json traces = json::array({{{"type", "scatter"},
                              {"mode", "markers"},
                              {"name", label("ratings.trace.months")},
                              {"x", numbers(s.n)},
                              {"y", numbers(s.mean)},
                              {"text", month_dates(s)},
                              {"marker",
                               {{"size", weight_sizes(s)},
                                {"color", numbers(s.n)},
                                {"colorscale", "YlOrRd"},
                                {"showscale", true},
                                {"colorbar", {{"title", {{"text", label("ratings.axis.volume")}}}}}}}}});
  if (fit.ok() && !s.n.empty()) {
    const auto [lo, hi] = std::minmax_element(s.n.begin(), s.n.end());
    traces.push_back({{"type", "scatter"},
                      {"mode", "lines"},
                      {"name", label("ratings.trace.wls_rho", {{"rho", fixed_label(rho_w, 3)}})},
                      {"x", {*lo, *hi}},
                      {"y", {fit.intercept + fit.slope * *lo, fit.intercept + fit.slope * *hi}},
                      {"line", {{"color", theme::kBlue}, {"dash", "dash"}}}});
  }
  report.chart("volume_vs_rating", msg("ratings.trend.chart.volume_vs_rating"), traces,
               {{"xaxis", present::charts::titled_axis(label("ratings.axis.ratings_in_month"))},
                {"yaxis", present::charts::titled_axis(label("ratings.axis.mean_rating"))}},
               kMonthColumns, monthly_rows(s));
}

TrendResult compute_trend(db::Connection& con, const Filters& f) {
  TrendResult r;
  r.months = monthly(con, f);
  const MonthlySeries& s = r.months;
  r.wls = stats::wls(s.t, s.mean, s.w);
  r.by_volume = stats::wls(s.n, s.mean, s.w);
  r.rho_w = stats::weighted_spearman(s.n, s.mean, s.w).r;
  r.rho = stats::spearman(s.n, s.mean);
  for (const auto& m : s.kept) r.sds.push_back(m.sd);
  r.weighted_std_of_means = stats::weighted_std(s.mean, s.w);
  r.mean_within_sd = stats::weighted_mean(r.sds, s.w);
  return r;
}

json trend_view(const TrendResult& r) {
  Report report("ratings.trend", msg("ratings.trend.title"));
  add_metrics_and_tests(report, r);
  add_mean_and_volume(report, r);
  add_spread(report, r);
  volume_scatter(report, r.months, r.by_volume, r.rho_w);
  add_narrative(report, r);
  json out = report.to_json();
  set_metric_unit(out, "slope_per_month", label("unit.pts/month"));
  set_metric_unit(out, "slope_per_year", label("unit.pts/year"));
  return out;
}

}  // namespace mtm::analysis::ratings
