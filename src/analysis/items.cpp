#include "analysis/items.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/cells.hpp"
#include "analysis/query_helpers.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/stats/regression.hpp"

namespace mtm::analysis {

namespace {

struct ItemRow {
  std::string item;
  std::vector<double> values;
};

nlohmann::json horizontal_bar(const std::vector<std::string>& labels, const std::vector<double>& values,
                              const std::string& color, const std::string& name) {
  // Plotly draws the first category at the bottom; reverse so the largest sits on top.
  std::vector<std::string> l(labels.rbegin(), labels.rend());
  std::vector<double> v(values.rbegin(), values.rend());
  return {{"type", "bar"}, {"orientation", "h"}, {"name", name},
          {"y", l},        {"x", numbers(v)},    {"marker", {{"color", color}}}};
}

}  // namespace

const ItemSource& ingredient_source() {
  static const ItemSource kSource{"recipe_ingredients", "ingredient", {"ingredients", "ingrédients"}};
  return kSource;
}

const ItemSource& tag_source() {
  static const ItemSource kSource{"recipe_tags", "tag", {"tags", "tags"}};
  return kSource;
}

nlohmann::json item_trends(db::Connection& con, const Filters& f, const ItemSource& s, const std::string& id,
                           const Text& title) {
  const std::string& lang = f.lang;
  Report report(id, title, f);
  const auto items = item_cells(con, s);
  const auto recipes_cells = recipe_cells(con);
  const std::vector<char> scope = CellGrid::scope(f);
  const std::vector<int> by_year = cell_groups(scope, year_group);
  const auto recipes_per_year = group_totals(recipes_cells->count, by_year, kYearGroups);
  std::vector<double> years;
  std::vector<double> recipes;
  for (std::size_t g = 0; g < kYearGroups; ++g) {
    if (recipes_per_year[g] == 0) continue;
    years.push_back(CellGrid::kFirstYear + static_cast<double>(g));
    recipes.push_back(recipes_per_year[g]);
  }
  if (years.empty()) {
    report.say({"No recipe matches the filters.", "Aucune recette ne correspond aux filtres."});
    return report.to_json();
  }
  std::map<int, double> recipes_in;
  double total_recipes = 0;
  for (std::size_t i = 0; i < years.size(); ++i) {
    recipes_in[static_cast<int>(years[i])] = recipes[i];
    total_recipes += recipes[i];
  }
  const auto first = static_cast<int>(years.front());
  const auto last = static_cast<int>(years.back());
  const double min_total = std::max(1.0, std::ceil(f.min_frequency * total_recipes));

  // Presence per item in scope (total, first year, last year) and distinct items per year, in one pass.
  std::vector<ItemRow> totals;
  std::vector<double> distinct_per_year(kYearGroups, 0.0);
  std::vector<double> item_years(kYearGroups);
  for (std::size_t k = 0; k < items->names.size(); ++k) {
    std::fill(item_years.begin(), item_years.end(), 0.0);
    double total = 0;
    for (std::size_t e = items->begin[k]; e < items->begin[k + 1]; ++e) {
      const int g = by_year[static_cast<std::size_t>(items->cells[e])];
      if (g < 0) continue;
      item_years[static_cast<std::size_t>(g)] += items->counts[e];
      total += items->counts[e];
    }
    if (total == 0) continue;
    for (std::size_t g = 0; g < kYearGroups; ++g) {
      if (item_years[g] > 0) distinct_per_year[g] += 1;
    }
    if (total >= min_total) {
      totals.push_back({items->names[k],
                        {total, item_years[static_cast<std::size_t>(first - CellGrid::kFirstYear)],
                         item_years[static_cast<std::size_t>(last - CellGrid::kFirstYear)]}});
    }
  }
  // Top N by presence.
  std::sort(totals.begin(), totals.end(), [](const ItemRow& a, const ItemRow& b) {
    return a.values[0] != b.values[0] ? a.values[0] > b.values[0] : a.item < b.item;
  });
  const std::size_t n_top = std::min<std::size_t>(static_cast<std::size_t>(f.top_n), totals.size());
  std::vector<std::string> top_labels;
  std::vector<double> top_counts;
  nlohmann::json top_rows = nlohmann::json::array();
  for (std::size_t i = 0; i < n_top; ++i) {
    top_labels.push_back(totals[i].item);
    top_counts.push_back(totals[i].values[0]);
    top_rows.push_back({totals[i].item, totals[i].values[0], totals[i].values[0] / total_recipes});
  }
  report.metric("items_considered",
                {fmt::format("{} with ≥ {} recipes", s.plural.en, static_cast<long long>(min_total)),
                 fmt::format("{} avec ≥ {} recettes", s.plural.fr, static_cast<long long>(min_total))},
                static_cast<double>(totals.size()), "", 0);
  report.chart(
      "top_items",
      {fmt::format("Top {} {} (recipes containing them)", n_top, s.plural.en),
       fmt::format("Top {} des {} (recettes qui les contiennent)", n_top, s.plural.fr)},
      nlohmann::json::array({horizontal_bar(top_labels, top_counts, "#FF8C00", Text{"Recipes", "Recettes"}.in(lang))}),
      {{"xaxis", axis({"Recipes", "Recettes"}, lang)}, {"margin", {{"l", 160}}}}, {"item", "recipes", "share"},
      top_rows);

  // Diversity: distinct items per year, plotted at the right years with the recipes of that year.
  const auto with_items = group_totals(items->recipes_with_items, by_year, kYearGroups);
  std::vector<double> d_years;
  std::vector<double> d_values;
  for (std::size_t g = 0; g < kYearGroups; ++g) {
    if (with_items[g] == 0) continue;
    d_years.push_back(CellGrid::kFirstYear + static_cast<double>(g));
    d_values.push_back(distinct_per_year[g]);
  }
  stats::LinearFit diversity_fit = stats::ols(d_years, d_values);
  nlohmann::json d_table = nlohmann::json::array();
  std::vector<double> sizes;
  const double max_recipes = *std::max_element(recipes.begin(), recipes.end());
  for (std::size_t i = 0; i < d_years.size(); ++i) {
    const double n = recipes_in[static_cast<int>(d_years[i])];
    sizes.push_back(6 + 14 * n / max_recipes);
    d_table.push_back({static_cast<int>(d_years[i]), d_values[i], n});
  }
  nlohmann::json d_traces =
      nlohmann::json::array({{{"type", "scatter"},
                              {"mode", "lines+markers"},
                              {"name", fmt::format("{} {}", Text{"Distinct", "Nombre de"}.in(lang), s.plural.in(lang))},
                              {"x", numbers(d_years)},
                              {"y", numbers(d_values)},
                              {"marker", {{"color", "#FFD700"}, {"size", numbers(sizes)}}},
                              {"line", {{"color", "#FFD700"}}}}});
  if (diversity_fit.ok()) {
    d_traces.push_back({{"type", "scatter"},
                        {"mode", "lines"},
                        {"name", fmt::format("{} (R² = {})", Text{"OLS", "MCO"}.in(lang),
                                             format_number(diversity_fit.r_squared, 3, lang))},
                        {"x", numbers(d_years)},
                        {"y", numbers(fitted(diversity_fit, d_years))},
                        {"line", {{"color", "#1E90FF"}, {"dash", "dash"}}}});
  }
  report.chart(
      "diversity",
      {fmt::format("Distinct {} per year", s.plural.en), fmt::format("{} distincts par année", s.plural.fr)}, d_traces,
      {{"xaxis", axis({"Year", "Année"}, lang)},
       {"yaxis", axis({fmt::format("Distinct {}", s.plural.en), fmt::format("{} distincts", s.plural.fr)}, lang)}},
      {"year", "distinct_items", "recipes"}, d_table);
  report.test("diversity_trend", {"OLS slope of diversity per year", "Pente MCO de la diversité par an"}, "slope",
              diversity_fit.slope, diversity_fit.slope_p, diversity_fit.n, "R2", diversity_fit.r_squared);

  // Change in share between the first and last years.
  struct Move {
    std::string item;
    double delta;
    double share_first;
    double share_last;
  };
  std::vector<Move> moves;
  const double n_first = recipes_in[first];
  const double n_last = recipes_in[last];
  if (first != last) {
    for (const auto& row : totals) {
      const double a = row.values[1] / n_first;
      const double b = row.values[2] / n_last;
      moves.push_back({row.item, b - a, a, b});
    }
  }
  auto rises = moves;
  std::sort(rises.begin(), rises.end(), [](const Move& a, const Move& b) { return a.delta > b.delta; });
  auto falls = moves;
  std::sort(falls.begin(), falls.end(), [](const Move& a, const Move& b) { return a.delta < b.delta; });
  auto moves_chart = [&](const std::vector<Move>& list, bool up) {
    std::vector<std::string> labels;
    std::vector<double> deltas;
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < list.size() && i < n_top; ++i) {
      if (up ? list[i].delta <= 0 : list[i].delta >= 0) break;
      labels.push_back(list[i].item);
      deltas.push_back(100 * list[i].delta);
      rows.push_back({list[i].item, list[i].share_first, list[i].share_last, list[i].delta});
    }
    report.chart(
        up ? "rises" : "falls",
        up ? Text{fmt::format("Biggest rises in share among {}, {}→{}", s.plural.en, first, last),
                  fmt::format("Plus fortes hausses de part parmi les {}, {}→{}", s.plural.fr, first, last)}
           : Text{fmt::format("Biggest falls in share among {}, {}→{}", s.plural.en, first, last),
                  fmt::format("Plus fortes baisses de part parmi les {}, {}→{}", s.plural.fr, first, last)},
        nlohmann::json::array({horizontal_bar(labels, deltas, up ? "#FF8C00" : "#E24E1B",
                                              Text{"Change (pp)", "Variation (pts)"}.in(lang))}),
        {{"xaxis",
          axis({"Change in share of recipes (percentage points)", "Variation de la part des recettes (points)"}, lang)},
         {"margin", {{"l", 160}}}},
        {"item", fmt::format("share_{}", first), fmt::format("share_{}", last), "delta"}, rows);
    return labels;
  };
  auto rise_labels = moves_chart(rises, true);
  auto fall_labels = moves_chart(falls, false);

  // Yearly share of the top 5 movers each way.
  std::vector<std::string> tracked;
  for (std::size_t i = 0; i < rise_labels.size() && i < 5; ++i) tracked.push_back(rise_labels[i]);
  for (std::size_t i = 0; i < fall_labels.size() && i < 5; ++i) tracked.push_back(fall_labels[i]);
  if (!tracked.empty()) {
    nlohmann::json traces = nlohmann::json::array();
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t k = 0; k < tracked.size(); ++k) {
      std::map<int, double> counts;
      const auto found = std::lower_bound(items->names.begin(), items->names.end(), tracked[k]);
      const auto item = static_cast<std::size_t>(found - items->names.begin());
      for (std::size_t e = items->begin[item]; e < items->begin[item + 1]; ++e) {
        const int g = by_year[static_cast<std::size_t>(items->cells[e])];
        if (g >= 0) counts[CellGrid::kFirstYear + g] += items->counts[e];
      }
      std::vector<double> shares;
      for (double y : years) {
        const auto year = static_cast<int>(y);
        const double share = counts.count(year) ? counts[year] / recipes_in[year] : 0.0;
        shares.push_back(share);
        rows.push_back({tracked[k], year, share});
      }
      const bool rising = k < std::min<std::size_t>(rise_labels.size(), 5);
      traces.push_back({{"type", "scatter"},
                        {"mode", "lines+markers"},
                        {"name", tracked[k]},
                        {"legendgroup", rising ? "rises" : "falls"},
                        {"x", numbers(years)},
                        {"y", numbers(shares)},
                        {"line", {{"dash", rising ? "solid" : "dot"}}}});
    }
    report.chart(
        "movers_by_year",
        {fmt::format("Yearly share of the {} that moved most", s.plural.en),
         fmt::format("Part annuelle des {} qui ont le plus varié", s.plural.fr)},
        traces,
        {{"xaxis", axis({"Year", "Année"}, lang)},
         {"yaxis",
          {{"title", {{"text", Text{"Share of recipes", "Part des recettes"}.in(lang)}}}, {"tickformat", ".0%"}}}},
        {"item", "year", "share"}, rows);
  }

  // Narrative, from the numbers above.
  if (!top_labels.empty()) {
    report.say(
        {fmt::format("The most common {} are {}.", s.plural.en,
                     fmt::join(std::vector<std::string>(
                                   top_labels.begin(),
                                   top_labels.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(3, n_top))),
                               ", ")),
         fmt::format("Les {} les plus fréquents sont {}.", s.plural.fr,
                     fmt::join(std::vector<std::string>(
                                   top_labels.begin(),
                                   top_labels.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(3, n_top))),
                               ", "))});
  }
  if (!rise_labels.empty() && !fall_labels.empty()) {
    report.say({fmt::format("From {} to {}, {} gains the most share ({} pp) and {} loses the most ({} pp).", first,
                            last, rises[0].item, signed_number(100 * rises[0].delta, 1, "en"), falls[0].item,
                            signed_number(100 * falls[0].delta, 1, "en")),
                fmt::format("De {} à {}, {} gagne le plus de part ({} pts) et {} en perd le plus ({} pts).", first,
                            last, rises[0].item, signed_number(100 * rises[0].delta, 1, "fr"), falls[0].item,
                            signed_number(100 * falls[0].delta, 1, "fr"))});
  }
  if (diversity_fit.ok() && !d_values.empty()) {
    report.say(
        {fmt::format("Distinct {} go from {} in {} to {} in {} (OLS slope {} per year, R² = {}, p {}); diversity "
                     "follows the number of recipes posted ({} in {}, {} in {}).",
                     s.plural.en, format_number(d_values.front(), 0, "en"), static_cast<int>(d_years.front()),
                     format_number(d_values.back(), 0, "en"), static_cast<int>(d_years.back()),
                     signed_number(diversity_fit.slope, 1, "en"), format_number(diversity_fit.r_squared, 3, "en"),
                     p_relation(diversity_fit.slope_p), format_number(n_first, 0, "en"), first,
                     format_number(n_last, 0, "en"), last),
         fmt::format("Le nombre de {} distincts passe de {} en {} à {} en {} (pente MCO {} par an, R² = {}, p {}) ; "
                     "la diversité suit le nombre de recettes publiées ({} en {}, {} en {}).",
                     s.plural.fr, format_number(d_values.front(), 0, "fr"), static_cast<int>(d_years.front()),
                     format_number(d_values.back(), 0, "fr"), static_cast<int>(d_years.back()),
                     signed_number(diversity_fit.slope, 1, "fr"), format_number(diversity_fit.r_squared, 3, "fr"),
                     p_relation(diversity_fit.slope_p, "fr"), format_number(n_first, 0, "fr"), first,
                     format_number(n_last, 0, "fr"), last)});
  }
  report.set("first_year", first).set("last_year", last).set("min_recipes", min_total);
  return report.to_json();
}

nlohmann::json item_seasonality(db::Connection& con, const Filters& f, const ItemSource& s, const std::string& id,
                                const Text& title) {
  const std::string& lang = f.lang;
  Report report(id, title, f);
  const auto seasons = f.selected_seasons();
  // Recipes per season in scope.
  const std::vector<int> by_season = cell_groups(CellGrid::scope(f), CellGrid::season);
  const auto per_season = group_totals(recipe_cells(con)->count, by_season, 4);
  std::map<std::string, double> recipes_in;
  double total_recipes = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    if (per_season[k] == 0) continue;
    recipes_in[season_order()[k]] = per_season[k];
    total_recipes += per_season[k];
  }
  if (total_recipes == 0 || seasons.size() < 2) {
    report.say({"At least two seasons with recipes are needed to compare seasons.",
                "Il faut au moins deux saisons avec des recettes pour comparer les saisons."});
    return report.to_json();
  }
  const double min_total = std::max(1.0, std::ceil(f.min_frequency * total_recipes));
  const auto present = item_cells(con, s);
  std::vector<ItemRow> counts;
  for (std::size_t k = 0; k < present->names.size(); ++k) {
    std::vector<double> values(5, 0.0);  // total, then winter .. autumn
    for (std::size_t e = present->begin[k]; e < present->begin[k + 1]; ++e) {
      const int g = by_season[static_cast<std::size_t>(present->cells[e])];
      if (g < 0) continue;
      values[0] += present->counts[e];
      values[1 + static_cast<std::size_t>(g)] += present->counts[e];
    }
    if (values[0] >= min_total) counts.push_back({present->names[k], std::move(values)});
  }
  const std::vector<std::string>& order = season_order();
  struct ItemTest {
    std::string item;
    std::vector<double> shares;  // per selected season
    double spread;               // max − min share
    double chi2;
    double p;
    double p_adj = NAN;
    std::string peak;
  };
  std::vector<ItemTest> tests;
  std::vector<double> p_values;
  for (const auto& row : counts) {
    ItemTest t{row.item, {}, 0, NAN, NAN, NAN, ""};
    std::vector<std::vector<double>> table(2);
    double best = -1;
    double worst = 2;
    for (std::size_t k = 0; k < order.size(); ++k) {
      if (std::find(seasons.begin(), seasons.end(), order[k]) == seasons.end()) continue;
      const double with_item = row.values[1 + k];
      const double n = recipes_in[order[k]];
      const double share = n > 0 ? with_item / n : NAN;
      t.shares.push_back(share);
      table[0].push_back(with_item);
      table[1].push_back(n - with_item);
      if (share > best) {
        best = share;
        t.peak = order[k];
      }
      worst = std::min(worst, share);
    }
    t.spread = best - worst;
    stats::TestResult chi = stats::chi_square_contingency(table, false);
    t.chi2 = chi.statistic;
    t.p = chi.p_value;
    p_values.push_back(std::isfinite(chi.p_value) ? chi.p_value : 1.0);
    tests.push_back(std::move(t));
  }
  std::vector<double> adjusted = stats::benjamini_hochberg(p_values);
  for (std::size_t i = 0; i < tests.size(); ++i) tests[i].p_adj = adjusted[i];
  std::vector<ItemTest> kept;
  for (const auto& t : tests) {
    if (t.spread >= f.min_difference && t.p_adj < 0.05) kept.push_back(t);
  }
  std::sort(kept.begin(), kept.end(),
            [](const ItemTest& a, const ItemTest& b) { return a.chi2 != b.chi2 ? a.chi2 > b.chi2 : a.item < b.item; });
  report
      .metric("items_tested", {fmt::format("{} tested", s.plural.en), fmt::format("{} testés", s.plural.fr)},
              static_cast<double>(tests.size()), "", 0)
      .metric(
          "items_kept",
          {fmt::format("{} varying by season", s.plural.en), fmt::format("{} variant selon la saison", s.plural.fr)},
          static_cast<double>(kept.size()), "", 0);
  const std::size_t n_show = std::min<std::size_t>(static_cast<std::size_t>(f.top_n), kept.size());
  // Heat map: items × seasons, share of recipes.
  std::vector<std::string> labels;
  nlohmann::json z = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  std::vector<std::string> season_labels;
  season_labels.reserve(seasons.size());
  for (const auto& season : seasons) season_labels.push_back(season_name(season).in(lang));
  for (std::size_t i = 0; i < n_show; ++i) {
    labels.push_back(kept[i].item);
    nlohmann::json line = nlohmann::json::array();
    for (std::size_t k = 0; k < seasons.size(); ++k) {
      line.push_back(number(100 * kept[i].shares[k]));
      rows.push_back({kept[i].item, seasons[k], kept[i].shares[k]});
    }
    z.push_back(line);
  }
  report.chart(
      "season_heatmap",
      {fmt::format("{} whose share varies most by season", s.plural.en),
       fmt::format("{} dont la part varie le plus selon la saison", s.plural.fr)},
      nlohmann::json::array({{{"type", "heatmap"},
                              {"x", season_labels},
                              {"y", labels},
                              {"z", z},
                              {"colorscale", "YlOrRd"},
                              {"colorbar", {{"title", {{"text", Text{"% of recipes", "% des recettes"}.in(lang)}}}}}}}),
      {{"margin", {{"l", 160}}}, {"yaxis", {{"autorange", "reversed"}}}}, {"item", "season", "share"}, rows);
  nlohmann::json test_rows = nlohmann::json::array();
  for (std::size_t i = 0; i < n_show; ++i) {
    test_rows.push_back(
        {kept[i].item, season_name(kept[i].peak).in(lang), kept[i].spread, kept[i].chi2, kept[i].p, kept[i].p_adj});
  }
  report.table("item_tests",
               {"Chi-square test per item (presence × season), Benjamini–Hochberg adjusted",
                "Test du khi-deux par élément (présence × saison), ajusté par Benjamini–Hochberg"},
               {"item", "peak_season", "spread", "chi2", "p", "p_adjusted"}, test_rows);
  if (!kept.empty()) {
    std::vector<std::string> by_season_en;
    std::vector<std::string> by_season_fr;
    for (const auto& season : seasons) {
      std::vector<std::string> items;
      for (std::size_t i = 0; i < n_show && items.size() < 3; ++i) {
        if (kept[i].peak == season) items.push_back(kept[i].item);
      }
      if (items.empty()) continue;
      by_season_en.push_back(fmt::format("{}: {}", season_name(season).en, fmt::join(items, ", ")));
      by_season_fr.push_back(fmt::format("{} : {}", season_in_sentence(season).fr, fmt::join(items, ", ")));
    }
    report.say({fmt::format("{} of {} {} differ significantly across seasons (chi-square, Benjamini–Hochberg "
                            "adjusted p < 0.05, spread ≥ {} pp). Most seasonal: {}.",
                            kept.size(), tests.size(), s.plural.en, format_number(100 * f.min_difference, 1, "en"),
                            fmt::join(by_season_en, "; ")),
                fmt::format("{} {} sur {} varient significativement selon la saison (khi-deux, p ajusté de "
                            "Benjamini–Hochberg < 0,05, écart ≥ {} pts). Les plus saisonniers : {}.",
                            kept.size(), s.plural.fr, tests.size(), format_number(100 * f.min_difference, 1, "fr"),
                            fmt::join(by_season_fr, " ; "))});
  } else {
    report.say({fmt::format("No {} differs significantly across seasons at these thresholds.", s.plural.en),
                fmt::format("Aucun des {} ne varie significativement selon la saison avec ces seuils.", s.plural.fr)});
  }
  return report.to_json();
}

}  // namespace mtm::analysis
