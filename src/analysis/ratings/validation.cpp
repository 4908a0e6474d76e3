#include "analysis/ratings/validation.hpp"

#include <algorithm>

#include "analysis/query_helpers.hpp"
#include "analysis/stats/correlation.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/effect_size.hpp"
#include "analysis/words.hpp"
#include "present/charts/histogram.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::ratings {

using nlohmann::json;
using present::label;
namespace theme = present::theme;

namespace {

Histogram volume_histogram(const std::vector<double>& volumes) {
  Histogram h;
  if (volumes.empty()) return h;
  constexpr int kBins = 20;
  const auto [lo, hi] = std::minmax_element(volumes.begin(), volumes.end());
  h.lo = *lo;
  h.width = *hi > *lo ? (*hi - *lo) / kBins : 1.0;
  h.counts.assign(kBins, 0);
  for (double v : volumes)
    h.counts[static_cast<std::size_t>(std::min(kBins - 1, static_cast<int>((v - h.lo) / h.width)))] += 1;
  return h;
}

void add_metrics_and_tests(Report& report, const ValidationResult& r) {
  const auto kept = r.months.kept.size();
  report.metric("cv_volumes", msg("ratings.validation.metric.cv_volumes"), r.cv_volumes, "", 2)
      .metric("max_min_ratio", msg("ratings.validation.metric.max_min_ratio"), r.max_min_ratio, ":1", 1)
      .metric("slope_bias", msg("ratings.validation.metric.slope_bias"), r.slope_bias_pct, "%", 1,
              msg("ratings.validation.metric.slope_bias_help"))
      .metric("weighted_r2", msg("ratings.validation.metric.weighted_r2"), r.wls.r_squared, "", 4)
      .metric("wls_p", msg("ratings.validation.metric.wls_p"), r.wls.slope_p, "", 4)
      .metric("months", msg("ratings.validation.metric.months"), static_cast<double>(kept), "", 0);
  report.test("wls_slope", msg("ratings.test.wls_slope"), "t", r.wls.slope_t, r.wls.slope_p, kept, "slope_per_year",
              12 * r.wls.slope, -1.0, r.wls.df_resid);
  report.test("ols_slope", msg("ratings.test.ols_slope"), "t", r.ols.slope_t, r.ols.slope_p, kept, "slope_per_year",
              12 * r.ols.slope, -1.0, r.ols.df_resid);
  report.test("kendall_tau", msg("ratings.test.kendall_tau"), "tau", r.tau.r, r.tau.p_value, r.tau.n);
}

void add_histogram(Report& report, const Histogram& h) {
  json chart = present::charts::histogram({h.lo, h.width, h.counts, label("ratings.trace.months"),
                                           label("ratings.axis.ratings_in_month"), label("ratings.axis.months_log"),
                                           theme::kOrange, true});
  json rows = json::array();
  for (std::size_t b = 0; b < h.counts.size(); ++b) {
    const auto i = static_cast<double>(b);
    rows.push_back({h.lo + i * h.width, h.lo + (i + 1) * h.width, h.counts[b]});
  }
  report.chart("volume_histogram", msg("ratings.validation.chart.volume_histogram"), chart["traces"], chart["layout"],
               {"bin_low", "bin_high", "months"}, rows);
}

void add_weight_charts(Report& report, const MonthlySeries& s) {
  json norm = json::array();
  for (const auto& m : s.kept) norm.push_back(number(m.norm_weight));
  report.chart("weights", msg("ratings.validation.chart.weights"),
               json::array({{{"type", "scatter"},
                             {"mode", "lines+markers"},
                             {"name", label("ratings.trace.normalised_weight")},
                             {"x", month_dates(s)},
                             {"y", norm},
                             {"line", {{"color", theme::kRedOrange}}}}}),
               {{"xaxis", present::charts::titled_axis(label("ratings.axis.month"))},
                {"yaxis", present::charts::titled_axis(label("ratings.axis.normalised_weight"))}},
               kMonthColumns, monthly_rows(s));
  report.chart("weighted_means", msg("ratings.validation.chart.weighted_means"),
               json::array({{{"type", "scatter"},
                             {"mode", "markers"},
                             {"name", label("ratings.trace.monthly_mean")},
                             {"x", month_dates(s)},
                             {"y", numbers(s.mean)},
                             {"marker",
                              {{"size", weight_sizes(s)},
                               {"color", numbers(s.n)},
                               {"colorscale", "YlOrRd"},
                               {"showscale", true},
                               {"colorbar", {{"title", {{"text", label("ratings.axis.volume")}}}}}}}}}),
               {{"xaxis", present::charts::titled_axis(label("ratings.axis.month"))},
                {"yaxis", present::charts::titled_axis(label("ratings.axis.mean_rating"))}},
               kMonthColumns, monthly_rows(s));
}

void add_variance_chart(Report& report, const ValidationResult& r) {
  const json unweighted = label("ratings.validation.method.unweighted");
  const json weighted = label("ratings.validation.method.weighted");
  report.chart("variance", msg("ratings.validation.chart.variance"),
               json::array({{{"type", "bar"},
                             {"name", label("ratings.trace.variance")},
                             {"x", {unweighted, weighted}},
                             {"y", {number(r.var_unweighted), number(r.var_weighted)}},
                             {"text", {fixed_label(r.var_unweighted, 4), fixed_label(r.var_weighted, 4)}},
                             {"marker", {{"color", {theme::kRedOrange, theme::kOrange}}}}}}),
               {{"xaxis", present::charts::titled_axis(label("ratings.axis.method"))},
                {"yaxis", present::charts::titled_axis(label("ratings.axis.variance"))}},
               {"method", "variance"},
               json::array({{unweighted, number(r.var_unweighted)}, {weighted, number(r.var_weighted)}}));
}

void add_narrative(Report& report, const ValidationResult& r) {
  describe_months(report, r.months);
  if (r.months.kept.size() < 3) {
    report.say(not_enough_months());
    return;
  }
  report.say(msg("ratings.validation.weighting", {{"cv", fixed_label(r.cv_volumes, 2)},
                                                  {"ratio", fixed_label(r.max_min_ratio, 1)},
                                                  {"var_weighted", fixed_label(r.var_weighted, 5)},
                                                  {"var_unweighted", fixed_label(r.var_unweighted, 5)}}));
  report.say(trend_sentence(r.wls));
  report.say(msg("ratings.validation.ols", {{"per_year", fixed_label(12 * r.ols.slope, 4, true)},
                                            {"p", p_label(r.ols.slope_p)},
                                            {"bias", fixed_label(r.slope_bias_pct, 1)},
                                            {"ols_flat", r.ols.slope_p < kSignificanceLevel ? "no" : "yes"}}));
  report.say(msg("ratings.validation.kendall", {{"tau", fixed_label(r.tau.r, 4)}, {"p", p_label(r.tau.p_value)}}));
}

}  // namespace

ValidationResult compute_validation(db::Connection& con, const Filters& f) {
  ValidationResult r;
  r.months = monthly(con, f);
  const MonthlySeries& s = r.months;
  r.wls = stats::wls(s.t, s.mean, s.w);
  r.ols = stats::ols(s.t, s.mean);
  r.tau = stats::kendall_tau_b(s.t, s.mean);
  r.cv_volumes = stats::coefficient_of_variation(s.n, 0);
  r.slope_bias_pct = stats::percent_bias(r.wls.slope, r.ols.slope);
  r.var_unweighted = stats::variance(s.mean, 0);
  r.var_weighted = stats::weighted_variance(s.mean, s.w);
  if (!s.n.empty()) {
    r.max_min_ratio = *std::max_element(s.n.begin(), s.n.end()) / *std::min_element(s.n.begin(), s.n.end());
  }
  r.volumes = volume_histogram(s.n);
  return r;
}

json validation_view(const ValidationResult& r) {
  Report report("ratings.validation", msg("ratings.validation.title"));
  add_metrics_and_tests(report, r);
  add_histogram(report, r.volumes);
  add_weight_charts(report, r.months);
  add_variance_chart(report, r);
  add_narrative(report, r);
  return report.to_json();
}

}  // namespace mtm::analysis::ratings
