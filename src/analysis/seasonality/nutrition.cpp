#include "analysis/seasonality/nutrition.hpp"

#include <cmath>

#include "analysis/cells.hpp"
#include "analysis/report.hpp"
#include "analysis/seasonality/common.hpp"
#include "analysis/seasonality/measure.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/words.hpp"
#include "present/charts/heatmap.hpp"
#include "present/message.hpp"

namespace mtm::analysis::seasonality {
namespace {

using present::label;

const std::vector<std::string>& nutrient_columns() {
  static const std::vector<std::string> kColumns = {
      "calories", "total_fat_pdv", "sugar_pdv", "sodium_pdv", "protein_pdv", "saturated_fat_pdv", "carbohydrates_pdv"};
  return kColumns;
}

// Heat map of nutrients × seasons: colour the z-score, text "mean (z)" (z is n/a when the seasons' means
// are all equal).
void heatmap_chart(Report& report, const NutritionResult& r) {
  nlohmann::json z = nlohmann::json::array();
  nlohmann::json text = nlohmann::json::array();
  nlohmann::json names = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t k = 0; k < r.nutrients.size(); ++k) {
    nlohmann::json z_line = nlohmann::json::array();
    nlohmann::json text_line = nlohmann::json::array();
    for (std::size_t i = 0; i < r.seasons.size(); ++i) {
      z_line.push_back(number(r.z_scores[k][i]));
      text_line.push_back(label("seasonality.nutrition.cell",
                                {{"mean", number_label(r.means[k][i], 1)}, {"z", number_label(r.z_scores[k][i], 2)}}));
      rows.push_back({r.nutrients[k], r.seasons[i], r.means[k][i], r.z_scores[k][i]});
    }
    z.push_back(std::move(z_line));
    text.push_back(std::move(text_line));
    names.push_back(measure_label(r.nutrients[k]));
  }
  present::charts::HeatmapSpec spec;
  spec.x = season_labels(r.seasons);
  spec.y = std::move(names);
  spec.z = std::move(z);
  spec.text = std::move(text);
  spec.colorscale = "RdYlGn";
  spec.reverse_scale = true;
  spec.colorbar_title = "z";
  spec.left_margin = 170;
  const auto chart = present::charts::heatmap(spec);
  report.chart("nutrition_heatmap", msg("seasonality.nutrition.chart.heatmap"), chart["traces"], chart["layout"],
               {"nutrient", "season", "mean", "z_score"}, rows);
}

}  // namespace

NutritionResult compute_nutrition(db::Connection& connection, const Filters& filters) {
  const SeasonScope scope = season_scope(connection, filters);
  NutritionResult r;
  r.seasons = scope.seasons;
  r.nutrients = nutrient_columns();
  std::vector<double> p_values;
  for (const auto& column : r.nutrients) {
    // Means and rank sums only: one walk over the column.
    const RankedSummary summary = summarize_ranked(*sorted_column(connection, column), scope.groups, 4, {}, false);
    std::vector<double> means;
    for (std::size_t g : scope.present) means.push_back(summary.groups[g].mean);
    r.z_scores.push_back(stats::z_scores(means, 0));
    r.means.push_back(std::move(means));
    r.kruskal.push_back(kruskal_by_season(summary.ranks, filters));
    p_values.push_back(std::isfinite(r.kruskal.back().p_value) ? r.kruskal.back().p_value : 1.0);
  }
  r.p_adjusted = stats::benjamini_hochberg(p_values);
  for (double p : r.p_adjusted) {
    if (p < kSignificanceLevel) ++r.significant;
  }
  r.most_caloric = index_of_max(r.means.front());
  r.least_caloric = index_of_min(r.means.front());
  return r;
}

nlohmann::json nutrition_view(const NutritionResult& r) {
  Report report("seasonality.nutrition", msg("seasonality.nutrition.title"));
  if (r.seasons.empty()) {
    report.say(msg("seasonality.narrative.no_recipe"));
    return report.to_json();
  }
  heatmap_chart(report, r);
  const auto& calories = r.means.front();
  const std::string& high = r.seasons[r.most_caloric];
  const std::string& low = r.seasons[r.least_caloric];
  report
      .metric("most_caloric", msg("seasonality.nutrition.metric.most_caloric", {{"season", season_label(high)}}),
              calories[r.most_caloric], "kcal", 0)
      .metric("least_caloric", msg("seasonality.nutrition.metric.least_caloric", {{"season", season_label(low)}}),
              calories[r.least_caloric], "kcal", 0)
      .metric("caloric_range", msg("seasonality.nutrition.metric.caloric_range"),
              calories[r.most_caloric] - calories[r.least_caloric], "kcal", 1);
  for (std::size_t k = 0; k < r.nutrients.size(); ++k) {
    const stats::TestResult& t = r.kruskal[k];
    report.test(r.nutrients[k] + "_kruskal",
                msg("seasonality.measure.test.kruskal", {{"measure", measure_label(r.nutrients[k])}}), "H", t.statistic,
                t.p_value, t.n, "", 0, r.p_adjusted[k], t.df);
  }
  report.say(msg("seasonality.nutrition.narrative.calories", {{"high", season_label(high)},
                                                              {"high_kcal", calories[r.most_caloric]},
                                                              {"low", season_in_sentence_label(low)},
                                                              {"low_kcal", calories[r.least_caloric]}}));
  report.say(msg("seasonality.nutrition.narrative.significant",
                 {{"significant", r.significant}, {"total", r.nutrients.size()}, {"alpha", kSignificanceLevel}}));
  return report.to_json();
}

}  // namespace mtm::analysis::seasonality
