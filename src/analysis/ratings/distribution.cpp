#include "analysis/ratings/distribution.hpp"

#include <cmath>

#include "analysis/query_helpers.hpp"
#include "analysis/stats/correlation.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/distributions.hpp"
#include "analysis/words.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::ratings {

using nlohmann::json;
using present::label;
namespace theme = present::theme;

namespace {

void add_metrics_and_tests(Report& report, const DistributionResult& r) {
  report.metric("weighted_mean", msg("ratings.distribution.metric.weighted_mean"), r.weighted_mean, "★", 4)
      .metric("ci_half_width", msg("ratings.distribution.metric.ci_half_width"), r.ci_half_width, "", 4)
      .metric("mean_rating", msg("ratings.distribution.metric.mean_rating"), r.all.mean, "★", 4)
      .metric("ratings", msg("ratings.distribution.metric.ratings"), r.all.n, "", 0)
      .metric("pct_five_stars", msg("ratings.distribution.metric.pct_five_stars"), r.pct_five_stars, "%", 2)
      .metric("volume_quality", msg("ratings.metric.volume_quality"), r.rho_w, "", 3);
  report.test("wls_slope", msg("ratings.test.wls_slope"), "t", r.wls.slope_t, r.wls.slope_p, r.months.kept.size(),
              "slope_per_year", 12 * r.wls.slope, -1.0, r.wls.df_resid);
  report.test("spearman_volume", msg("ratings.test.spearman_volume"), "rho", r.rho.r, r.rho.p_value, r.rho.n,
              "weighted_rho", r.rho_w);
}

json line_trace(json name, const json& x, json y, json line) {
  return {{"type", "scatter"}, {"mode", "lines"},        {"name", std::move(name)}, {"x", x},
          {"y", std::move(y)}, {"line", std::move(line)}};
}

void add_overview(Report& report, const DistributionResult& r) {
  const MonthlySeries& s = r.months;
  const json x = month_dates(s);
  const json hi(s.kept.size(), number(r.weighted_mean + r.ci_half_width));
  const json lo(s.kept.size(), number(r.weighted_mean - r.ci_half_width));
  const json level(s.kept.size(), number(r.weighted_mean));
  json upper = line_trace(label("ratings.trace.ci_upper"), x, hi, {{"width", 0}});
  upper["showlegend"] = false;
  json lower = line_trace(label("ratings.trace.weighted_mean_ci", {{"half", fixed_label(r.ci_half_width, 4)}}), x, lo,
                          {{"width", 0}});
  lower["fill"] = "tonexty";
  lower["fillcolor"] = band_fill();
  json traces = json::array(
      {line_trace(label("ratings.trace.monthly_mean_rating"), x, numbers(s.mean), {{"color", theme::kBlue}}), upper,
       lower,
       line_trace(label("ratings.trace.weighted_mean", {{"mean", fixed_label(r.weighted_mean, 4)}}), x, level,
                  {{"color", theme::kOrange}})});
  add_trend(traces, s, r.wls);
  report.chart("overview", msg("ratings.distribution.chart.overview"), traces,
               {{"xaxis", present::charts::titled_axis(label("ratings.axis.month"))},
                {"yaxis", present::charts::titled_axis(label("ratings.axis.mean_rating"))}},
               kMonthColumns, monthly_rows(s));
}

void add_stars(Report& report, const DistributionResult& r) {
  json star_rows = json::array(), star_y = json::array();
  for (std::size_t i = 0; i < 5; ++i) {
    const double share = r.all.n > 0 ? 100.0 * static_cast<double>(r.counts[i]) / r.all.n : NAN;
    star_y.push_back(number(share));
    star_rows.push_back({i + 1, r.counts[i], number(share)});
  }
  report.chart("stars", msg("ratings.distribution.chart.stars"),
               json::array({{{"type", "bar"},
                             {"name", label("ratings.axis.share_of_ratings")},
                             {"x", {1, 2, 3, 4, 5}},
                             {"y", star_y},
                             {"customdata", r.counts},
                             {"marker", {{"color", theme::kOrange}}}}}),
               {{"xaxis", present::charts::titled_axis(label("ratings.axis.stars"))},
                {"yaxis", present::charts::titled_axis(label("ratings.axis.share_of_ratings"))}},
               {"stars", "n", "pct"}, star_rows);
}

void add_narrative(Report& report, const DistributionResult& r) {
  describe_months(report, r.months);
  if (r.all.n > 0) {
    report.say(msg("ratings.distribution.summary", {{"n", static_cast<std::int64_t>(r.all.n)},
                                                    {"mean", fixed_label(r.all.mean, 4)},
                                                    {"sd", fixed_label(r.all.sd(), 4)},
                                                    {"five", fixed_label(r.pct_five_stars, 2)},
                                                    {"low", fixed_label(r.pct_two_or_less, 2)}}));
  }
  if (r.months.kept.size() < 3) {
    report.say(not_enough_months());
    return;
  }
  report.say(msg("ratings.distribution.weighted_mean", {{"mean", fixed_label(r.weighted_mean, 4)},
                                                        {"half", fixed_label(r.ci_half_width, 4)},
                                                        {"months", r.months.kept.size()}}));
  report.say(trend_sentence(r.wls));
  report.say(volume_sentence(r.rho_w, r.rho));
}

// Standard error of the weighted mean from the intercept-only WLS model (statsmodels WLS(y, 1, w)):
// √(Σw(x − μw)² / (k − 1) / Σw), with a Student t quantile on k − 1 df.
double weighted_mean_half_width(const MonthlySeries& s, double mu_w) {
  double sum_w = 0, ss = 0;
  for (std::size_t i = 0; i < s.mean.size(); ++i) {
    sum_w += s.w[i];
    ss += s.w[i] * (s.mean[i] - mu_w) * (s.mean[i] - mu_w);
  }
  const auto k = static_cast<double>(s.mean.size());
  const double se = k > 1 ? std::sqrt(ss / (k - 1) / sum_w) : NAN;
  return k > 1 ? stats::dist::t_ppf(0.975, k - 1) * se : NAN;
}

}  // namespace

DistributionResult compute_distribution(db::Connection& con, const Filters& f) {
  DistributionResult r;
  r.months = monthly(con, f);
  const MonthlySeries& s = r.months;
  r.counts = star_counts(*rating_cells(con), cell_groups(CellGrid::scope(f), [](int) { return 0; }), 1)[0];
  r.all = moments_from_counts(r.counts, kStars);
  r.weighted_mean = stats::weighted_mean(s.mean, s.w);
  r.ci_half_width = weighted_mean_half_width(s, r.weighted_mean);
  r.wls = stats::wls(s.t, s.mean, s.w);
  r.rho_w = stats::weighted_spearman(s.n, s.mean, s.w).r;
  r.rho = stats::spearman(s.n, s.mean);
  if (r.all.n > 0) {
    r.pct_five_stars = 100.0 * static_cast<double>(r.counts[4]) / r.all.n;
    r.pct_two_or_less = 100.0 * static_cast<double>(r.counts[0] + r.counts[1]) / r.all.n;
  }
  return r;
}

json distribution_view(const DistributionResult& r) {
  Report report("ratings.distribution", msg("ratings.distribution.title"));
  add_metrics_and_tests(report, r);
  add_overview(report, r);
  add_stars(report, r);
  add_narrative(report, r);
  return report.to_json();
}

}  // namespace mtm::analysis::ratings
