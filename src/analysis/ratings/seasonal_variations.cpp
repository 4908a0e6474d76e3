#include "analysis/ratings/seasonal_variations.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/query_helpers.hpp"
#include "analysis/ratings/seasons.hpp"
#include "analysis/stats/rank_tests.hpp"
#include "analysis/words.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::ratings {

using nlohmann::json;
using present::label;

namespace {

SeasonRatings season_ratings(const std::string& season, const StarCounts& c) {
  SeasonRatings s{season, c, moments_from_counts(c, kStars)};
  const double n = s.moments.n;
  s.median = quantile_from_counts(c, kStars, 0.5);
  s.q25 = quantile_from_counts(c, kStars, 0.25);
  s.q75 = quantile_from_counts(c, kStars, 0.75);
  s.pct_five_stars = n > 0 ? 100.0 * static_cast<double>(c[4]) / n : NAN;
  s.pct_two_or_less = n > 0 ? 100.0 * static_cast<double>(c[0] + c[1]) / n : NAN;
  return s;
}

void run_tests(SeasonalVariationsResult& r) {
  std::vector<Moments> groups;
  std::vector<StarCounts> table;
  for (std::size_t i = 0; i < r.seasons.size(); ++i) {
    const auto& s = r.seasons[i];
    if (s.moments.n <= 0) continue;
    groups.push_back(s.moments);
    table.push_back(s.counts);
    const auto index = static_cast<int>(i);
    if (r.best < 0 || s.moments.mean > r.mean_of(r.best)) r.best = index;
    if (r.worst < 0 || s.moments.mean < r.mean_of(r.worst)) r.worst = index;
  }
  r.anova = anova_from_moments(groups, &r.eta_squared);
  r.kruskal = stats::kruskal_from_counts(table);
  if (r.kruskal.ok() && r.kruskal.n > 1)
    r.epsilon_squared = r.kruskal.statistic / (static_cast<double>(r.kruskal.n) - 1);
}

void add_metrics_and_tests(Report& report, const SeasonalVariationsResult& r) {
  const json best =
      r.best < 0 ? label("fmt.not_available") : season_label(r.seasons[static_cast<std::size_t>(r.best)].season);
  report.metric("anova_f", msg("ratings.variations.metric.anova_f"), r.anova.statistic, "", 3)
      .metric("anova_p", msg("ratings.variations.metric.anova_p"), r.anova.p_value, "", 4)
      .metric("kruskal_h", msg("ratings.variations.metric.kruskal_h"), r.kruskal.statistic, "", 3)
      .metric("best_season", msg("ratings.variations.metric.best_season", {{"season", best}}), r.mean_of(r.best), "★",
              4)
      .metric("max_gap", msg("ratings.variations.metric.max_gap"), r.gap(), "★", 4)
      .metric("eta_squared", msg("ratings.variations.metric.eta_squared"), r.eta_squared, "", 6);
  report.test("anova", msg("ratings.variations.test.anova"), "F", r.anova.statistic, r.anova.p_value, r.anova.n,
              "eta_squared", r.eta_squared, -1.0, r.anova.df);
  report.test("kruskal", msg("ratings.variations.test.kruskal"), "H", r.kruskal.statistic, r.kruskal.p_value,
              r.kruskal.n, "epsilon_squared", r.epsilon_squared, -1.0, r.kruskal.df);
}

const std::vector<std::string> kColumns = {"season", "n",   "mean",           "median",         "std",
                                           "q25",    "q75", "pct_five_stars", "pct_two_or_less"};

/// The per-season series the charts draw, in the seasons' order.
struct SeasonSeries {
  json x = json::array(), colors = json::array(), mean = json::array(), ci = json::array(), five = json::array(),
       low = json::array(), sd = json::array(), rows = json::array();
};

SeasonSeries season_series(const SeasonalVariationsResult& r) {
  SeasonSeries out;
  for (const auto& s : r.seasons) {
    const Moments& m = s.moments;
    out.x.push_back(season_label(s.season));
    out.colors.push_back(present::theme::season_color(s.season));
    out.mean.push_back(number(m.mean));
    out.ci.push_back(number(m.n > 1 ? 1.96 * m.sd() / std::sqrt(m.n) : NAN));
    out.five.push_back(number(s.pct_five_stars));
    out.low.push_back(number(s.pct_two_or_less));
    out.sd.push_back(number(m.sd()));
    out.rows.push_back({season_label(s.season), m.n, number(m.mean), number(s.median), number(m.sd()), number(s.q25),
                        number(s.q75), number(s.pct_five_stars), number(s.pct_two_or_less)});
  }
  return out;
}

void add_charts(Report& report, const SeasonSeries& v) {
  // A dot plot on a close-up scale rather than bars from zero (the bars below) or a radar: seasons a few
  // hundredths apart read as apart, and it needs only Plotly's cartesian bundle.
  json dots = dot_trace("", v.x, v.mean, v.ci, v.colors);
  dots["name"] = label("ratings.axis.mean_rating");
  report.chart(
      "mean_dots", msg("ratings.variations.chart.mean_dots"), json::array({dots}),
      {{"xaxis", present::charts::titled_axis(label("ratings.axis.mean_rating"))}, {"yaxis", dot_category_axis()}},
      kColumns, v.rows);
  auto bars = [&](const std::string& id, const char* title, const char* y_title, const json& ys, const json& error) {
    json trace = {{"type", "bar"}, {"name", label(y_title)}, {"x", v.x}, {"y", ys}, {"marker", {{"color", v.colors}}}};
    if (!error.is_null()) trace["error_y"] = {{"type", "data"}, {"array", error}};
    report.chart(id, msg(title), json::array({trace}),
                 {{"xaxis", present::charts::titled_axis(label("ratings.axis.season"))},
                  {"yaxis", present::charts::titled_axis(label(y_title))}},
                 kColumns, v.rows);
  };
  bars("mean", "ratings.variations.chart.mean", "ratings.axis.mean_rating", v.mean, v.ci);
  bars("five_stars", "ratings.variations.chart.five_stars", "ratings.axis.pct_five_stars", v.five, nullptr);
  bars("low", "ratings.variations.chart.low", "ratings.axis.pct_two_or_less", v.low, nullptr);
  bars("std", "ratings.variations.chart.std", "ratings.axis.std", v.sd, nullptr);
  report.table("seasons", msg("ratings.variations.table.seasons"), kColumns, v.rows);
}

void add_narrative(Report& report, const SeasonalVariationsResult& r) {
  if (r.best < 0) {
    report.say(msg("ratings.no_ratings"));
    return;
  }
  if (r.anova.ok()) {
    report.say(
        msg("ratings.variations.tests", {{"f", fixed_label(r.anova.statistic, 3)},
                                         {"p_f", p_label(r.anova.p_value)},
                                         {"h", fixed_label(r.kruskal.statistic, 3)},
                                         {"p_h", p_label(r.kruskal.p_value)},
                                         {"eta2", fixed_label(r.eta_squared, 6)},
                                         {"verdict", significance_label(r.anova.p_value, r.eta_squared, 0.01)}}));
  }
  const auto& best = r.seasons[static_cast<std::size_t>(r.best)];
  const auto& worst = r.seasons[static_cast<std::size_t>(r.worst)];
  report.say(msg("ratings.variations.best_worst", {{"best", season_in_sentence_label(best.season)},
                                                   {"best_mean", fixed_label(best.moments.mean, 4)},
                                                   {"worst", season_in_sentence_label(worst.season)},
                                                   {"worst_mean", fixed_label(worst.moments.mean, 4)},
                                                   {"gap", fixed_label(r.gap(), 4)}}));
  say_partial_years(report, r.partial_years);
}

}  // namespace

SeasonalVariationsResult compute_seasonal_variations(db::Connection& con, const Filters& f) {
  const auto& order = season_order();
  const auto season_counts =
      star_counts(*rating_cells(con), cell_groups(CellGrid::scope(f), CellGrid::season), order.size());
  SeasonalVariationsResult r;
  for (const auto& season : f.selected_seasons()) {
    const auto g = static_cast<std::size_t>(std::find(order.begin(), order.end(), season) - order.begin());
    r.seasons.push_back(season_ratings(season, season_counts[g]));
  }
  run_tests(r);
  r.partial_years = partial_years(con, f);
  return r;
}

json seasonal_variations_view(const SeasonalVariationsResult& r) {
  Report report("ratings.seasonal_variations", msg("ratings.variations.title"));
  add_metrics_and_tests(report, r);
  add_charts(report, season_series(r));
  add_narrative(report, r);
  return report.to_json();
}

}  // namespace mtm::analysis::ratings
