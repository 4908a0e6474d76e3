// weekend.ratings as a Report: metrics, the four tests, the period and per-day charts, the narrative.
#include <cmath>

#include "analysis/report.hpp"
#include "analysis/weekend/common.hpp"
#include "analysis/weekend/ratings.hpp"
#include "analysis/words.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::weekend {

using nlohmann::json;
using present::label;

namespace {

double ci95(const Moments& m) {
  return 1.96 * m.sd() / std::sqrt(m.n);
}

void ratings_metrics_and_tests(Report& report, const RatingsResult& r) {
  report.metric("weekday_mean", msg("weekend.ratings.metric.weekday_mean"), r.weekday.mean, "★", 4)
      .metric("weekend_mean", msg("weekend.ratings.metric.weekend_mean"), r.weekend.mean, "★", 4)
      .metric("difference", msg("weekend.metric.difference"), r.weekend.mean - r.weekday.mean, "★", 4)
      .metric("cohens_d", msg("weekend.metric.cohens_d"), r.d, "", 4)
      .metric("mann_whitney_p", msg("weekend.ratings.metric.mann_whitney_p"), r.mann_whitney.p_value, "", 6)
      .metric("anova_f", msg("weekend.ratings.metric.anova_f"), r.anova.statistic, "", 3);
  report.test("mann_whitney", msg("weekend.ratings.test.mann_whitney"), "U", r.mann_whitney.statistic,
              r.mann_whitney.p_value, r.mann_whitney.n, "cohens_d", r.d);
  report.test("welch", msg("weekend.ratings.test.welch"), "t", r.welch.statistic, r.welch.p_value, r.welch.n,
              "cohens_d", r.d, -1.0, r.welch.df);
  report.test("anova_days", msg("weekend.ratings.test.anova"), "F", r.anova.statistic, r.anova.p_value, r.anova.n,
              "eta_squared", r.eta2, -1.0, r.anova.df);
  report.test("kruskal_days", msg("weekend.ratings.test.kruskal"), "H", r.kruskal.statistic, r.kruskal.p_value,
              r.kruskal.n, "", 0.0, -1.0, r.kruskal.df);
}

void period_charts(Report& report, const RatingsResult& r) {
  json x = json::array(), means = json::array(), ci = json::array(), colors = json::array(), rows = json::array();
  json traces = json::array(), dist_rows = json::array();
  for (bool weekend : {false, true}) {
    const Moments& m = weekend ? r.weekend : r.weekday;
    const StarCounts& c = weekend ? r.weekend_counts : r.weekday_counts;
    x.push_back(period_label(weekend));
    means.push_back(number(m.mean));
    ci.push_back(number(ci95(m)));
    colors.push_back(period_color(weekend));
    rows.push_back({period_label(weekend), m.n, number(m.mean), number(m.sd()), number(m.mean - ci95(m)),
                    number(m.mean + ci95(m)), number(star_share(c, 4, 4)), number(star_share(c, 0, 1))});
    json shares = json::array();
    for (std::size_t k = 0; k < 5; ++k) shares.push_back(number(star_share(c, k, k)));
    traces.push_back({{"type", "bar"},
                      {"name", period_label(weekend)},
                      {"x", {1, 2, 3, 4, 5}},
                      {"y", shares},
                      {"marker", {{"color", period_color(weekend)}}}});
  }
  const json mean_title = label("weekend.ratings.axis.mean");
  report.chart("period_mean", msg("weekend.ratings.chart.period_mean"),
               json::array({{{"type", "bar"},
                             {"name", mean_title},
                             {"x", x},
                             {"y", means},
                             {"error_y", {{"type", "data"}, {"array", ci}}},
                             {"marker", {{"color", colors}}}}}),
               {{"xaxis", axis_titled(label("weekend.axis.period"))}, {"yaxis", axis_titled(mean_title)}},
               {"period", "n", "mean", "std", "ci_low", "ci_high", "pct_five_stars", "pct_two_or_less"}, rows);
  for (std::size_t k = 0; k < 5; ++k) {
    dist_rows.push_back({k + 1, r.weekday_counts[k], number(star_share(r.weekday_counts, k, k)), r.weekend_counts[k],
                         number(star_share(r.weekend_counts, k, k))});
  }
  report.chart("period_distribution", msg("weekend.ratings.chart.period_distribution"), traces,
               {{"barmode", "group"},
                {"xaxis", axis_titled(label("weekend.ratings.axis.stars"))},
                {"yaxis", axis_titled(label("weekend.ratings.axis.share"))}},
               {"stars", "weekday_n", "weekday_pct", "weekend_n", "weekend_pct"}, dist_rows);
}

// The per-day series every day chart draws, and their table.
struct DaySeries {
  json x = json::array(), colors = json::array(), mean = json::array(), ci = json::array(), five = json::array(),
       low = json::array(), sd = json::array(), volume = json::array(), rows = json::array();
};

DaySeries day_series(const RatingsResult& r) {
  DaySeries s;
  for (const DayRatings& day : r.days) {
    const Moments& m = day.moments;
    const json name = day_short_label(day.iso_day);
    const bool weekend = is_weekend_day(day.iso_day);
    s.x.push_back(name);
    s.colors.push_back(period_color(weekend));
    s.mean.push_back(number(m.mean));
    s.ci.push_back(number(ci95(m)));
    s.five.push_back(number(star_share(day.counts, 4, 4)));
    s.low.push_back(number(star_share(day.counts, 0, 1)));
    s.sd.push_back(number(m.sd()));
    s.volume.push_back(m.n);
    s.rows.push_back({name, day.iso_day, weekend, m.n, number(m.mean), number(m.sd()),
                      number(star_share(day.counts, 4, 4)), number(star_share(day.counts, 0, 1))});
  }
  return s;
}

const std::vector<std::string>& day_columns() {
  static const std::vector<std::string> kColumns = {"day",  "iso_day", "is_weekend",     "n",
                                                    "mean", "std",     "pct_five_stars", "pct_two_or_less"};
  return kColumns;
}

void day_chart(Report& report, const DaySeries& s, const std::string& id, const json& y_title, const json& ys,
               const json& error) {
  json trace = {{"type", "bar"}, {"name", y_title}, {"x", s.x}, {"y", ys}, {"marker", {{"color", s.colors}}}};
  if (!error.is_null()) trace["error_y"] = {{"type", "data"}, {"array", error}};
  report.chart(id, msg("weekend.ratings.chart." + id), json::array({trace}),
               {{"xaxis", axis_titled(label("weekend.axis.day_of_week"))}, {"yaxis", axis_titled(y_title)}},
               day_columns(), s.rows);
}

// A close-up dot plot of the day means with their 95 % CI, days down the y axis. A minimal local
// version of the dot trace the ratings page also draws (the lead unifies the two after merging).
json day_dots_trace(const DaySeries& s, const json& name) {
  return {{"type", "scatter"},
          {"mode", "markers"},
          {"name", name},
          {"x", s.mean},
          {"y", s.x},
          {"error_x", {{"type", "data"}, {"array", s.ci}, {"color", present::theme::kErrorBar}}},
          {"marker",
           {{"color", s.colors}, {"size", 13}, {"line", {{"color", present::theme::kMarkerEdge}, {"width", 1}}}}}};
}

void day_charts(Report& report, const RatingsResult& r) {
  const DaySeries s = day_series(r);
  const json mean_title = label("weekend.ratings.axis.mean");
  day_chart(report, s, "day_mean", mean_title, s.mean, s.ci);
  day_chart(report, s, "day_five_stars", label("weekend.ratings.axis.five_stars"), s.five, nullptr);
  day_chart(report, s, "day_low", label("weekend.ratings.axis.low"), s.low, nullptr);
  day_chart(report, s, "day_std", label("weekend.ratings.axis.std"), s.sd, nullptr);
  day_chart(report, s, "day_volume", label("weekend.ratings.axis.volume"), s.volume, nullptr);
  report.chart("day_mean_dots", msg("weekend.ratings.chart.day_mean_dots"),
               json::array({day_dots_trace(s, mean_title)}),
               {{"xaxis", axis_titled(mean_title)}, {"yaxis", {{"type", "category"}, {"autorange", "reversed"}}}},
               day_columns(), s.rows);
  report.table("days", msg("weekend.ratings.table.days"), day_columns(), s.rows);
}

void ratings_narrative(Report& report, const RatingsResult& r) {
  report.say(
      msg("weekend.ratings.periods", {{"weekend", number_label(r.weekend.mean, 4)},
                                      {"weekend_n", number_label(r.weekend.n, 0)},
                                      {"weekday", number_label(r.weekday.mean, 4)},
                                      {"weekday_n", number_label(r.weekday.n, 0)},
                                      {"difference", signed_label(r.weekend.mean - r.weekday.mean, 4)},
                                      {"p", p_label(r.mann_whitney.p_value)},
                                      {"d", number_label(r.d, 4)},
                                      {"effect", effect_size_label(r.d)},
                                      {"verdict", significance_label(r.mann_whitney.p_value, r.d, kNegligibleD)}}));
  report.say(msg("weekend.ratings.shares", {{"weekend_five", number_label(star_share(r.weekend_counts, 4, 4), 2)},
                                            {"weekday_five", number_label(star_share(r.weekday_counts, 4, 4), 2)},
                                            {"weekend_low", number_label(star_share(r.weekend_counts, 0, 1), 2)},
                                            {"weekday_low", number_label(star_share(r.weekday_counts, 0, 1), 2)}}));
  if (!r.anova.ok()) return;
  report.say(
      msg("weekend.ratings.days", {{"days", r.tested_days},
                                   {"f", number_label(r.anova.statistic, 3)},
                                   {"p_anova", p_label(r.anova.p_value)},
                                   {"h", number_label(r.kruskal.statistic, 3)},
                                   {"p_kruskal", p_label(r.kruskal.p_value)},
                                   {"eta2", r.eta2},
                                   {"verdict", significance_label(r.anova.p_value, std::sqrt(r.eta2), kNegligibleD)},
                                   {"best", day_in_sentence_label(r.best_day)},
                                   {"best_mean", number_label(r.best_mean, 4)},
                                   {"worst", day_in_sentence_label(r.worst_day)},
                                   {"worst_mean", number_label(r.worst_mean, 4)}}));
}

}  // namespace

json ratings_view(const RatingsResult& r) {
  Report report("weekend.ratings", msg("weekend.ratings.title"));
  ratings_metrics_and_tests(report, r);
  period_charts(report, r);
  day_charts(report, r);
  if (r.weekday.n == 0 || r.weekend.n == 0) {
    report.say(empty_sentence());
    return report.to_json();
  }
  ratings_narrative(report, r);
  return report.to_json();
}

}  // namespace mtm::analysis::weekend
