// Page 1, "Trends 1999-2018": yearly volume, preparation time, complexity, nutrition, ingredients and
// tags, each with weighted (WLS) trends whose weights are the recipes per year (seed-app-inventory §2),
// with the original's flaws fixed (§12): presence counts, diversity on the right years, real n per year,
// partial years flagged, computed narratives.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/cells.hpp"
#include "analysis/items.hpp"
#include "analysis/query_helpers.hpp"
#include "analysis/registry.hpp"
#include "analysis/stats/correlation.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/stats/normality.hpp"
#include "analysis/stats/regression.hpp"

namespace mtm::analysis {

namespace {

const std::vector<std::string> kRecipeFilters = {"year_from", "year_to", "seasons", "days", "clean_only"};

// The years with recipes in scope (count(*) per year, ascending) and each cell's year group.
struct YearScope {
  std::vector<int> groups;
  std::vector<std::size_t> present;  // year groups with recipes, ascending
  std::vector<double> years;
  std::vector<double> n;
  std::map<int, double> coverage;
};

YearScope year_scope(db::Connection& con, const Filters& f) {
  const auto cells = recipe_cells(con);
  YearScope s;
  s.groups = cell_groups(CellGrid::scope(f), year_group);
  const auto totals = group_totals(cells->count, s.groups, kYearGroups);
  for (std::size_t g = 0; g < kYearGroups; ++g) {
    if (totals[g] == 0) continue;
    s.present.push_back(g);
    s.years.push_back(CellGrid::kFirstYear + static_cast<double>(g));
    s.n.push_back(totals[g]);
  }
  if (cells->has_dates) s.coverage = year_coverage({cells->min_day}, {cells->max_day});
  return s;
}

// Summary of column per year present in the scope, aligned with s.years.
std::vector<GroupSummary> yearly(db::Connection& con, const YearScope& s, const std::string& column,
                                 const std::vector<double>& probabilities = {}) {
  const auto all = summarize(*sorted_column(con, column), s.groups, kYearGroups, probabilities);
  std::vector<GroupSummary> out;
  for (std::size_t g : s.present) out.push_back(all[g]);
  return out;
}

std::vector<double> means(const std::vector<GroupSummary>& groups) {
  std::vector<double> out;
  out.reserve(groups.size());
  for (const auto& g : groups) out.push_back(g.mean);
  return out;
}

// Mean of column per year present in the scope, aligned with s.years (one pass: no spread needed).
std::vector<double> yearly_means(db::Connection& con, const YearScope& s, const std::string& column) {
  const auto all = summarize(*sorted_column(con, column), s.groups, kYearGroups, {}, false);
  std::vector<double> out;
  for (std::size_t g : s.present) out.push_back(all[g].mean);
  return out;
}

nlohmann::json year_layout(const Text& y_title, const std::string& lang) {
  return {{"xaxis", axis({"Year", "Année"}, lang)}, {"yaxis", axis(y_title, lang)}};
}

// Per-year flags and hover text for partial years.
nlohmann::json partial_flags(const std::vector<double>& years, const std::map<int, double>& coverage) {
  nlohmann::json out = nlohmann::json::array();
  for (double y : years) out.push_back(is_partial_year(coverage, static_cast<int>(y)));
  return out;
}

void say_partial_years(Report& report, const std::vector<double>& years, const std::map<int, double>& coverage) {
  std::vector<std::string> partial;
  for (double y : years) {
    if (is_partial_year(coverage, static_cast<int>(y))) {
      partial.push_back(fmt::format("{} ({:.0f} %)", static_cast<int>(y), 100 * coverage.at(static_cast<int>(y))));
    }
  }
  if (partial.empty()) return;
  report.say({fmt::format("Partial years, covered only in part by the data: {}; compare them with care.",
                          fmt::join(partial, ", ")),
              fmt::format("Années partielles, couvertes en partie seulement par les données : {} ; à comparer "
                          "avec prudence.",
                          fmt::join(partial, ", "))});
}

// ---- 2.1 volume ----
nlohmann::json volume(db::Connection& con, const Filters& f) {
  const YearScope scope = year_scope(con, f);
  const auto& cov = scope.coverage;
  const auto& years = scope.years;
  const auto& counts = scope.n;
  Report report("trends.volume", {"Recipe volume", "Volume de recettes"}, f);
  const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
  report.metric("years", {"Years", "Années"}, static_cast<double>(years.size()), "", 0)
      .metric("total", {"Total recipes", "Total des recettes"}, total, "", 0)
      .metric("mean_per_year", {"Average per year", "Moyenne par an"}, stats::mean(counts), "", 0)
      .metric("median_per_year", {"Median per year", "Médiane par an"}, stats::median(counts), "", 0)
      .metric("min", {"Min", "Min"}, counts.empty() ? NAN : *std::min_element(counts.begin(), counts.end()), "", 0)
      .metric("q1", {"Q1", "Q1"}, counts.empty() ? NAN : stats::quantile(counts, 0.25), "", 1)
      .metric("q3", {"Q3", "Q3"}, counts.empty() ? NAN : stats::quantile(counts, 0.75), "", 1)
      .metric("max", {"Max", "Max"}, counts.empty() ? NAN : *std::max_element(counts.begin(), counts.end()), "", 0)
      .metric("std", {"Std dev (ddof 0)", "Écart-type (ddof 0)"}, stats::std_dev(counts, 0), "", 0)
      .metric("cv", {"Coefficient of variation", "Coefficient de variation"},
              100 * stats::coefficient_of_variation(counts, 0), "%", 1);

  std::vector<std::string> colors;
  colors.reserve(years.size());
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < years.size(); ++i) {
    const bool partial = is_partial_year(cov, static_cast<int>(years[i]));
    colors.emplace_back(partial ? "rgba(255,140,0,0.35)" : "#FF8C00");
    rows.push_back({static_cast<int>(years[i]), counts[i], partial});
  }
  const std::string& lang = f.lang;
  report.chart("volume_by_year", {"Recipes per year", "Recettes par année"},
               nlohmann::json::array({{{"type", "bar"},
                                       {"name", Text{"Recipes", "Recettes"}.in(lang)},
                                       {"x", numbers(years)},
                                       {"y", numbers(counts)},
                                       {"marker", {{"color", colors}}},
                                       {"customdata", partial_flags(years, cov)}}}),
               year_layout({"Recipes", "Recettes"}, lang), {"year", "recipes", "partial_year"}, rows);

  stats::QqPlot qq = stats::normal_qq(counts);
  nlohmann::json qq_rows = nlohmann::json::array();
  for (std::size_t i = 0; i < qq.theoretical.size(); ++i) qq_rows.push_back({qq.theoretical[i], qq.ordered[i]});
  nlohmann::json qq_traces = nlohmann::json::array({{{"type", "scatter"},
                                                     {"mode", "markers"},
                                                     {"name", Text{"Yearly counts", "Comptes annuels"}.in(lang)},
                                                     {"x", numbers(qq.theoretical)},
                                                     {"y", numbers(qq.ordered)},
                                                     {"marker", {{"color", "#FFD700"}, {"size", 8}}}}});
  if (qq.ok() && !qq.theoretical.empty()) {
    const double lo = qq.theoretical.front();
    const double hi = qq.theoretical.back();
    qq_traces.push_back({{"type", "scatter"},
                         {"mode", "lines"},
                         {"name", Text{"Normal reference", "Référence normale"}.in(lang)},
                         {"x", {lo, hi}},
                         {"y", {qq.intercept + qq.slope * lo, qq.intercept + qq.slope * hi}},
                         {"line", {{"color", "#DC3545"}, {"dash", "dash"}}}});
  }
  report.chart("qq_plot", {"Q-Q plot against the normal distribution", "Diagramme Q-Q (loi normale)"}, qq_traces,
               {{"xaxis", axis({"Theoretical quantiles", "Quantiles théoriques"}, lang)},
                {"yaxis", axis({"Recipes per year (sorted)", "Recettes par an (triées)"}, lang)}},
               {"theoretical_quantile", "ordered_count"}, qq_rows);
  report.metric("qq_r2", {"R² of the Q-Q fit", "R² de l'ajustement Q-Q"}, qq.r * qq.r, "", 4);

  stats::TestResult sw = stats::shapiro_wilk(counts);
  report.test("shapiro_wilk", {"Shapiro-Wilk normality of yearly counts", "Normalité de Shapiro-Wilk des comptes"}, "W",
              sw.statistic, sw.p_value, sw.n);

  if (!counts.empty()) {
    const auto peak = static_cast<std::size_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
    const auto peak_year = static_cast<int>(years[peak]);
    const double last = counts.back();
    const auto last_year = static_cast<int>(years.back());
    const double change = 100.0 * (last - counts[peak]) / counts[peak];
    report.say({fmt::format("Submissions peak in {} with {} recipes; {} has {} ({} % against the peak).", peak_year,
                            format_number(counts[peak], 0, "en"), last_year, format_number(last, 0, "en"),
                            signed_number(change, 1, "en")),
                fmt::format("Les publications culminent en {} avec {} recettes ; {} en compte {} ({} % par rapport "
                            "au pic).",
                            peak_year, format_number(counts[peak], 0, "fr"), last_year, format_number(last, 0, "fr"),
                            signed_number(change, 1, "fr"))});
    report.set("peak_year", peak_year);
  }
  if (sw.ok()) {
    const bool normal = sw.p_value >= 0.05;
    report.say({fmt::format("Shapiro-Wilk W = {}, p {}: the yearly counts {} a normal distribution.",
                            format_number(sw.statistic, 4, "en"), p_relation(sw.p_value),
                            normal ? "are compatible with" : "do not follow"),
                fmt::format("Shapiro-Wilk W = {}, p {} : les comptes annuels {} une loi normale.",
                            format_number(sw.statistic, 4, "fr"), p_relation(sw.p_value, "fr"),
                            normal ? "sont compatibles avec" : "ne suivent pas")});
  }
  say_partial_years(report, years, cov);
  return report.to_json();
}

// One WLS trend line trace and its confidence band.
void add_trend_traces(nlohmann::json& traces, const std::vector<double>& years, const stats::LinearFit& fit,
                      const std::string& color, const std::string& name, const std::string& lang) {
  if (!fit.ok()) return;
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", fmt::format("{} (R²w = {})", name, format_number(fit.r_squared, 3, lang))},
                    {"x", numbers(years)},
                    {"y", numbers(fitted(fit, years))},
                    {"line", {{"color", color}, {"dash", "dash"}, {"width", 2.5}}}});
}

// ---- 2.2 duration ----
nlohmann::json duration(db::Connection& con, const Filters& f) {
  const YearScope scope = year_scope(con, f);
  const auto& cov = scope.coverage;
  const std::string& lang = f.lang;
  const auto minutes = yearly(con, scope, "minutes", {0.5, f.band_low, f.band_high});
  Report report("trends.duration", {"Preparation time", "Temps de préparation"}, f);
  const auto& years = scope.years;
  const auto& n = scope.n;
  const std::vector<double> mean = means(minutes);
  std::vector<double> median;
  std::vector<double> q_low;
  std::vector<double> q_high;
  for (const auto& m : minutes) {
    median.push_back(m.quantiles[0]);
    q_low.push_back(m.quantiles[1]);
    q_high.push_back(m.quantiles[2]);
  }
  stats::LinearFit mean_fit = stats::wls(years, mean, n);
  stats::LinearFit median_fit = stats::wls(years, median, n);
  stats::Correlation rho = stats::weighted_spearman(years, mean, n);
  const std::size_t last = years.empty() ? 0 : years.size() - 1;
  const bool any = !years.empty();
  const std::string band = fmt::format("Q{:.0f}–Q{:.0f}", 100 * f.band_low, 100 * f.band_high);
  report.metric("current_mean", {"Mean, last year", "Moyenne, dernière année"}, any ? mean[last] : NAN, "min", 1)
      .metric("current_median", {"Median, last year", "Médiane, dernière année"}, any ? median[last] : NAN, "min", 1)
      .metric("mean_slope", {"Mean slope", "Pente de la moyenne"}, mean_fit.slope, "min/year", 4)
      .metric("median_slope", {"Median slope", "Pente de la médiane"}, median_fit.slope, "min/year", 4)
      .metric("current_dispersion",
              {fmt::format("Dispersion {} last year", band), fmt::format("Dispersion {} dernière année", band)},
              any ? q_high[last] - q_low[last] : NAN, "min", 1)
      .metric("weighted_spearman", {"Weighted Spearman ρ (year, mean)", "ρ de Spearman pondéré (année, moyenne)"},
              rho.r, "", 4);
  nlohmann::json traces = nlohmann::json::array();
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", band},
                    {"x", numbers(years)},
                    {"y", numbers(q_high)},
                    {"line", {{"width", 0}}},
                    {"showlegend", false},
                    {"hoverinfo", "skip"}});
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", fmt::format("{} {}", Text{"Band", "Intervalle"}.in(lang), band)},
                    {"x", numbers(years)},
                    {"y", numbers(q_low)},
                    {"fill", "tonexty"},
                    {"fillcolor", "rgba(255,140,0,0.18)"},
                    {"line", {{"width", 0}}}});
  std::vector<double> sizes;
  sizes.reserve(n.size());
  const double max_n = n.empty() ? 1 : *std::max_element(n.begin(), n.end());
  for (double v : n) sizes.push_back(4 + 26 * v / max_n);
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines+markers"},
                    {"name", Text{"Mean (observed)", "Moyenne (observée)"}.in(lang)},
                    {"x", numbers(years)},
                    {"y", numbers(mean)},
                    {"customdata", numbers(n)},
                    {"marker", {{"size", numbers(sizes)}, {"color", "#FF8C00"}, {"opacity", 0.6}}},
                    {"line", {{"color", "#FF8C00"}, {"width", 2}}}});
  traces.push_back(
      {{"type", "scatter"},
       {"mode", "lines+markers"},
       {"name", Text{"Median (observed)", "Médiane (observée)"}.in(lang)},
       {"x", numbers(years)},
       {"y", numbers(median)},
       // Gold beside the mean's orange is 1.66:1: the median is also told apart by its dots and diamonds.
       {"marker", {{"size", numbers(sizes)}, {"color", "#FFD700"}, {"opacity", 0.6}, {"symbol", "diamond"}}},
       {"line", {{"color", "#FFD700"}, {"width", 2}, {"dash", "dot"}}}});
  add_trend_traces(traces, years, mean_fit, "#E24E1B", Text{"Mean WLS trend", "Tendance MCP de la moyenne"}.in(lang),
                   lang);
  add_trend_traces(traces, years, median_fit, "#1E90FF",
                   Text{"Median WLS trend", "Tendance MCP de la médiane"}.in(lang), lang);
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < years.size(); ++i) {
    rows.push_back({static_cast<int>(years[i]), n[i], mean[i], median[i], q_low[i], q_high[i],
                    mean_fit.intercept + mean_fit.slope * years[i], median_fit.intercept + median_fit.slope * years[i],
                    is_partial_year(cov, static_cast<int>(years[i]))});
  }
  report.chart("duration_by_year", {"Preparation time per year (minutes)", "Temps de préparation par année (minutes)"},
               traces, year_layout({"Minutes", "Minutes"}, lang),
               {"year", "recipes", "mean", "median", "q_low", "q_high", "mean_trend", "median_trend", "partial_year"},
               rows);
  report.test("mean_wls", {"WLS slope of the yearly mean", "Pente MCP de la moyenne annuelle"}, "t", mean_fit.slope_t,
              mean_fit.slope_p, mean_fit.n, "R2w", mean_fit.r_squared, -1, mean_fit.df_resid);
  report.test("median_wls", {"WLS slope of the yearly median", "Pente MCP de la médiane annuelle"}, "t",
              median_fit.slope_t, median_fit.slope_p, median_fit.n, "R2w", median_fit.r_squared, -1,
              median_fit.df_resid);
  report.set("regression", {{"mean",
                             {{"slope", number(mean_fit.slope)},
                              {"intercept", number(mean_fit.intercept)},
                              {"r2_weighted", number(mean_fit.r_squared)},
                              {"p", number(mean_fit.slope_p)},
                              {"slope_se", number(mean_fit.slope_se)}}},
                            {"median",
                             {{"slope", number(median_fit.slope)},
                              {"intercept", number(median_fit.intercept)},
                              {"r2_weighted", number(median_fit.r_squared)},
                              {"p", number(median_fit.slope_p)},
                              {"slope_se", number(median_fit.slope_se)}}}});
  report.say(slope_sentence({"Mean preparation time", "Le temps de préparation moyen"}, mean_fit,
                            {"min per year", "min par an"}, 3));
  report.say(slope_sentence({"Median preparation time", "Le temps de préparation médian"}, median_fit,
                            {"min per year", "min par an"}, 3));
  if (any) {
    report.say({fmt::format("In {}, the {} band spans {} minutes ({} to {}); a wider band means more varied durations.",
                            static_cast<int>(years[last]), band, format_number(q_high[last] - q_low[last], 1, "en"),
                            format_number(q_low[last], 1, "en"), format_number(q_high[last], 1, "en")),
                fmt::format("En {}, l'intervalle {} couvre {} minutes (de {} à {}) ; un intervalle plus large signifie "
                            "des durées plus variées.",
                            static_cast<int>(years[last]), band, format_number(q_high[last] - q_low[last], 1, "fr"),
                            format_number(q_low[last], 1, "fr"), format_number(q_high[last], 1, "fr"))});
  }
  say_partial_years(report, years, cov);
  return report.to_json();
}

// Yearly mean of one column with its WLS trend: one chart, one test row, one sentence.
struct YearlySeries {
  std::string id;
  Text label;
  Text unit_per_year;
  std::string color;
  int decimals;
};

// The grammatical subject of a yearly trend sentence ("The mean number of steps rises ...").
Text trend_subject(const YearlySeries& series) {
  static const std::map<std::string, Text> kSubjects = {
      {"complexity", {"The mean complexity score", "Le score de complexité moyen"}},
      {"n_steps", {"The mean number of steps", "Le nombre moyen d'étapes"}},
      {"n_ingredients", {"The mean number of ingredients", "Le nombre moyen d'ingrédients"}},
      {"calories", {"The mean calorie count", "La moyenne des calories"}},
      {"carbohydrates_pdv", {"Mean carbohydrates", "La moyenne des glucides"}},
      {"total_fat_pdv", {"Mean total fat", "La moyenne des lipides"}},
      {"protein_pdv", {"Mean protein", "La moyenne des protéines"}},
      {"sugar_pdv", {"Mean sugar", "La moyenne des sucres"}},
      {"sodium_pdv", {"Mean sodium", "La moyenne du sodium"}},
      {"saturated_fat_pdv", {"Mean saturated fat", "La moyenne des graisses saturées"}},
  };
  auto it = kSubjects.find(series.id);
  return it != kSubjects.end() ? it->second : series.label;
}

void yearly_series_chart(Report& report, const std::vector<double>& years, const std::vector<double>& n,
                         const std::vector<double>& values, const std::vector<double>* spread,
                         const YearlySeries& series, const std::map<int, double>& cov, stats::LinearFit& fit) {
  const std::string& lang = report.lang();
  fit = stats::wls(years, values, n);
  nlohmann::json traces = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  if (spread != nullptr) {
    std::vector<double> hi;
    std::vector<double> lo;
    for (std::size_t i = 0; i < values.size(); ++i) {
      hi.push_back(values[i] + (*spread)[i]);
      lo.push_back(values[i] - (*spread)[i]);
    }
    traces.push_back({{"type", "scatter"},
                      {"mode", "lines"},
                      {"name", "+1 sd"},
                      {"x", numbers(years)},
                      {"y", numbers(hi)},
                      {"line", {{"width", 0}}},
                      {"showlegend", false},
                      {"hoverinfo", "skip"}});
    traces.push_back({{"type", "scatter"},
                      {"mode", "lines"},
                      {"name", Text{"±1 standard deviation", "±1 écart-type"}.in(lang)},
                      {"x", numbers(years)},
                      {"y", numbers(lo)},
                      {"fill", "tonexty"},
                      {"fillcolor", "rgba(255,140,0,0.15)"},
                      {"line", {{"width", 0}}}});
  }
  std::vector<double> sizes;
  sizes.reserve(n.size());
  const double max_n = n.empty() ? 1 : *std::max_element(n.begin(), n.end());
  for (double v : n) sizes.push_back(4 + 16 * v / max_n);
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines+markers"},
                    {"name", series.label.in(lang)},
                    {"x", numbers(years)},
                    {"y", numbers(values)},
                    {"customdata", numbers(n)},
                    {"marker", {{"size", numbers(sizes)}, {"color", series.color}}},
                    {"line", {{"color", series.color}}}});
  add_trend_traces(traces, years, fit, "#1E90FF", Text{"WLS trend", "Tendance MCP"}.in(lang), lang);
  for (std::size_t i = 0; i < years.size(); ++i) {
    nlohmann::json row = {static_cast<int>(years[i]), n[i], values[i]};
    if (spread != nullptr) row.push_back((*spread)[i]);
    row.push_back(fit.intercept + fit.slope * years[i]);
    row.push_back(is_partial_year(cov, static_cast<int>(years[i])));
    rows.push_back(row);
  }
  std::vector<std::string> columns = {"year", "recipes", series.id};
  if (spread != nullptr) columns.emplace_back("std");
  columns.emplace_back("trend");
  columns.emplace_back("partial_year");
  report.chart(series.id + "_by_year",
               {fmt::format("{} per year (slope {}/year, p {})", series.label.en, signed_number(fit.slope, 4, "en"),
                            p_relation(fit.slope_p)),
                fmt::format("{} par année (pente {}/an, p {})", series.label.fr, signed_number(fit.slope, 4, "fr"),
                            p_relation(fit.slope_p, "fr"))},
               traces, year_layout(series.label, lang), columns, rows);
  report.test(series.id + "_wls", {"WLS slope: " + series.label.en, "Pente MCP : " + series.label.fr}, "t", fit.slope_t,
              fit.slope_p, fit.n, "R2w", fit.r_squared, -1, fit.df_resid);
  report.metric(series.id + "_slope", {series.label.en + " slope", "Pente : " + series.label.fr}, fit.slope,
                series.unit_per_year.in(lang), 4);
  report.say(slope_sentence(trend_subject(series), fit, series.unit_per_year, series.decimals));
}

// ---- 2.3 complexity ----
nlohmann::json complexity(db::Connection& con, const Filters& f) {
  const YearScope scope = year_scope(con, f);
  const auto& cov = scope.coverage;
  const auto score = yearly(con, scope, "complexity");
  std::vector<double> score_sd;
  score_sd.reserve(score.size());
  for (const auto& g : score) score_sd.push_back(g.sd());
  Report report("trends.complexity", {"Recipe complexity", "Complexité des recettes"}, f);
  stats::LinearFit fit;
  const auto& years = scope.years;
  yearly_series_chart(
      report, years, scope.n, means(score), &score_sd,
      {"complexity", {"Complexity score", "Score de complexité"}, {"points per year", "points par an"}, "#FF8C00", 4},
      cov, fit);
  yearly_series_chart(report, years, scope.n, yearly_means(con, scope, "n_steps"), nullptr,
                      {"n_steps", {"Steps", "Nombre d'étapes"}, {"steps per year", "étapes par an"}, "#FFD700", 4}, cov,
                      fit);
  yearly_series_chart(report, years, scope.n, yearly_means(con, scope, "n_ingredients"), nullptr,
                      {"n_ingredients",
                       {"Ingredients", "Nombre d'ingrédients"},
                       {"ingredients per year", "ingrédients par an"},
                       "#E24E1B",
                       4},
                      cov, fit);
  report.say(
      {"Complexity score = ln(1 + minutes) + steps + 0.5 × ingredients; trends are weighted by the recipes "
       "of each year.",
       "Score de complexité = ln(1 + minutes) + étapes + 0,5 × ingrédients ; les tendances sont pondérées par "
       "le nombre de recettes de chaque année."});
  say_partial_years(report, years, cov);
  return report.to_json();
}

// ---- 2.4 nutrition ----
nlohmann::json nutrition(db::Connection& con, const Filters& f) {
  const YearScope scope = year_scope(con, f);
  const auto& cov = scope.coverage;
  Report report("trends.nutrition", {"Nutritional values", "Valeurs nutritionnelles"}, f);
  const std::vector<YearlySeries> series = {
      {"calories", {"Calories", "Calories"}, {"kcal per year", "kcal par an"}, "#FF8C00", 2},
      {"carbohydrates_pdv",
       {"Carbohydrates (% DV)", "Glucides (% VQ)"},
       {"% DV per year", "% VQ par an"},
       "#FFD700",
       3},
      {"total_fat_pdv", {"Total fat (% DV)", "Lipides (% VQ)"}, {"% DV per year", "% VQ par an"}, "#E24E1B", 3},
      {"protein_pdv", {"Protein (% DV)", "Protéines (% VQ)"}, {"% DV per year", "% VQ par an"}, "#1E90FF", 3},
      {"sugar_pdv", {"Sugar (% DV)", "Sucres (% VQ)"}, {"% DV per year", "% VQ par an"}, "#00CED1", 3},
      {"sodium_pdv", {"Sodium (% DV)", "Sodium (% VQ)"}, {"% DV per year", "% VQ par an"}, "#FFA07A", 3},
      {"saturated_fat_pdv",
       {"Saturated fat (% DV)", "Graisses saturées (% VQ)"},
       {"% DV per year", "% VQ par an"},
       "#B0E0E6",
       3},
  };
  std::vector<double> p_values;
  for (const auto& s : series) {
    stats::LinearFit fit;
    yearly_series_chart(report, scope.years, scope.n, yearly_means(con, scope, s.id), nullptr, s, cov, fit);
    p_values.push_back(std::isfinite(fit.slope_p) ? fit.slope_p : 1.0);
  }
  std::vector<double> adjusted = stats::benjamini_hochberg(p_values);
  nlohmann::json rows = nlohmann::json::array();
  std::size_t significant = 0;
  for (std::size_t k = 0; k < series.size(); ++k) {
    rows.push_back({series[k].id, p_values[k], adjusted[k]});
    if (adjusted[k] < 0.05) ++significant;
  }
  report.table("bh",
               {"Slopes' p-values, Benjamini–Hochberg adjusted over the 7 nutrients",
                "p-valeurs des pentes, ajustées par Benjamini–Hochberg sur les 7 nutriments"},
               {"nutrient", "p", "p_adjusted"}, rows);
  report.say({fmt::format("{} of 7 nutrient trends remain significant after Benjamini–Hochberg correction. Values are "
                          "% of daily value, not % of energy.",
                          significant),
              fmt::format("{} tendances sur 7 restent significatives après correction de Benjamini–Hochberg. Les "
                          "valeurs sont en % de la valeur quotidienne, pas en % de l'énergie.",
                          significant)});
  say_partial_years(report, scope.years, cov);
  return report.to_json();
}

nlohmann::json ingredients(db::Connection& con, const Filters& f) {
  return item_trends(con, f, ingredient_source(), "trends.ingredients", {"Ingredients", "Ingrédients"});
}

nlohmann::json tags(db::Connection& con, const Filters& f) {
  return item_trends(con, f, tag_source(), "trends.tags", {"Tags and categories", "Tags et catégories"});
}

}  // namespace

void register_trends(std::vector<Analysis>& out) {
  const std::vector<std::string> with_band = {"year_from",  "year_to",  "seasons",  "days",
                                              "clean_only", "band_low", "band_high"};
  const std::vector<std::string> with_items = {"year_from",  "year_to", "seasons",      "days",
                                               "clean_only", "top_n",   "min_frequency"};
  Filters item_defaults;
  item_defaults.min_frequency = 0.00025;  // ≈ the original's 50 occurrences out of 200,066 recipes
  out.push_back({"trends.volume", "trends", "Recipe volume", "Volume de recettes", kRecipeFilters, {}, volume});
  out.push_back({"trends.duration", "trends", "Preparation time", "Temps de préparation", with_band, {}, duration});
  out.push_back(
      {"trends.complexity", "trends", "Recipe complexity", "Complexité des recettes", kRecipeFilters, {}, complexity});
  out.push_back(
      {"trends.nutrition", "trends", "Nutritional values", "Valeurs nutritionnelles", kRecipeFilters, {}, nutrition});
  out.push_back({"trends.ingredients", "trends", "Ingredients", "Ingrédients", with_items, item_defaults, ingredients});
  out.push_back(
      {"trends.tags", "trends", "Tags and categories", "Tags et catégories", with_items, item_defaults, tags});
}

}  // namespace mtm::analysis
