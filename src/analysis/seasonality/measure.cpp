#include "analysis/seasonality/measure.hpp"

#include <algorithm>

#include "analysis/cells.hpp"
#include "analysis/seasonality/common.hpp"
#include "analysis/words.hpp"
#include "present/charts/line.hpp"
#include "present/message.hpp"

namespace mtm::analysis::seasonality {
namespace {

using present::label;

// Whiskers of the box charts reach 1.5 interquartile ranges beyond the quartiles (Tukey).
constexpr double kWhiskerIqr = 1.5;

// Plotly box traces drawn from the quartiles (no raw rows leave the database), one per season.
nlohmann::json box_traces(const SeasonMeasureResult& r) {
  nlohmann::json traces = nlohmann::json::array();
  const auto colors = season_colors(r.seasons);
  for (std::size_t i = 0; i < r.seasons.size(); ++i) {
    const double iqr = r.q75[i] - r.q25[i];
    const nlohmann::json name = season_label(r.seasons[i]);
    traces.push_back({{"type", "box"},
                      {"name", name},
                      {"x", {name}},
                      {"q1", {number(r.q25[i])}},
                      {"median", {number(r.median[i])}},
                      {"q3", {number(r.q75[i])}},
                      {"lowerfence", {number(std::max(r.min[i], r.q25[i] - kWhiskerIqr * iqr))}},
                      {"upperfence", {number(std::min(r.max[i], r.q75[i] + kWhiskerIqr * iqr))}},
                      {"mean", {number(r.mean[i])}},
                      {"marker", {{"color", colors[i]}}},
                      {"line", {{"color", colors[i]}}}});
  }
  return traces;
}

// Why a test could not run, as a select key of the catalog.
std::string reason_key(const std::string& reason) {
  if (reason == "fewer_than_two_groups") return "fewer_groups";
  if (reason == "identical_values") return "identical";
  if (reason == "empty_group") return "empty_group";
  return "other";
}

// high and low are season codes: the catalog picks the preposition with the season ("au printemps").
Text kruskal_sentence(const SeasonMeasureResult& r) {
  const stats::TestResult& t = r.kruskal;
  const nlohmann::json measure = measure_label(r.column);
  if (!t.ok()) {
    return msg("seasonality.measure.narrative.not_comparable",
               {{"measure", measure}, {"reason", reason_key(t.reason)}});
  }
  return msg("seasonality.measure.narrative.kruskal",
             {{"measure", measure},
              {"h", t.statistic},
              {"p", p_label(t.p_value)},
              {"significant", t.p_value < kSignificanceLevel ? "true" : "false"},
              {"high", r.seasons[r.highest]},
              {"low", r.seasons[r.lowest]}});
}

}  // namespace

nlohmann::json measure_label(const std::string& column) {
  return label("seasonality.measure.name", {{"column", column}});
}

SeasonMeasureResult compute_season_measure(db::Connection& connection, const Filters& filters,
                                           const std::string& column) {
  SeasonMeasureResult r;
  r.column = column;
  const SeasonScope scope = season_scope(connection, filters);
  if (scope.present.empty()) return r;
  // One walk gives the summaries and the Kruskal-Wallis rank sums.
  const RankedSummary summary =
      summarize_ranked(*sorted_column(connection, column), scope.groups, 4, {0.25, 0.5, 0.75});
  r.seasons = scope.seasons;
  for (std::size_t g : scope.present) {
    const GroupSummary& s = summary.groups[g];
    r.n.push_back(s.n);
    r.mean.push_back(s.mean);
    r.sd.push_back(s.sd());
    r.q25.push_back(s.quantiles[0]);
    r.median.push_back(s.quantiles[1]);
    r.q75.push_back(s.quantiles[2]);
    r.min.push_back(s.min);
    r.max.push_back(s.max);
  }
  r.highest = index_of_max(r.mean);
  r.lowest = index_of_min(r.mean);
  r.kruskal = kruskal_by_season(summary.ranks, filters);
  return r;
}

void season_measure_view(Report& report, const SeasonMeasureResult& r, const std::string& unit, int decimals) {
  if (r.seasons.empty()) return;
  const nlohmann::json measure = measure_label(r.column);
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < r.seasons.size(); ++i) {
    rows.push_back({r.seasons[i], r.n[i], r.mean[i], r.sd[i], r.q25[i], r.median[i], r.q75[i], r.min[i], r.max[i]});
  }
  report.chart(r.column + "_by_season",
               msg("seasonality.measure.chart", {{"measure", measure}, {"whisker", kWhiskerIqr}}), box_traces(r),
               {{"yaxis", present::charts::titled_axis(measure)}, {"showlegend", false}},
               {"season", "n", "mean", "std", "q25", "median", "q75", "min", "max"}, rows);
  report.metric(r.column + "_max",
                msg("seasonality.measure.metric.highest", {{"season", season_label(r.seasons[r.highest])}}),
                r.mean[r.highest], unit, decimals);
  report.metric(r.column + "_min",
                msg("seasonality.measure.metric.lowest", {{"season", season_label(r.seasons[r.lowest])}}),
                r.mean[r.lowest], unit, decimals);
  report.metric(r.column + "_range", msg("seasonality.measure.metric.range"), r.mean[r.highest] - r.mean[r.lowest],
                unit, decimals);
  const stats::TestResult& kw = r.kruskal;
  report.test(r.column + "_kruskal", msg("seasonality.measure.test.kruskal", {{"measure", measure}}), "H", kw.statistic,
              kw.p_value, kw.n, "", 0, -1, kw.df);
  report.say(kruskal_sentence(r));
}

}  // namespace mtm::analysis::seasonality
