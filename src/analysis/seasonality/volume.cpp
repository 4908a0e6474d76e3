#include "analysis/seasonality/volume.hpp"

#include <numeric>

#include "analysis/report.hpp"
#include "analysis/seasonality/common.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/words.hpp"
#include "present/charts/pie.hpp"
#include "present/charts/season_bars.hpp"
#include "present/message.hpp"

namespace mtm::analysis::seasonality {
namespace {

using present::label;

void volume_charts(Report& report, const VolumeResult& r) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < r.seasons.size(); ++i) {
    rows.push_back({r.seasons[i], r.recipes[i], r.share[i], r.deviation_pct[i]});
  }
  const std::vector<std::string> columns = {"season", "recipes", "share", "deviation_pct"};
  present::charts::SeasonBars bars;
  bars.categories = season_labels(r.seasons);
  bars.values = r.recipes;
  bars.colors = season_colors(r.seasons);
  bars.name = label("seasonality.label.recipes");
  bars.x_title = label("seasonality.label.season");
  bars.y_title = label("seasonality.label.recipes");
  const nlohmann::json bar_chart = present::charts::season_bars(bars);
  report.chart("volume_by_season", msg("seasonality.volume.chart.volume"), bar_chart["traces"], bar_chart["layout"],
               columns, rows);
  const nlohmann::json pie_chart = present::charts::pie(bars.categories, r.recipes, bars.colors);
  report.chart("share_by_season", msg("seasonality.volume.chart.share"), pie_chart["traces"], pie_chart["layout"],
               columns, rows);
}

}  // namespace

VolumeResult compute_volume(db::Connection& connection, const Filters& filters) {
  const SeasonScope scope = season_scope(connection, filters);
  VolumeResult r;
  r.seasons = scope.seasons;
  r.recipes = scope.recipes;
  if (r.recipes.empty()) return r;
  r.total = std::accumulate(r.recipes.begin(), r.recipes.end(), 0.0);
  r.mean_per_season = r.total / static_cast<double>(r.recipes.size());
  for (double n : r.recipes) {
    r.share.push_back(n / r.total);
    r.deviation_pct.push_back(100 * (n - r.mean_per_season) / r.mean_per_season);
  }
  r.busiest = index_of_max(r.recipes);
  r.quietest = index_of_min(r.recipes);
  r.cv_pct = 100 * stats::coefficient_of_variation(r.recipes, 1);
  r.chi_square = stats::chi_square_gof(r.recipes);
  return r;
}

nlohmann::json volume_view(const VolumeResult& r) {
  Report report("seasonality.volume", msg("seasonality.volume.title"));
  if (r.recipes.empty()) {
    report.say(msg("seasonality.narrative.no_recipe"));
    return report.to_json();
  }
  const std::string& busiest = r.seasons[r.busiest];
  const std::string& quietest = r.seasons[r.quietest];
  report.metric("total", msg("seasonality.volume.metric.total"), r.total, "", 0)
      .metric("mean_per_season", msg("seasonality.volume.metric.mean_per_season"), r.mean_per_season, "", 0)
      .metric("max", msg("seasonality.volume.metric.busiest", {{"season", season_label(busiest)}}),
              r.deviation_pct[r.busiest], "%", 1)
      .metric("min", msg("seasonality.volume.metric.quietest", {{"season", season_label(quietest)}}),
              r.deviation_pct[r.quietest], "%", 1)
      .metric("cv", msg("seasonality.volume.metric.cv"), r.cv_pct, "%", 1);
  volume_charts(report, r);
  const stats::TestResult& chi = r.chi_square;
  report.test("chi_square_uniform", msg("seasonality.volume.test.chi_square"), "chi2", chi.statistic, chi.p_value,
              chi.n, "", 0, -1, chi.df);
  report.say(msg("seasonality.volume.narrative.extremes", {{"busiest", season_label(busiest)},
                                                           {"busiest_deviation", r.deviation_pct[r.busiest]},
                                                           {"quietest", season_in_sentence_label(quietest)},
                                                           {"quietest_deviation", r.deviation_pct[r.quietest]}}));
  if (chi.ok()) {
    report.say(msg("seasonality.volume.narrative.chi_square",
                   {{"chi2", chi.statistic},
                    {"df", chi.df},
                    {"p", p_label(chi.p_value)},
                    {"uniform", chi.p_value >= kSignificanceLevel ? "true" : "false"}}));
  }
  return report.to_json();
}

}  // namespace mtm::analysis::seasonality
