// Page 2, "Seasonality": volume, preparation time, complexity, nutrition, ingredients and tags by
// season of submission (winter = Dec–Feb, spring = Mar–May, summer = Jun–Aug, autumn = Sep–Nov), with
// the tests the original only claimed (chi-square on volumes, Kruskal-Wallis on each measure) now
// computed, one season order and four distinct season colours (seed-app-inventory §3, §12).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "analysis/cells.hpp"
#include "analysis/items.hpp"
#include "analysis/query_helpers.hpp"
#include "analysis/registry.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/stats/rank_tests.hpp"

namespace mtm::analysis {

namespace {

const std::vector<std::string> kSeasonFilters = {"year_from", "year_to", "seasons", "days", "clean_only"};

int season_index(const std::string& season) {
  const auto& order = season_order();
  return static_cast<int>(std::find(order.begin(), order.end(), season) - order.begin());
}

// The seasons with recipes in scope (count(*) per season, canonical order) and each cell's season group.
struct SeasonScope {
  std::vector<int> groups;
  std::vector<std::size_t> present;
  std::vector<double> idx;  // season indexes of the present seasons
  std::vector<double> n;
};

SeasonScope season_scope(db::Connection& con, const Filters& f) {
  SeasonScope s;
  s.groups = cell_groups(CellGrid::scope(f), CellGrid::season);
  const auto totals = group_totals(recipe_cells(con)->count, s.groups, 4);
  for (std::size_t g = 0; g < 4; ++g) {
    if (totals[g] == 0) continue;
    s.present.push_back(g);
    s.idx.push_back(static_cast<double>(g));
    s.n.push_back(totals[g]);
  }
  return s;
}

// Summary of column per present season, aligned with s.idx.
std::vector<GroupSummary> present_seasons(const SeasonScope& s, const std::vector<GroupSummary>& all) {
  std::vector<GroupSummary> out;
  for (std::size_t g : s.present) out.push_back(all[g]);
  return out;
}

std::string season_at(double index) {
  return season_order().at(static_cast<std::size_t>(index));
}

std::vector<std::string> season_labels(const std::vector<double>& indexes, const std::string& lang) {
  std::vector<std::string> out;
  out.reserve(indexes.size());
  for (double i : indexes) out.push_back(season_name(season_at(i)).in(lang));
  return out;
}

std::vector<std::string> season_colors(const std::vector<double>& indexes) {
  std::vector<std::string> out;
  out.reserve(indexes.size());
  for (double i : indexes) out.push_back(season_color(season_at(i)));
  return out;
}

// Kruskal-Wallis across the selected seasons, exactly from the rank sums of the pooled scope.
stats::TestResult kruskal_by_season(const RankSums& ranks, const Filters& f) {
  std::vector<double> sums;
  std::vector<double> sizes;
  double n = 0;
  for (const auto& season : f.selected_seasons()) {
    const auto g = static_cast<std::size_t>(season_index(season));
    sums.push_back(ranks.sums[g]);
    sizes.push_back(ranks.sizes[g]);
    n += ranks.sizes[g];
  }
  if (sizes.size() < 2 || n == 0) {
    stats::TestResult none;
    none.reason = "fewer than 2 groups";
    return none;
  }
  return stats::kruskal_from_rank_sums(sums, sizes, ranks.tie_term);
}

Text kruskal_sentence(const Text& measure, const stats::TestResult& t, const std::string& high,
                      const std::string& low) {
  if (!t.ok()) {
    return {fmt::format("{}: the seasons cannot be compared ({}).", measure.en, t.reason),
            fmt::format("{} : les saisons ne peuvent pas être comparées ({}).", measure.fr, t.reason)};
  }
  const bool significant = t.p_value < 0.05;
  return {fmt::format("{}: Kruskal-Wallis H = {}, p {} — {}; highest in {}, lowest in {}.", measure.en,
                      format_number(t.statistic, 2, "en"), p_relation(t.p_value),
                      significant ? "the seasons differ significantly" : "no significant difference between seasons",
                      season_name(high).en, season_name(low).en),
          fmt::format(
              "{} : Kruskal-Wallis H = {}, p {} — {} ; plus élevé en {}, plus bas en {}.", measure.fr,
              format_number(t.statistic, 2, "fr"), p_relation(t.p_value, "fr"),
              significant ? "les saisons diffèrent significativement" : "pas de différence significative entre saisons",
              season_in_sentence(high).fr, season_in_sentence(low).fr)};
}

// Per-season summary of one measure (count, mean, sd, quartiles, min, max) as a box chart from the
// quartiles (no raw rows leave the database) plus a bar of the means, the Kruskal-Wallis test and text.
void season_measure(Report& report, db::Connection& con, const Filters& f, const std::string& column, const Text& label,
                    const std::string& unit, int decimals) {
  const std::string& lang = f.lang;
  const SeasonScope scope = season_scope(con, f);
  if (scope.present.empty()) return;
  // Columns as the SQL summary had them: index, count, mean, sd, q25, median, q75, min, max.
  // Column names come from code. One walk gives the summaries and the Kruskal-Wallis rank sums.
  const RankedSummary summary = summarize_ranked(*sorted_column(con, column), scope.groups, 4, {0.25, 0.5, 0.75});
  const auto groups = present_seasons(scope, summary.groups);
  std::vector<std::vector<double>> c(9);
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    const std::vector<double> row = {scope.idx[i],   g.n,   g.mean, g.sd(), g.quantiles[0], g.quantiles[1],
                                     g.quantiles[2], g.min, g.max};
    for (std::size_t k = 0; k < row.size(); ++k) c[k].push_back(row[k]);
  }
  const auto& idx = c[0];
  auto labels = season_labels(idx, lang);
  auto colors = season_colors(idx);
  nlohmann::json traces = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  std::size_t hi = 0;
  std::size_t lo = 0;
  for (std::size_t i = 0; i < idx.size(); ++i) {
    const double iqr = c[6][i] - c[4][i];
    const double lower = std::max(c[7][i], c[4][i] - 1.5 * iqr);
    const double upper = std::min(c[8][i], c[6][i] + 1.5 * iqr);
    traces.push_back({{"type", "box"},
                      {"name", labels[i]},
                      {"x", {labels[i]}},
                      {"q1", {number(c[4][i])}},
                      {"median", {number(c[5][i])}},
                      {"q3", {number(c[6][i])}},
                      {"lowerfence", {number(lower)}},
                      {"upperfence", {number(upper)}},
                      {"mean", {number(c[2][i])}},
                      {"marker", {{"color", colors[i]}}},
                      {"line", {{"color", colors[i]}}}});
    rows.push_back({season_at(idx[i]), c[1][i], c[2][i], c[3][i], c[4][i], c[5][i], c[6][i], c[7][i], c[8][i]});
    if (c[2][i] > c[2][hi]) hi = i;
    if (c[2][i] < c[2][lo]) lo = i;
  }
  report.chart(column + "_by_season",
               {fmt::format("{} by season (quartiles, whiskers at 1.5 IQR, mean dashed)", label.en),
                fmt::format("{} par saison (quartiles, moustaches à 1,5 IQR, moyenne en pointillés)", label.fr)},
               traces, {{"yaxis", axis(label, lang)}, {"showlegend", false}},
               {"season", "n", "mean", "std", "q25", "median", "q75", "min", "max"}, rows);
  report.metric(column + "_max",
                {fmt::format("Highest mean: {}", season_name(season_at(idx[hi])).en),
                 fmt::format("Moyenne la plus haute : {}", season_name(season_at(idx[hi])).fr)},
                c[2][hi], unit, decimals);
  report.metric(column + "_min",
                {fmt::format("Lowest mean: {}", season_name(season_at(idx[lo])).en),
                 fmt::format("Moyenne la plus basse : {}", season_name(season_at(idx[lo])).fr)},
                c[2][lo], unit, decimals);
  report.metric(column + "_range", {"Max − min of seasonal means", "Écart max − min des moyennes"}, c[2][hi] - c[2][lo],
                unit, decimals);
  stats::TestResult kw = kruskal_by_season(summary.ranks, f);
  report.test(column + "_kruskal",
              {"Kruskal-Wallis across seasons: " + label.en, "Kruskal-Wallis entre saisons : " + label.fr}, "H",
              kw.statistic, kw.p_value, kw.n, "", 0, -1, kw.df);
  report.say(kruskal_sentence(label, kw, season_at(idx[hi]), season_at(idx[lo])));
}

// ---- 3.1 volume ----
nlohmann::json volume(db::Connection& con, const Filters& f) {
  const std::string& lang = f.lang;
  Report report("seasonality.volume", {"Recipe volume by season", "Volume de recettes par saison"}, f);
  const SeasonScope scope = season_scope(con, f);
  const auto& idx = scope.idx;
  const auto& n = scope.n;
  if (n.empty()) {
    report.say({"No recipe matches the filters.", "Aucune recette ne correspond aux filtres."});
    return report.to_json();
  }
  const double total = std::accumulate(n.begin(), n.end(), 0.0);
  const double mean = total / static_cast<double>(n.size());
  auto labels = season_labels(idx, lang);
  nlohmann::json rows = nlohmann::json::array();
  std::vector<double> deviation;
  for (std::size_t i = 0; i < n.size(); ++i) {
    deviation.push_back(100 * (n[i] - mean) / mean);
    rows.push_back({season_at(idx[i]), n[i], n[i] / total, deviation.back()});
  }
  const auto hi = static_cast<std::size_t>(std::max_element(n.begin(), n.end()) - n.begin());
  const auto lo = static_cast<std::size_t>(std::min_element(n.begin(), n.end()) - n.begin());
  report.metric("total", {"Total recipes", "Total des recettes"}, total, "", 0)
      .metric("mean_per_season", {"Average per season", "Moyenne par saison"}, mean, "", 0)
      .metric("max",
              {fmt::format("Busiest: {}", season_name(season_at(idx[hi])).en),
               fmt::format("La plus active : {}", season_name(season_at(idx[hi])).fr)},
              deviation[hi], "%", 1)
      .metric("min",
              {fmt::format("Quietest: {}", season_name(season_at(idx[lo])).en),
               fmt::format("La plus calme : {}", season_name(season_at(idx[lo])).fr)},
              deviation[lo], "%", 1)
      .metric("cv", {"Coefficient of variation", "Coefficient de variation"},
              100 * stats::coefficient_of_variation(n, 1), "%", 1);
  report.chart("volume_by_season", {"Recipes per season", "Recettes par saison"},
               nlohmann::json::array({{{"type", "bar"},
                                       {"name", Text{"Recipes", "Recettes"}.in(lang)},
                                       {"x", labels},
                                       {"y", numbers(n)},
                                       {"marker", {{"color", season_colors(idx)}}}}}),
               {{"xaxis", axis({"Season", "Saison"}, lang)}, {"yaxis", axis({"Recipes", "Recettes"}, lang)}},
               {"season", "recipes", "share", "deviation_pct"}, rows);
  report.chart("share_by_season", {"Seasonal distribution (%)", "Répartition saisonnière (%)"},
               nlohmann::json::array({{{"type", "pie"},
                                       {"labels", labels},
                                       {"values", numbers(n)},
                                       {"textinfo", "label+percent"},
                                       {"marker", {{"colors", season_colors(idx)}}}}}),
               nlohmann::json::object(), {"season", "recipes", "share", "deviation_pct"}, rows);
  stats::TestResult chi = stats::chi_square_gof(n);
  report.test("chi_square_uniform",
              {"Chi-square goodness of fit to equal seasons", "Khi-deux d'ajustement à des saisons égales"}, "chi2",
              chi.statistic, chi.p_value, chi.n, "", 0, -1, chi.df);
  report.say({fmt::format("{} is the busiest season ({} % against the seasonal mean) and {} the quietest ({} %).",
                          season_name(season_at(idx[hi])).en, signed_number(deviation[hi], 1, "en"),
                          season_name(season_at(idx[lo])).en, signed_number(deviation[lo], 1, "en")),
              fmt::format("{} est la saison la plus active ({} % par rapport à la moyenne) et {} la plus calme ({} %).",
                          season_name(season_at(idx[hi])).fr, signed_number(deviation[hi], 1, "fr"),
                          season_in_sentence(season_at(idx[lo])).fr, signed_number(deviation[lo], 1, "fr"))});
  if (chi.ok()) {
    const bool uniform = chi.p_value >= 0.05;
    report.say({fmt::format("Chi-square χ² = {} (df {}), p {}: the distribution across seasons is {}.",
                            format_number(chi.statistic, 2, "en"), chi.df, p_relation(chi.p_value),
                            uniform ? "compatible with equal seasons" : "not uniform"),
                fmt::format("Khi-deux χ² = {} (ddl {}), p {} : la répartition entre saisons {}.",
                            format_number(chi.statistic, 2, "fr"), chi.df, p_relation(chi.p_value, "fr"),
                            uniform ? "est compatible avec des saisons égales" : "n'est pas uniforme")});
  }
  return report.to_json();
}

// ---- 3.2 duration ----
nlohmann::json duration(db::Connection& con, const Filters& f) {
  Report report("seasonality.duration", {"Preparation time by season", "Temps de préparation par saison"}, f);
  season_measure(report, con, f, "minutes", {"Preparation time (minutes)", "Temps de préparation (minutes)"}, "min", 1);
  return report.to_json();
}

// ---- 3.3 complexity ----
nlohmann::json complexity(db::Connection& con, const Filters& f) {
  Report report("seasonality.complexity", {"Complexity by season", "Complexité par saison"}, f);
  season_measure(report, con, f, "complexity", {"Complexity score", "Score de complexité"}, "", 2);
  season_measure(report, con, f, "n_steps", {"Steps", "Nombre d'étapes"}, "", 2);
  season_measure(report, con, f, "n_ingredients", {"Ingredients", "Nombre d'ingrédients"}, "", 2);
  return report.to_json();
}

// ---- 3.4 nutrition ----
nlohmann::json nutrition(db::Connection& con, const Filters& f) {
  const std::string& lang = f.lang;
  Report report("seasonality.nutrition", {"Nutritional profile by season", "Profil nutritionnel par saison"}, f);
  struct Nutrient {
    std::string column;
    Text label;
  };
  const std::vector<Nutrient> nutrients = {
      {"calories", {"Calories", "Calories"}},
      {"total_fat_pdv", {"Total fat (% DV)", "Lipides (% VQ)"}},
      {"sugar_pdv", {"Sugar (% DV)", "Sucres (% VQ)"}},
      {"sodium_pdv", {"Sodium (% DV)", "Sodium (% VQ)"}},
      {"protein_pdv", {"Protein (% DV)", "Protéines (% VQ)"}},
      {"saturated_fat_pdv", {"Saturated fat (% DV)", "Graisses saturées (% VQ)"}},
      {"carbohydrates_pdv", {"Carbohydrates (% DV)", "Glucides (% VQ)"}},
  };
  const SeasonScope scope = season_scope(con, f);
  std::vector<std::vector<double>> c = {scope.idx, scope.n};
  std::vector<stats::TestResult> tests;
  std::vector<double> p_values;
  for (const auto& n : nutrients) {
    std::vector<double> means;
    // Means and rank sums only: one walk over the column.
    const RankedSummary summary = summarize_ranked(*sorted_column(con, n.column), scope.groups, 4, {}, false);
    for (std::size_t g : scope.present) means.push_back(summary.groups[g].mean);
    c.push_back(std::move(means));
    tests.push_back(kruskal_by_season(summary.ranks, f));
    p_values.push_back(std::isfinite(tests.back().p_value) ? tests.back().p_value : 1.0);
  }
  if (scope.present.empty()) {
    report.say({"No recipe matches the filters.", "Aucune recette ne correspond aux filtres."});
    return report.to_json();
  }
  const auto& idx = c[0];
  auto labels = season_labels(idx, lang);
  nlohmann::json z = nlohmann::json::array();
  nlohmann::json text = nlohmann::json::array();
  std::vector<std::string> nutrient_labels;
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t k = 0; k < nutrients.size(); ++k) {
    const auto& means = c[2 + k];
    auto zs = stats::z_scores(means, 0);
    z.push_back(numbers(zs));
    nlohmann::json t = nlohmann::json::array();
    for (std::size_t i = 0; i < means.size(); ++i) {
      t.push_back(fmt::format("{} ({})", format_number(means[i], 1, lang), format_number(zs[i], 2, lang)));
      rows.push_back({nutrients[k].column, season_at(idx[i]), means[i], zs[i]});
    }
    text.push_back(t);
    nutrient_labels.push_back(nutrients[k].label.in(lang));
  }
  report.chart("nutrition_heatmap",
               {"Mean nutrients by season (colour: z-score across seasons; text: mean (z))",
                "Nutriments moyens par saison (couleur : z-score entre saisons ; texte : moyenne (z))"},
               nlohmann::json::array({{{"type", "heatmap"},
                                       {"x", labels},
                                       {"y", nutrient_labels},
                                       {"z", z},
                                       {"text", text},
                                       {"texttemplate", "%{text}"},
                                       {"colorscale", "RdYlGn"},
                                       {"reversescale", true},
                                       {"colorbar", {{"title", {{"text", "z"}}}}}}}),
               {{"yaxis", {{"autorange", "reversed"}}}, {"margin", {{"l", 170}}}},
               {"nutrient", "season", "mean", "z_score"}, rows);
  const auto& calories = c[2];
  const auto hi = static_cast<std::size_t>(std::max_element(calories.begin(), calories.end()) - calories.begin());
  const auto lo = static_cast<std::size_t>(std::min_element(calories.begin(), calories.end()) - calories.begin());
  report
      .metric("most_caloric",
              {fmt::format("Most caloric: {}", season_name(season_at(idx[hi])).en),
               fmt::format("La plus calorique : {}", season_name(season_at(idx[hi])).fr)},
              calories[hi], "kcal", 0)
      .metric("least_caloric",
              {fmt::format("Lightest: {}", season_name(season_at(idx[lo])).en),
               fmt::format("La plus légère : {}", season_name(season_at(idx[lo])).fr)},
              calories[lo], "kcal", 0)
      .metric("caloric_range", {"Caloric range", "Écart calorique"}, calories[hi] - calories[lo], "kcal", 1);
  std::vector<double> adjusted = stats::benjamini_hochberg(p_values);
  std::size_t significant = 0;
  for (std::size_t k = 0; k < nutrients.size(); ++k) {
    report.test(nutrients[k].column + "_kruskal",
                {"Kruskal-Wallis across seasons: " + nutrients[k].label.en,
                 "Kruskal-Wallis entre saisons : " + nutrients[k].label.fr},
                "H", tests[k].statistic, tests[k].p_value, tests[k].n, "", 0, adjusted[k], tests[k].df);
    if (adjusted[k] < 0.05) ++significant;
  }
  report.say({fmt::format("{} is the most caloric season ({} kcal on average) and {} the lightest ({} kcal).",
                          season_name(season_at(idx[hi])).en, format_number(calories[hi], 1, "en"),
                          season_name(season_at(idx[lo])).en, format_number(calories[lo], 1, "en")),
              fmt::format("{} est la saison la plus calorique ({} kcal en moyenne) et {} la plus légère ({} kcal).",
                          season_name(season_at(idx[hi])).fr, format_number(calories[hi], 1, "fr"),
                          season_in_sentence(season_at(idx[lo])).fr, format_number(calories[lo], 1, "fr"))});
  report.say({fmt::format("{} of {} nutrients differ significantly across seasons (Kruskal-Wallis, Benjamini–Hochberg "
                          "adjusted p < 0.05).",
                          significant, nutrients.size()),
              fmt::format("{} nutriments sur {} diffèrent significativement selon la saison (Kruskal-Wallis, p ajusté "
                          "de Benjamini–Hochberg < 0,05).",
                          significant, nutrients.size())});
  return report.to_json();
}

nlohmann::json ingredients(db::Connection& con, const Filters& f) {
  return item_seasonality(con, f, ingredient_source(), "seasonality.ingredients",
                          {"Ingredients by season", "Ingrédients par saison"});
}

nlohmann::json tags(db::Connection& con, const Filters& f) {
  return item_seasonality(con, f, tag_source(), "seasonality.tags", {"Tags by season", "Tags par saison"});
}

}  // namespace

void register_seasonality(std::vector<Analysis>& out) {
  const std::vector<std::string> with_items = {"year_from",  "year_to", "seasons",       "days",
                                               "clean_only", "top_n",   "min_frequency", "min_difference"};
  Filters item_defaults;
  item_defaults.top_n = 20;
  out.push_back({"seasonality.volume",
                 "seasonality",
                 "Recipe volume by season",
                 "Volume de recettes par saison",
                 kSeasonFilters,
                 {},
                 volume});
  out.push_back({"seasonality.duration",
                 "seasonality",
                 "Preparation time by season",
                 "Temps de préparation par saison",
                 kSeasonFilters,
                 {},
                 duration});
  out.push_back({"seasonality.complexity",
                 "seasonality",
                 "Complexity by season",
                 "Complexité par saison",
                 kSeasonFilters,
                 {},
                 complexity});
  out.push_back({"seasonality.nutrition",
                 "seasonality",
                 "Nutritional profile by season",
                 "Profil nutritionnel par saison",
                 kSeasonFilters,
                 {},
                 nutrition});
  out.push_back({"seasonality.ingredients", "seasonality", "Ingredients by season", "Ingrédients par saison",
                 with_items, item_defaults, ingredients});
  out.push_back(
      {"seasonality.tags", "seasonality", "Tags by season", "Tags par saison", with_items, item_defaults, tags});
}

}  // namespace mtm::analysis
