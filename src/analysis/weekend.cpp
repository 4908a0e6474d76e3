// Page 3, "Weekday vs weekend" (seed-app-inventory §4) plus the notebook-only weekend effect on ratings
// (§8.6, §11). Recipes use the submission date, ratings the rating date; is_weekend = ISO day 6 or 7.
// Fixes of §12: the tests the original only claims (chi-square on volumes, Welch t, Mann-Whitney, Cohen's d),
// presence counts with Benjamini–Hochberg on per-item tests, top-N by |Δ| in both directions, no fixed
// axis ranges, computed bilingual narratives. Every aggregation runs in DuckDB; only group rows reach C++.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "analysis/cells.hpp"
#include "analysis/group_tests.hpp"
#include "analysis/items.hpp"
#include "analysis/query_helpers.hpp"
#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/stats/rank_tests.hpp"

namespace mtm::analysis {

namespace {

using nlohmann::json;

const std::vector<std::string> kRecipeFilters = {"year_from", "year_to", "seasons", "days", "clean_only"};
const std::vector<std::string> kItemFilters = {"year_from",  "year_to", "seasons",       "days",
                                               "clean_only", "top_n",   "min_frequency", "min_difference"};
const std::vector<std::string> kRatingFilters = {"year_from", "year_to", "seasons", "days"};

constexpr const char* kWeekdayColor = "#FFD700";
constexpr const char* kWeekendColor = "#FF8C00";

Text period_name(bool weekend) {
  return weekend ? Text{"Weekend", "Week-end"} : Text{"Weekday", "Semaine"};
}
const char* period_color(bool weekend) {
  return weekend ? kWeekendColor : kWeekdayColor;
}

// Wording for Cohen's w / phi (0.1 small, 0.3 medium, 0.5 large).
Text w_words(double w) {
  const double a = std::fabs(w);
  if (!std::isfinite(a)) return {"undetermined", "indéterminé"};
  if (a < 0.1) return {"negligible", "négligeable"};
  if (a < 0.3) return {"small", "faible"};
  if (a < 0.5) return {"medium", "moyen"};
  return {"large", "fort"};
}

std::string to_lower(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

Text empty_sentence() {
  return {"No rows match the filters, or one of the two periods is empty: nothing to compare.",
          "Aucune ligne ne correspond aux filtres, ou l'une des deux périodes est vide : rien à comparer."};
}

// ---------------------------------------------------------------------------------------------------
// Weekday-vs-weekend comparison of numeric recipe columns.

struct Spread {
  double min = NAN, q1 = NAN, median = NAN, q3 = NAN, max = NAN, lower_fence = NAN, upper_fence = NAN;
};

struct Comparison {
  std::string column;
  Text label;
  std::string unit;
  int decimals = 1;
  Moments weekday, weekend;
  Spread weekday_spread, weekend_spread;
  stats::TestResult welch, mann_whitney;
  double welch_p_adjusted = NAN;
  double mann_whitney_p_adjusted = NAN;
  double d = NAN;  ///< Cohen's d, weekend − weekday
  [[nodiscard]] double difference() const { return weekend.mean - weekday.mean; }
  [[nodiscard]] double difference_pct() const { return 100.0 * (weekend.mean - weekday.mean) / weekday.mean; }
};

struct ColumnSpec {
  std::string column;  ///< a fixed recipes column name
  Text label;
  std::string unit;
  int decimals;
};

// Per column, moments and quartiles of each period and the Mann-Whitney rank sum, from one pass each
// over the column's sorted values (NULLs are left out, as UNPIVOT did).
std::vector<Comparison> compare_columns(db::Connection& con, const Filters& f, const std::vector<ColumnSpec>& specs) {
  const std::vector<int> period = cell_groups(CellGrid::scope(f), [](int c) { return CellGrid::weekday(c) >= 6; });
  std::vector<Comparison> out(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    Comparison& c = out[i];
    c.column = specs[i].column;
    c.label = specs[i].label;
    c.unit = specs[i].unit;
    c.decimals = specs[i].decimals;
    const auto column = sorted_column(con, specs[i].column);
    // One walk gives the summaries and the Mann-Whitney rank sums.
    const RankedSummary summary = summarize_ranked(*column, period, 2, {0.25, 0.5, 0.75});
    const auto& groups = summary.groups;
    for (bool weekend : {false, true}) {
      const GroupSummary& g = groups[weekend ? 1 : 0];
      if (g.n == 0) continue;
      Moments m;
      m.n = g.n;
      m.mean = g.mean;
      m.m2 = g.m2;
      (weekend ? c.weekend : c.weekday) = m;
      Spread spread;
      spread.min = g.min;
      spread.max = g.max;
      spread.q1 = g.quantiles[0];
      spread.median = g.quantiles[1];
      spread.q3 = g.quantiles[2];
      // Whiskers at 1.5 IQR, clipped to the data range.
      spread.lower_fence = std::max(spread.min, spread.q1 - 1.5 * (spread.q3 - spread.q1));
      spread.upper_fence = std::min(spread.max, spread.q3 + 1.5 * (spread.q3 - spread.q1));
      (weekend ? c.weekend_spread : c.weekday_spread) = spread;
    }
    c.welch = welch_from_moments(c.weekend, c.weekday);
    c.d = cohens_d_from_moments(c.weekend, c.weekday);
    c.mann_whitney.reason = "empty group";
    if (groups[0].n + groups[1].n > 0) {
      const RankSums& r = summary.ranks;
      c.mann_whitney = mann_whitney_from_rank_sum(r.sums[1], r.sizes[1], r.sizes[0], r.tie_term);
    }
  }
  std::vector<double> welch_p;
  std::vector<double> mw_p;
  for (const auto& c : out) {
    welch_p.push_back(c.welch.p_value);
    mw_p.push_back(c.mann_whitney.p_value);
  }
  const auto welch_adj = stats::benjamini_hochberg(welch_p);
  const auto mw_adj = stats::benjamini_hochberg(mw_p);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].welch_p_adjusted = welch_adj[i];
    out[i].mann_whitney_p_adjusted = mw_adj[i];
  }
  return out;
}

void add_tests(Report& report, const std::vector<Comparison>& comparisons) {
  const bool family = comparisons.size() > 1;
  for (const auto& c : comparisons) {
    report.test("welch_" + c.column,
                {fmt::format("Welch t test, {} (weekend − weekday)", c.label.en),
                 fmt::format("Test t de Welch, {} (week-end − semaine)", c.label.fr)},
                "t", c.welch.statistic, c.welch.p_value, c.welch.n, "cohens_d", c.d, family ? c.welch_p_adjusted : -1.0,
                c.welch.df);
    report.test("mann_whitney_" + c.column,
                {fmt::format("Mann-Whitney U, {} (weekend vs weekday)", c.label.en),
                 fmt::format("U de Mann-Whitney, {} (week-end vs semaine)", c.label.fr)},
                "U", c.mann_whitney.statistic, c.mann_whitney.p_value, c.mann_whitney.n, "cohens_d", c.d,
                family ? c.mann_whitney_p_adjusted : -1.0);
  }
}

// "Minutes: weekend 42.5 vs weekday 42.4 (+0.1, +0.2 %); Welch t = …, p = …; Mann-Whitney p = …;
// Cohen's d = 0.00 (negligible): not significant."
Text comparison_sentence(const Comparison& c, bool adjusted) {
  const double p = adjusted ? c.welch_p_adjusted : c.welch.p_value;
  const double p_mw = adjusted ? c.mann_whitney_p_adjusted : c.mann_whitney.p_value;
  const Text verdict = significance_words(p, c.d, 0.1);
  const Text effect = effect_size_words(c.d);
  auto one = [&](const std::string& lang, const std::string& subject) {
    const bool fr = lang == "fr";
    return fmt::format(
        fmt::runtime(fr ? "{} : week-end {} contre {} en semaine ({} {}, {} %) ; t de Welch = {}, p{} {} ; "
                          "Mann-Whitney p{} {} ; "
                          "d de Cohen = {} ({}) : {}."
                        : "{}: weekend {} vs weekday {} ({} {}, {} %); Welch t = {}, p{} {}; Mann-Whitney p{} {}; "
                          "Cohen's d = {} ({}): {}."),
        subject, format_number(c.weekend.mean, c.decimals, lang), format_number(c.weekday.mean, c.decimals, lang),
        signed_number(c.difference(), c.decimals, lang), c.unit, signed_number(c.difference_pct(), 2, lang),
        format_number(c.welch.statistic, 3, lang), adjusted ? (fr ? " ajusté" : " adjusted") : "", p_relation(p, lang),
        adjusted ? (fr ? " ajusté" : " adjusted") : "", p_relation(p_mw, lang), format_number(c.d, 3, lang),
        effect.in(lang), verdict.in(lang));
  };
  return {one("en", c.label.en), one("fr", c.label.fr)};
}

bool comparable(const Comparison& c) {
  return c.weekday.n > 0 && c.weekend.n > 0;
}

// Bars of the mean per period with the median and IQR drawn as a marker with asymmetric error bars.
void mean_median_chart(Report& report, const std::string& id, const Text& title, const Comparison& c,
                       const std::string& lang) {
  json x = json::array(), means = json::array(), medians = json::array(), up = json::array(), down = json::array();
  json colors = json::array(), rows = json::array();
  for (bool weekend : {false, true}) {
    const Moments& m = weekend ? c.weekend : c.weekday;
    const Spread& s = weekend ? c.weekend_spread : c.weekday_spread;
    x.push_back(period_name(weekend).in(lang));
    means.push_back(number(m.mean));
    medians.push_back(number(s.median));
    up.push_back(number(s.q3 - s.median));
    down.push_back(number(s.median - s.q1));
    colors.push_back(period_color(weekend));
    rows.push_back({period_name(weekend).in(lang), m.n, number(m.mean), number(s.median), number(s.q1), number(s.q3),
                    number(s.q3 - s.q1), number(m.sd())});
  }
  json traces =
      json::array({{{"type", "bar"},
                    {"name", Text{"Mean", "Moyenne"}.in(lang)},
                    {"x", x},
                    {"y", means},
                    {"marker", {{"color", colors}}}},
                   {{"type", "scatter"},
                    {"mode", "markers"},
                    {"name", Text{"Median and IQR (Q1–Q3)", "Médiane et IQR (Q1–Q3)"}.in(lang)},
                    {"x", x},
                    {"y", medians},
                    {"marker", {{"color", "#E24E1B"}, {"symbol", "square"}, {"size", 10}}},
                    {"error_y", {{"type", "data"}, {"symmetric", false}, {"array", up}, {"arrayminus", down}}}}});
  json layout = {
      {"xaxis", axis({"Period", "Période"}, lang)},
      {"yaxis",
       axis(c.unit.empty() ? c.label : Text{c.label.en + " (" + c.unit + ")", c.label.fr + " (" + c.unit + ")"},
            lang)}};
  report.chart(id, title, traces, layout, {"period", "n", "mean", "median", "q1", "q3", "iqr", "std"}, rows);
}

// Box plots from precomputed quartiles and Tukey fences (no raw points are sent).
void box_chart(Report& report, const std::string& id, const Text& title, const Comparison& c, const std::string& lang) {
  json traces = json::array(), rows = json::array();
  for (bool weekend : {false, true}) {
    const Moments& m = weekend ? c.weekend : c.weekday;
    const Spread& s = weekend ? c.weekend_spread : c.weekday_spread;
    const std::string name = period_name(weekend).in(lang);
    traces.push_back({{"type", "box"},
                      {"name", name},
                      {"x", {name}},
                      {"q1", {number(s.q1)}},
                      {"median", {number(s.median)}},
                      {"q3", {number(s.q3)}},
                      {"lowerfence", {number(s.lower_fence)}},
                      {"upperfence", {number(s.upper_fence)}},
                      {"mean", {number(m.mean)}},
                      {"sd", {number(m.sd())}},
                      {"marker", {{"color", period_color(weekend)}}}});
    rows.push_back({name, m.n, number(s.min), number(s.lower_fence), number(s.q1), number(s.median), number(s.q3),
                    number(s.upper_fence), number(s.max), number(m.mean), number(m.sd())});
  }
  json layout = {
      {"xaxis", axis({"Period", "Période"}, lang)},
      {"yaxis",
       axis(c.unit.empty() ? c.label : Text{c.label.en + " (" + c.unit + ")", c.label.fr + " (" + c.unit + ")"},
            lang)}};
  report.chart(id, title, traces, layout,
               {"period", "n", "min", "lower_fence", "q1", "median", "q3", "upper_fence", "max", "mean", "std"}, rows);
}

// ---------------------------------------------------------------------------------------------------
// 4.1 volume

json volume(db::Connection& con, const Filters& f) {
  const auto cells = recipe_cells(con);
  const std::vector<char> scope = CellGrid::scope(f);
  std::map<int, double> count_by_day;
  double first = NAN;
  double last = NAN;
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    if (!scope[c] || cells->count[c] == 0) continue;
    count_by_day[CellGrid::weekday(static_cast<int>(c))] += cells->count[c];
    const double a = cells->first_day[c];
    const double b = cells->last_day[c];
    first = std::isnan(first) ? a : std::min(first, a);
    last = std::isnan(last) ? b : std::max(last, b);
  }
  const std::vector<int> days = f.selected_days();
  const std::string& lang = f.lang;
  Report report("weekend.volume", {"Recipe volume, weekday vs weekend", "Volume de recettes, semaine vs week-end"}, f);

  std::vector<double> counts;
  double n_weekday = 0, n_weekend = 0, days_weekday = 0, days_weekend = 0;
  for (int d : days) {
    const double n = count_by_day.count(d) ? count_by_day[d] : 0.0;
    counts.push_back(n);
    (d >= 6 ? n_weekend : n_weekday) += n;
    (d >= 6 ? days_weekend : days_weekday) += 1;
  }
  const double total = n_weekday + n_weekend;
  const double per_day_weekday = days_weekday > 0 ? n_weekday / days_weekday : NAN;
  const double per_day_weekend = days_weekend > 0 ? n_weekend / days_weekend : NAN;
  const double daily_mean = days.empty() ? NAN : total / static_cast<double>(days.size());
  const double weekday_vs_weekend = 100.0 * (per_day_weekday - per_day_weekend) / per_day_weekend;
  const double weekend_vs_weekday = 100.0 * (per_day_weekend - per_day_weekday) / per_day_weekday;

  std::vector<double> deviation;
  deviation.reserve(counts.size());
  for (double n : counts) deviation.push_back(daily_mean > 0 ? 100.0 * (n - daily_mean) / daily_mean : NAN);
  std::size_t busiest = 0, quietest = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > counts[busiest]) busiest = i;
    if (counts[i] < counts[quietest]) quietest = i;
  }

  report
      .metric("weekday_per_day",
              {"Recipes on an average weekday (all years)", "Recettes d'un jour de semaine moyen (toutes années)"},
              per_day_weekday, "", 0,
              {"Weekday recipes of all the years selected, divided by the number of weekdays selected (Monday to "
               "Friday: 5): the total of an average weekday, not of one calendar day",
               "Recettes de semaine de toutes les années retenues, divisées par le nombre de jours de semaine retenus "
               "(lundi à vendredi : 5) : le total d'un jour de semaine moyen, pas d'une journée du calendrier"})
      .metric("weekend_per_day",
              {"Recipes on an average weekend day (all years)", "Recettes d'un jour de week-end moyen (toutes années)"},
              per_day_weekend, "", 0,
              {"Weekend recipes of all the years selected, divided by the number of weekend days selected (Saturday "
               "and Sunday: 2): the total of an average weekend day, not of one calendar day",
               "Recettes du week-end de toutes les années retenues, divisées par le nombre de jours de week-end "
               "retenus (samedi et dimanche : 2) : le total d'un jour de week-end moyen, pas d'une journée du "
               "calendrier"})
      .metric("weekday_vs_weekend_pct", {"Weekday vs weekend (per day)", "Semaine vs week-end (par jour)"},
              weekday_vs_weekend, "%", 1)
      .metric("busiest_day",
              {fmt::format("Busiest day: {}", counts.empty() ? "n/a" : day_name(days[busiest]).en),
               fmt::format("Jour le plus actif : {}", counts.empty() ? "n/a" : day_name(days[busiest]).fr)},
              counts.empty() ? NAN : counts[busiest], "", 0)
      .metric("total", {"Recipes", "Recettes"}, total, "", 0);
  report.set("coverage",
             {{"first_date", std::isnan(first) ? json(nullptr) : json(db::format_date({static_cast<int>(first)}))},
              {"last_date", std::isnan(last) ? json(nullptr) : json(db::format_date({static_cast<int>(last)}))}});

  // Chart 1: recipes per day of each period.
  json p_rows = json::array(), p_x = json::array(), p_y = json::array(), p_colors = json::array(),
       p_text = json::array();
  for (bool weekend : {false, true}) {
    const double n_days = weekend ? days_weekend : days_weekday;
    if (n_days == 0) continue;
    const double per_day = weekend ? per_day_weekend : per_day_weekday;
    p_x.push_back(period_name(weekend).in(lang));
    p_y.push_back(number(per_day));
    p_colors.push_back(period_color(weekend));
    p_text.push_back(format_number(per_day, 0, lang));
    p_rows.push_back({period_name(weekend).in(lang), n_days, weekend ? n_weekend : n_weekday, number(per_day)});
  }
  report.chart(
      "per_day_by_period",
      {"Recipes on an average day of the week, by period", "Recettes d'un jour moyen de la semaine, par période"},
      json::array({{{"type", "bar"},
                    {"name", Text{"Recipes per day", "Recettes par jour"}.in(lang)},
                    {"x", p_x},
                    {"y", p_y},
                    {"text", p_text},
                    {"textposition", "outside"},
                    {"marker", {{"color", p_colors}}}}}),
      {{"xaxis", axis({"Period", "Période"}, lang)},
       {"yaxis", axis({"Recipes per day of the week", "Recettes par jour de la semaine"}, lang)}},
      {"period", "days", "recipes", "recipes_per_day"}, p_rows);

  // Chart 2 and 3: the selected days, and their deviation from the daily mean.
  json d_x = json::array(), d_colors = json::array(), dev_colors = json::array(), d_rows = json::array(),
       dev_rows = json::array(), dev_text = json::array();
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::string name = day_short_name(days[i]).in(lang);
    d_x.push_back(name);
    d_colors.push_back(period_color(days[i] >= 6));
    dev_colors.push_back(deviation[i] >= 0 ? "#E24E1B" : "#1E90FF");
    dev_text.push_back(signed_number(deviation[i], 1, lang) + " %");
    d_rows.push_back({name, days[i], days[i] >= 6, counts[i], number(deviation[i])});
    dev_rows.push_back({name, number(deviation[i])});
  }
  json mean_line = json::array();
  for (std::size_t i = 0; i < days.size(); ++i) mean_line.push_back(number(daily_mean));
  report.chart(
      "by_day", {"Recipes per day of the week", "Recettes par jour de la semaine"},
      json::array({{{"type", "bar"},
                    {"name", Text{"Recipes", "Recettes"}.in(lang)},
                    {"x", d_x},
                    {"y", counts},
                    {"marker", {{"color", d_colors}}}},
                   {{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", Text{"Daily mean", "Moyenne journalière"}.in(lang)},
                    {"x", d_x},
                    {"y", mean_line},
                    {"line", {{"color", "#B0E0E6"}, {"dash", "dash"}}}}}),
      {{"xaxis", axis({"Day of week", "Jour de la semaine"}, lang)}, {"yaxis", axis({"Recipes", "Recettes"}, lang)}},
      {"day", "iso_day", "is_weekend", "recipes", "deviation_pct"}, d_rows);
  report.chart("deviation", {"Deviation from the daily mean (%)", "Écart à la moyenne journalière (%)"},
               json::array({{{"type", "bar"},
                             {"name", Text{"Deviation (%)", "Écart (%)"}.in(lang)},
                             {"x", d_x},
                             {"y",
                              [&] {
                                json y = json::array();
                                for (double v : deviation) y.push_back(number(v));
                                return y;
                              }()},
                             {"text", dev_text},
                             {"textposition", "outside"},
                             {"marker", {{"color", dev_colors}}}}}),
               {{"xaxis", axis({"Day of week", "Jour de la semaine"}, lang)},
                {"yaxis", axis({"Deviation from the daily mean (%)", "Écart à la moyenne journalière (%)"}, lang)}},
               {"day", "deviation_pct"}, dev_rows);
  report.table("days", {"Recipes per day of the week", "Recettes par jour de la semaine"},
               {"day", "iso_day", "is_weekend", "recipes", "deviation_pct"}, d_rows);

  // Tests: uniformity over the selected days, and the weekday/weekend split against the day counts.
  stats::TestResult uniform;
  uniform.reason = "k < 2";
  if (counts.size() >= 2 && total > 0) uniform = stats::chi_square_gof(counts);
  const double w_uniform = total > 0 ? std::sqrt(uniform.statistic / total) : NAN;
  report.test("chi_square_days",
              {"Chi-square: equal volume on every selected day", "Khi-deux : volume égal chaque jour retenu"}, "chi2",
              uniform.statistic, uniform.p_value, static_cast<std::size_t>(total), "cohens_w", w_uniform, -1.0,
              uniform.df);
  stats::TestResult split;
  split.reason = "one period empty";
  if (days_weekday > 0 && days_weekend > 0 && total > 0) {
    const double ndays = days_weekday + days_weekend;
    const std::vector<double> observed = {n_weekday, n_weekend};
    const std::vector<double> expected = {total * days_weekday / ndays, total * days_weekend / ndays};
    split = stats::chi_square_gof(observed, expected);
  }
  const double w_split = total > 0 ? std::sqrt(split.statistic / total) : NAN;
  report.test("chi_square_period",
              {"Chi-square: weekday/weekend split proportional to days",
               "Khi-deux : partage semaine/week-end proportionnel aux jours"},
              "chi2", split.statistic, split.p_value, static_cast<std::size_t>(total), "cohens_w", w_split, -1.0,
              split.df);

  if (total == 0) {
    report.say({"No recipes match the filters.", "Aucune recette ne correspond aux filtres."});
    return report.to_json();
  }
  if (days_weekday > 0 && days_weekend > 0) {
    const bool weekend_lower = per_day_weekend < per_day_weekday;
    report.say(
        {fmt::format("Weekdays average {} recipes per day against {} per weekend day: weekend days get {} % {} "
                     "(equivalently, weekdays get {} % {}).",
                     format_number(per_day_weekday, 0, "en"), format_number(per_day_weekend, 0, "en"),
                     format_number(std::fabs(weekend_vs_weekday), 1, "en"), weekend_lower ? "fewer" : "more",
                     format_number(std::fabs(weekday_vs_weekend), 1, "en"), weekend_lower ? "more" : "fewer"),
         fmt::format("La semaine compte en moyenne {} recettes par jour contre {} par jour de week-end : le week-end "
                     "en reçoit {} % de {} (autrement dit, la semaine en reçoit {} % de {}).",
                     format_number(per_day_weekday, 0, "fr"), format_number(per_day_weekend, 0, "fr"),
                     format_number(std::fabs(weekend_vs_weekday), 1, "fr"), weekend_lower ? "moins" : "plus",
                     format_number(std::fabs(weekday_vs_weekend), 1, "fr"), weekend_lower ? "plus" : "moins")});
  }
  if (uniform.ok()) {
    const bool sig = uniform.p_value < 0.05;
    const Text effect = w_words(w_uniform);
    report.say({fmt::format("Chi-square test of equal daily volume: χ² = {}, df = {}, p {}; Cohen's w = {} ({}): "
                            "the days {} differ.",
                            format_number(uniform.statistic, 2, "en"), format_number(uniform.df, 0, "en"),
                            p_relation(uniform.p_value), format_number(w_uniform, 3, "en"), effect.en,
                            sig ? "significantly" : "do not significantly"),
                fmt::format("Test du khi-deux de volume journalier égal : χ² = {}, ddl = {}, p {} ; w de Cohen = {} "
                            "({}) : les jours {} significativement.",
                            format_number(uniform.statistic, 2, "fr"), format_number(uniform.df, 0, "fr"),
                            p_relation(uniform.p_value, "fr"), format_number(w_uniform, 3, "fr"), effect.fr,
                            sig ? "diffèrent" : "ne diffèrent pas")});
  }
  if (counts.size() >= 2) {
    report.say({fmt::format("Busiest day: {} ({} % against the daily mean); quietest: {} ({} %).",
                            day_name(days[busiest]).en, signed_number(deviation[busiest], 1, "en"),
                            day_name(days[quietest]).en, signed_number(deviation[quietest], 1, "en")),
                fmt::format("Jour le plus actif : {} ({} % par rapport à la moyenne journalière) ; le plus calme : {} "
                            "({} %).",
                            day_name(days[busiest]).fr, signed_number(deviation[busiest], 1, "fr"),
                            day_name(days[quietest]).fr, signed_number(deviation[quietest], 1, "fr"))});
  }
  return report.to_json();
}

// ---------------------------------------------------------------------------------------------------
// 4.2 preparation time

json duration(db::Connection& con, const Filters& f) {
  const auto cs = compare_columns(con, f, {{"minutes", {"Preparation time", "Temps de préparation"}, "min", 1}});
  const Comparison& c = cs[0];
  const std::string& lang = f.lang;
  Report report("weekend.duration",
                {"Preparation time, weekday vs weekend", "Temps de préparation, semaine vs week-end"}, f);
  report.metric("weekday_mean", {"Weekday (mean)", "Semaine (moyenne)"}, c.weekday.mean, "min", 1)
      .metric("weekend_mean", {"Weekend (mean)", "Week-end (moyenne)"}, c.weekend.mean, "min", 1)
      .metric("difference", {"Difference (weekend − weekday)", "Écart (week-end − semaine)"}, c.difference(), "min", 2)
      .metric("difference_pct", {"Difference (%)", "Écart (%)"}, c.difference_pct(), "%", 2)
      .metric("weekday_iqr", {"Weekday IQR", "IQR semaine"}, c.weekday_spread.q3 - c.weekday_spread.q1, "min", 0)
      .metric("weekend_iqr", {"Weekend IQR", "IQR week-end"}, c.weekend_spread.q3 - c.weekend_spread.q1, "min", 0)
      .metric("cohens_d", {"Cohen's d", "d de Cohen"}, c.d, "", 3);
  mean_median_chart(report, "mean_median", {"Preparation time by period", "Temps de préparation par période"}, c, lang);
  box_chart(report, "box", {"Distribution of preparation time", "Distribution du temps de préparation"}, c, lang);
  add_tests(report, cs);
  if (!comparable(c)) {
    report.say(empty_sentence());
    return report.to_json();
  }
  report.say(comparison_sentence(c, false));
  report.say({fmt::format("Medians: weekday {} min (IQR {}–{}), weekend {} min (IQR {}–{}).",
                          format_number(c.weekday_spread.median, 0, "en"), format_number(c.weekday_spread.q1, 0, "en"),
                          format_number(c.weekday_spread.q3, 0, "en"), format_number(c.weekend_spread.median, 0, "en"),
                          format_number(c.weekend_spread.q1, 0, "en"), format_number(c.weekend_spread.q3, 0, "en")),
              fmt::format("Médianes : semaine {} min (IQR {}–{}), week-end {} min (IQR {}–{}).",
                          format_number(c.weekday_spread.median, 0, "fr"), format_number(c.weekday_spread.q1, 0, "fr"),
                          format_number(c.weekday_spread.q3, 0, "fr"), format_number(c.weekend_spread.median, 0, "fr"),
                          format_number(c.weekend_spread.q1, 0, "fr"), format_number(c.weekend_spread.q3, 0, "fr"))});
  return report.to_json();
}

// ---------------------------------------------------------------------------------------------------
// 4.3 complexity

json complexity(db::Connection& con, const Filters& f) {
  const auto cs = compare_columns(con, f,
                                  {{"complexity", {"Complexity score", "Score de complexité"}, "", 3},
                                   {"n_steps", {"Steps", "Étapes"}, "", 2},
                                   {"n_ingredients", {"Ingredients", "Ingrédients"}, "", 2}});
  const std::string& lang = f.lang;
  Report report("weekend.complexity", {"Complexity, weekday vs weekend", "Complexité, semaine vs week-end"}, f);
  const Comparison& score = cs[0];
  report
      .metric("weekday_complexity", {"Weekday (Mon–Fri) complexity", "Complexité semaine (lun–ven)"},
              score.weekday.mean, "", 2)
      .metric("weekend_complexity", {"Weekend (Sat–Sun) complexity", "Complexité week-end (sam–dim)"},
              score.weekend.mean, "", 2)
      .metric("difference_pct", {"Difference (%)", "Écart (%)"}, score.difference_pct(), "%", 2)
      .metric("weekday_steps", {"Weekday steps (mean)", "Étapes semaine (moyenne)"}, cs[1].weekday.mean, "", 2)
      .metric("weekend_steps", {"Weekend steps (mean)", "Étapes week-end (moyenne)"}, cs[1].weekend.mean, "", 2)
      .metric("cohens_d", {"Cohen's d (score)", "d de Cohen (score)"}, score.d, "", 3);
  const std::vector<std::string> ids = {"complexity", "steps", "ingredients"};
  for (std::size_t i = 0; i < cs.size(); ++i) {
    mean_median_chart(report, ids[i], {cs[i].label.en + " by period", cs[i].label.fr + " par période"}, cs[i], lang);
  }
  add_tests(report, cs);
  if (!comparable(score)) {
    report.say(empty_sentence());
    return report.to_json();
  }
  for (const auto& c : cs) report.say(comparison_sentence(c, true));
  report.say({"p-values are adjusted by Benjamini–Hochberg over the three measures.",
              "Les p-valeurs sont ajustées par Benjamini–Hochberg sur les trois mesures."});
  return report.to_json();
}

// ---------------------------------------------------------------------------------------------------
// 4.4 nutrition

json nutrition(db::Connection& con, const Filters& f) {
  const auto cs = compare_columns(con, f,
                                  {{"calories", {"Calories", "Calories"}, "kcal", 1},
                                   {"protein_pdv", {"Protein", "Protéines"}, "% DV", 2},
                                   {"total_fat_pdv", {"Total fat", "Lipides"}, "% DV", 2},
                                   {"saturated_fat_pdv", {"Saturated fat", "Graisses saturées"}, "% DV", 2},
                                   {"sugar_pdv", {"Sugar", "Sucres"}, "% DV", 2},
                                   {"sodium_pdv", {"Sodium", "Sodium"}, "% DV", 2},
                                   {"carbohydrates_pdv", {"Carbohydrates", "Glucides"}, "% DV", 2}});
  const std::string& lang = f.lang;
  Report report("weekend.nutrition", {"Nutrition, weekday vs weekend", "Nutrition, semaine vs week-end"}, f);

  std::size_t significant = 0, significant_mw = 0, largest = 0;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    if (cs[i].welch_p_adjusted < 0.05) ++significant;
    if (cs[i].mann_whitney_p_adjusted < 0.05) ++significant_mw;
    if (std::isfinite(cs[i].difference_pct()) &&
        (!std::isfinite(cs[largest].difference_pct()) ||
         std::fabs(cs[i].difference_pct()) > std::fabs(cs[largest].difference_pct()))) {
      largest = i;
    }
  }
  report.metric("nutrients", {"Nutrients analysed", "Nutriments analysés"}, static_cast<double>(cs.size()), "", 0)
      .metric("significant",
              {"Significant mean differences (Welch, BH)", "Écarts de moyenne significatifs (Welch, BH)"},
              static_cast<double>(significant), "", 0)
      .metric("significant_mann_whitney",
              {"Significant distribution shifts (Mann-Whitney, BH)",
               "Décalages de distribution significatifs (Mann-Whitney, BH)"},
              static_cast<double>(significant_mw), "", 0)
      .metric("max_gap",
              {fmt::format("Largest gap ({})", cs[largest].label.en),
               fmt::format("Écart maximal ({})", cs[largest].label.fr)},
              cs[largest].difference_pct(), "%", 2);

  // Horizontal bars of the weekend − weekday difference in %, first nutrient at the top.
  json y = json::array(), x = json::array(), colors = json::array(), text = json::array(), rows = json::array();
  for (const auto& c : cs) {
    const double pct = c.difference_pct();
    const bool sig = c.welch_p_adjusted < 0.05;
    y.push_back(c.label.in(lang));
    x.push_back(number(pct));
    colors.push_back(sig ? (pct < 0 ? "#E24E1B" : "#FF8C00") : (pct < 0 ? "#FFD700" : "#FFA07A"));
    text.push_back(signed_number(pct, 1, lang) + " %" + (sig ? " *" : ""));
    rows.push_back({c.label.in(lang), number(c.weekday.mean), number(c.weekend.mean), number(pct),
                    number(c.welch_p_adjusted), sig});
  }
  report.chart(
      "difference_pct",
      {"Weekend vs weekday difference in mean (%, * = significant after BH)",
       "Écart de moyenne week-end vs semaine (%, * = significatif après BH)"},
      json::array({{{"type", "bar"},
                    {"orientation", "h"},
                    {"name", Text{"Weekend − weekday (%)", "Week-end − semaine (%)"}.in(lang)},
                    {"x", x},
                    {"y", y},
                    {"text", text},
                    {"textposition", "outside"},
                    {"marker", {{"color", colors}}}}}),
      {{"xaxis", axis({"Weekend − weekday difference in mean (%)", "Écart de moyenne week-end − semaine (%)"}, lang)},
       {"yaxis", {{"autorange", "reversed"}}}},
      {"nutrient", "weekday_mean", "weekend_mean", "difference_pct", "welch_p_adjusted", "significant"}, rows);

  json table_rows = json::array();
  for (const auto& c : cs) {
    table_rows.push_back({c.label.in(lang), c.unit, c.weekday.n, c.weekend.n, number(c.weekday.mean),
                          number(c.weekend.mean), number(c.difference_pct()), number(c.weekday_spread.median),
                          number(c.weekend_spread.median), number(c.welch.statistic), number(c.welch.p_value),
                          number(c.welch_p_adjusted), number(c.mann_whitney.statistic), number(c.mann_whitney.p_value),
                          number(c.mann_whitney_p_adjusted), number(c.d)});
  }
  report.table("nutrients", {"Nutrients by period", "Nutriments par période"},
               {"nutrient", "unit", "weekday_n", "weekend_n", "weekday_mean", "weekend_mean", "difference_pct",
                "weekday_median", "weekend_median", "welch_t", "welch_p", "welch_p_adjusted", "mann_whitney_u",
                "mann_whitney_p", "mann_whitney_p_adjusted", "cohens_d"},
               table_rows);
  add_tests(report, cs);
  if (!comparable(cs[0])) {
    report.say(empty_sentence());
    return report.to_json();
  }
  std::vector<std::string> sig_en, sig_fr;
  double max_abs_d = 0;
  for (const auto& c : cs) {
    if (std::isfinite(c.d)) max_abs_d = std::max(max_abs_d, std::fabs(c.d));
    if (c.welch_p_adjusted < 0.05) {
      sig_en.push_back(fmt::format("{} ({} %, d = {})", c.label.en, signed_number(c.difference_pct(), 2, "en"),
                                   format_number(c.d, 3, "en")));
      sig_fr.push_back(fmt::format("{} ({} %, d = {})", c.label.fr, signed_number(c.difference_pct(), 2, "fr"),
                                   format_number(c.d, 3, "fr")));
    }
  }
  const std::string n_en = fmt::format("{} of {}", significant, cs.size());
  const std::string n_fr = fmt::format("{} sur {}", significant, cs.size());
  if (sig_en.empty()) {
    report.say({fmt::format("No nutrient differs significantly in mean between weekday and weekend recipes "
                            "(Welch t, Benjamini–Hochberg over {} nutrients).",
                            cs.size()),
                fmt::format("Aucun nutriment ne diffère significativement en moyenne entre recettes de semaine et "
                            "de week-end (t de Welch, Benjamini–Hochberg sur {} nutriments).",
                            cs.size())});
  } else {
    report.say({fmt::format("{} nutrients differ significantly in mean after Benjamini–Hochberg correction (Welch t): "
                            "{}.",
                            n_en, fmt::join(sig_en, ", ")),
                fmt::format("{} nutriments diffèrent significativement en moyenne après correction de "
                            "Benjamini–Hochberg (t de Welch) : {}.",
                            n_fr, fmt::join(sig_fr, ", "))});
  }
  const Text effect = effect_size_words(max_abs_d);
  report.say(
      {fmt::format("Largest gap: {} ({} %). The largest |Cohen's d| is {} ({}){}.", cs[largest].label.en,
                   signed_number(cs[largest].difference_pct(), 2, "en"), format_number(max_abs_d, 3, "en"), effect.en,
                   max_abs_d < 0.1 ? ": every difference is negligible in practice" : ""),
       fmt::format("Écart maximal : {} ({} %). Le plus grand |d de Cohen| vaut {} ({}){}.", cs[largest].label.fr,
                   signed_number(cs[largest].difference_pct(), 2, "fr"), format_number(max_abs_d, 3, "fr"), effect.fr,
                   max_abs_d < 0.1 ? " : toutes les différences sont négligeables en pratique" : "")});
  report.say({fmt::format("Mann-Whitney, robust to the skewed nutrient values, finds {} of {} significant shifts "
                          "after correction.",
                          significant_mw, cs.size()),
              fmt::format("Mann-Whitney, robuste à l'asymétrie des valeurs nutritionnelles, trouve {} décalages "
                          "significatifs sur {} après correction.",
                          significant_mw, cs.size())});
  return report.to_json();
}

// ---------------------------------------------------------------------------------------------------
// 4.5 / 4.6 items

struct ItemTest {
  std::string name;
  double weekday = 0, weekend = 0;  ///< recipes containing the item
  double share_weekday = NAN, share_weekend = NAN;
  double chi2 = NAN, p = NAN, p_adjusted = NAN, phi = NAN;
  [[nodiscard]] double diff() const { return share_weekend - share_weekday; }
};

json items(db::Connection& con, const Filters& f, const std::string& id, const ItemSource& source, const Text& plural,
           const Text& title) {
  const std::vector<int> period = cell_groups(CellGrid::scope(f), [](int c) { return CellGrid::weekday(c) >= 6; });
  const auto totals = group_totals(recipe_cells(con)->count, period, 2);
  const double n_weekday = totals[0];
  const double n_weekend = totals[1];
  const double n = n_weekday + n_weekend;

  // Presence counts per period of every item present in scope.
  const auto cells = item_cells(con, source);
  std::vector<ItemTest> all;
  for (std::size_t k = 0; k < cells->names.size(); ++k) {
    ItemTest t;
    bool present = false;
    for (std::size_t e = cells->begin[k]; e < cells->begin[k + 1]; ++e) {
      const int g = period[static_cast<std::size_t>(cells->cells[e])];
      if (g < 0) continue;
      present = true;
      (g == 1 ? t.weekend : t.weekday) += cells->counts[e];
    }
    if (!present) continue;
    t.name = cells->names[k];
    all.push_back(std::move(t));
  }
  const std::size_t total_items = all.size();

  // Only items frequent enough are tested (independent filtering on the pooled share, which does not
  // depend on the period under the null); BH then runs over exactly the tested items.
  std::vector<ItemTest> tested;
  if (n_weekday > 0 && n_weekend > 0) {
    for (auto& t : all) {
      t.share_weekday = t.weekday / n_weekday;
      t.share_weekend = t.weekend / n_weekend;
      if ((t.share_weekday + t.share_weekend) / 2 < f.min_frequency) continue;
      const stats::TestResult chi =
          stats::chi_square_2x2(t.weekday, n_weekday - t.weekday, t.weekend, n_weekend - t.weekend, /*yates=*/true);
      t.chi2 = chi.statistic;
      t.p = chi.p_value;
      const double with = t.weekday + t.weekend;
      const double denominator = std::sqrt(n_weekday * n_weekend * with * (n - with));
      t.phi = denominator > 0
                  ? (t.weekend * (n_weekday - t.weekday) - t.weekday * (n_weekend - t.weekend)) / denominator
                  : NAN;
      tested.push_back(t);
    }
  }
  std::vector<double> p_values;
  p_values.reserve(tested.size());
  for (const auto& t : tested) p_values.push_back(t.p);
  const auto adjusted = stats::benjamini_hochberg(p_values);
  std::vector<ItemTest> passing;
  for (std::size_t i = 0; i < tested.size(); ++i) {
    tested[i].p_adjusted = adjusted[i];
    if (adjusted[i] < 0.05 && std::fabs(tested[i].diff()) >= f.min_difference) passing.push_back(tested[i]);
  }
  // Strongest first whatever the direction (§12.6 kept only the largest signed differences).
  std::sort(passing.begin(), passing.end(), [](const ItemTest& a, const ItemTest& b) {
    if (std::fabs(a.diff()) != std::fabs(b.diff())) return std::fabs(a.diff()) > std::fabs(b.diff());
    return a.name < b.name;
  });

  const std::string& lang = f.lang;
  Report report(id, title, f);
  const double pct_variable =
      tested.empty() ? NAN : 100.0 * static_cast<double>(passing.size()) / static_cast<double>(tested.size());
  report
      .metric("total_items", {"Distinct " + plural.en, plural.fr + " distincts"}, static_cast<double>(total_items), "",
              0)
      .metric("tested_items",
              {fmt::format("Tested (mean share ≥ {} %)", format_number(100 * f.min_frequency, 1, "en")),
               fmt::format("Testés (part moyenne ≥ {} %)", format_number(100 * f.min_frequency, 1, "fr"))},
              static_cast<double>(tested.size()), "", 0)
      .metric("variable_items", {"Variable " + plural.en, plural.fr + " variables"},
              static_cast<double>(passing.size()), "", 0)
      .metric("variable_pct", {"% variable (of tested)", "% variables (des testés)"}, pct_variable, "%", 1);

  const std::size_t shown = std::min<std::size_t>(passing.size(), static_cast<std::size_t>(f.top_n));
  std::vector<ItemTest> top(passing.begin(), passing.begin() + static_cast<std::ptrdiff_t>(shown));
  // Diverging bars: largest weekend-leaning at the top, largest weekday-leaning at the bottom.
  std::sort(top.begin(), top.end(), [](const ItemTest& a, const ItemTest& b) { return a.diff() > b.diff(); });
  json y = json::array(), x = json::array(), colors = json::array(), text = json::array(), rows = json::array();
  for (const auto& t : top) {
    y.push_back(t.name);
    x.push_back(number(100 * t.diff()));
    colors.push_back(t.diff() >= 0 ? kWeekendColor : kWeekdayColor);
    text.push_back(signed_number(100 * t.diff(), 2, lang));
    rows.push_back({t.name, number(100 * t.share_weekday), number(100 * t.share_weekend), number(100 * t.diff()),
                    number(t.p_adjusted)});
  }
  report.chart("top_differences",
               {fmt::format("Top {} {}: weekend − weekday share (pp)", shown, plural.en),
                fmt::format("Top {} {} : part week-end − semaine (pp)", shown, plural.fr)},
               json::array({{{"type", "bar"},
                             {"orientation", "h"},
                             {"name", Text{"Weekend − weekday (pp)", "Week-end − semaine (pp)"}.in(lang)},
                             {"x", x},
                             {"y", y},
                             {"text", text},
                             {"textposition", "outside"},
                             {"marker", {{"color", colors}}}}}),
               {{"xaxis", axis({"Δ share, weekend − weekday (percentage points)",
                                "Δ part, week-end − semaine (points de pourcentage)"},
                               lang)},
                {"yaxis", {{"autorange", "reversed"}, {"automargin", true}}}},
               {"item", "weekday_share_pct", "weekend_share_pct", "diff_pp", "p_adjusted"}, rows);
  json table_rows = json::array();
  for (const auto& t : passing) {
    table_rows.push_back({t.name, t.weekday, t.weekend, number(100 * t.share_weekday), number(100 * t.share_weekend),
                          number(100 * t.diff()), number(t.chi2), number(t.p), number(t.p_adjusted), number(t.phi)});
  }
  report.table("variable_items",
               {"Items that differ (BH-adjusted p < 0.05)", "Éléments qui diffèrent (p ajusté BH < 0,05)"},
               {"item", "weekday_recipes", "weekend_recipes", "weekday_share_pct", "weekend_share_pct", "diff_pp",
                "chi2", "p", "p_adjusted", "phi"},
               table_rows);
  for (const auto& t : top) {
    report.test("chi2_" + t.name, {"Chi-square 2×2 (Yates): " + t.name, "Khi-deux 2×2 (Yates) : " + t.name}, "chi2",
                t.chi2, t.p, static_cast<std::size_t>(n), "phi", t.phi, t.p_adjusted, 1.0);
  }
  report.set("recipes", {{"weekday", n_weekday}, {"weekend", n_weekend}});

  if (n_weekday == 0 || n_weekend == 0) {
    report.say(empty_sentence());
    return report.to_json();
  }
  report.say(
      {fmt::format("{} of {} {} with a mean share of at least {} % were tested (2×2 chi-square with Yates' "
                   "correction, presence per recipe); {} differ after Benjamini–Hochberg correction with a gap of "
                   "at least {} pp.",
                   tested.size(), total_items, plural.en, format_number(100 * f.min_frequency, 1, "en"), passing.size(),
                   format_number(100 * f.min_difference, 2, "en")),
       fmt::format("{} {} sur {} ayant une part moyenne d'au moins {} % ont été testés (khi-deux 2×2 avec "
                   "correction de Yates, présence par recette) ; {} diffèrent après correction de "
                   "Benjamini–Hochberg avec un écart d'au moins {} pp.",
                   tested.size(), plural.fr, total_items, format_number(100 * f.min_frequency, 1, "fr"), passing.size(),
                   format_number(100 * f.min_difference, 2, "fr"))});
  auto listing = [&](bool weekend, const std::string& lang_code) {
    std::vector<std::string> names;
    for (const auto& t : passing) {
      if ((t.diff() > 0) != weekend) continue;
      names.push_back(fmt::format("{} ({} pp)", t.name, signed_number(100 * t.diff(), 2, lang_code)));
      if (names.size() == 3) break;
    }
    return names;
  };
  const auto we_en = listing(true, "en"), we_fr = listing(true, "fr"), wd_en = listing(false, "en"),
             wd_fr = listing(false, "fr");
  if (!passing.empty()) {
    report.say({fmt::format("More frequent at weekends: {}. More frequent on weekdays: {}.",
                            we_en.empty() ? "none" : fmt::format("{}", fmt::join(we_en, ", ")),
                            wd_en.empty() ? "none" : fmt::format("{}", fmt::join(wd_en, ", "))),
                fmt::format("Plus fréquents le week-end : {}. Plus fréquents en semaine : {}.",
                            we_fr.empty() ? "aucun" : fmt::format("{}", fmt::join(we_fr, ", ")),
                            wd_fr.empty() ? "aucun" : fmt::format("{}", fmt::join(wd_fr, ", ")))});
    double max_phi = 0;
    for (const auto& t : passing) {
      if (std::isfinite(t.phi)) max_phi = std::max(max_phi, std::fabs(t.phi));
    }
    const Text effect = w_words(max_phi);
    report.say(
        {fmt::format("The largest gap is {} pp and the largest |phi| {} ({}){}.",
                     format_number(100 * std::fabs(passing.front().diff()), 2, "en"), format_number(max_phi, 3, "en"),
                     effect.en, max_phi < 0.1 ? ": significant but negligible differences" : ""),
         fmt::format("Le plus grand écart est de {} pp et le plus grand |phi| vaut {} ({}){}.",
                     format_number(100 * std::fabs(passing.front().diff()), 2, "fr"), format_number(max_phi, 3, "fr"),
                     effect.fr, max_phi < 0.1 ? " : des écarts significatifs mais négligeables" : "")});
  } else {
    report.say({"No item passes the frequency, difference and significance criteria.",
                "Aucun élément ne satisfait les critères de fréquence, d'écart et de significativité."});
  }
  return report.to_json();
}

json ingredients(db::Connection& con, const Filters& f) {
  return items(con, f, "weekend.ingredients", ingredient_source(), {"ingredients", "ingrédients"},
               {"Ingredients that differ, weekday vs weekend", "Ingrédients qui diffèrent, semaine vs week-end"});
}

json tags(db::Connection& con, const Filters& f) {
  return items(con, f, "weekend.tags", tag_source(), {"tags", "tags"},
               {"Tags that differ, weekday vs weekend", "Tags qui diffèrent, semaine vs week-end"});
}

// ---------------------------------------------------------------------------------------------------
// Notebook-only: weekend effect on ratings, by rating date (§8.6, §11).

json ratings(db::Connection& con, const Filters& f) {
  const auto ratings_cells = rating_cells(con);
  const std::vector<char> scope = CellGrid::scope(f);
  const std::vector<int> days = f.selected_days();
  std::map<int, std::vector<std::int64_t>> by_day;
  for (int d : days) by_day[d] = std::vector<std::int64_t>(5, 0);
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    if (!scope[c]) continue;
    auto it = by_day.find(CellGrid::weekday(static_cast<int>(c)));
    if (it == by_day.end()) continue;
    for (std::size_t k = 0; k < 5; ++k) it->second[k] += static_cast<std::int64_t>(ratings_cells->count[c][k]);
  }
  const std::vector<double> levels = {1, 2, 3, 4, 5};
  std::vector<std::int64_t> weekday_counts(5, 0), weekend_counts(5, 0);
  for (const auto& [d, counts] : by_day) {
    for (std::size_t k = 0; k < 5; ++k) (d >= 6 ? weekend_counts : weekday_counts)[k] += counts[k];
  }
  auto share = [](const std::vector<std::int64_t>& c, std::size_t from, std::size_t to) {
    double all = 0, part = 0;
    for (std::size_t k = 0; k < c.size(); ++k) {
      all += static_cast<double>(c[k]);
      if (k >= from && k <= to) part += static_cast<double>(c[k]);
    }
    return all > 0 ? 100.0 * part / all : NAN;
  };
  const Moments wd = moments_from_counts(weekday_counts, levels);
  const Moments we = moments_from_counts(weekend_counts, levels);
  const stats::TestResult mw = stats::mann_whitney_from_counts(weekend_counts, weekday_counts);
  const stats::TestResult welch = welch_from_moments(we, wd);
  const double d = cohens_d_from_moments(we, wd);

  // Days without ratings are shown but left out of the k-group tests (an empty group has no mean).
  std::vector<Moments> day_moments, tested_moments;
  std::vector<std::vector<std::int64_t>> table;
  for (const auto& [day, counts] : by_day) {
    day_moments.push_back(moments_from_counts(counts, levels));
    if (day_moments.back().n == 0) continue;
    tested_moments.push_back(day_moments.back());
    table.push_back(counts);
  }
  double eta2 = NAN;
  const stats::TestResult anova = anova_from_moments(tested_moments, &eta2);
  const stats::TestResult kruskal = stats::kruskal_from_counts(table);

  const std::string& lang = f.lang;
  Report report("weekend.ratings",
                {"Ratings, weekday vs weekend (rating date)", "Notes, semaine vs week-end (date de la note)"}, f);
  report.metric("weekday_mean", {"Weekday mean rating", "Note moyenne en semaine"}, wd.mean, "★", 4)
      .metric("weekend_mean", {"Weekend mean rating", "Note moyenne le week-end"}, we.mean, "★", 4)
      .metric("difference", {"Difference (weekend − weekday)", "Écart (week-end − semaine)"}, we.mean - wd.mean, "★", 4)
      .metric("cohens_d", {"Cohen's d", "d de Cohen"}, d, "", 4)
      .metric("mann_whitney_p", {"Mann-Whitney p", "p de Mann-Whitney"}, mw.p_value, "", 6)
      .metric("anova_f", {"ANOVA F across days", "F de l'ANOVA entre jours"}, anova.statistic, "", 3);
  report.test("mann_whitney",
              {"Mann-Whitney U, weekend vs weekday ratings", "U de Mann-Whitney, notes week-end vs semaine"}, "U",
              mw.statistic, mw.p_value, mw.n, "cohens_d", d);
  report.test("welch", {"Welch t test, weekend − weekday ratings", "Test t de Welch, notes week-end − semaine"}, "t",
              welch.statistic, welch.p_value, welch.n, "cohens_d", d, -1.0, welch.df);
  report.test("anova_days", {"One-way ANOVA across days", "ANOVA à un facteur entre jours"}, "F", anova.statistic,
              anova.p_value, anova.n, "eta_squared", eta2, -1.0, anova.df);
  report.test("kruskal_days", {"Kruskal-Wallis across days", "Kruskal-Wallis entre jours"}, "H", kruskal.statistic,
              kruskal.p_value, kruskal.n, "", 0.0, -1.0, kruskal.df);

  // Period charts.
  json p_x = json::array(), p_mean = json::array(), p_ci = json::array(), p_colors = json::array(),
       p_rows = json::array();
  for (bool weekend : {false, true}) {
    const Moments& m = weekend ? we : wd;
    const auto& c = weekend ? weekend_counts : weekday_counts;
    const double ci = 1.96 * m.sd() / std::sqrt(m.n);
    p_x.push_back(period_name(weekend).in(lang));
    p_mean.push_back(number(m.mean));
    p_ci.push_back(number(ci));
    p_colors.push_back(period_color(weekend));
    p_rows.push_back({period_name(weekend).in(lang), m.n, number(m.mean), number(m.sd()), number(m.mean - ci),
                      number(m.mean + ci), number(share(c, 4, 4)), number(share(c, 0, 1))});
  }
  report.chart("period_mean", {"Mean rating by period (95 % CI)", "Note moyenne par période (IC 95 %)"},
               json::array({{{"type", "bar"},
                             {"name", Text{"Mean rating", "Note moyenne"}.in(lang)},
                             {"x", p_x},
                             {"y", p_mean},
                             {"error_y", {{"type", "data"}, {"array", p_ci}}},
                             {"marker", {{"color", p_colors}}}}}),
               {{"xaxis", axis({"Period", "Période"}, lang)}, {"yaxis", axis({"Mean rating", "Note moyenne"}, lang)}},
               {"period", "n", "mean", "std", "ci_low", "ci_high", "pct_five_stars", "pct_two_or_less"}, p_rows);
  json dist_traces = json::array(), dist_rows = json::array();
  for (bool weekend : {false, true}) {
    const auto& c = weekend ? weekend_counts : weekday_counts;
    json ys = json::array();
    for (std::size_t k = 0; k < 5; ++k) ys.push_back(number(share(c, k, k)));
    dist_traces.push_back({{"type", "bar"},
                           {"name", period_name(weekend).in(lang)},
                           {"x", {1, 2, 3, 4, 5}},
                           {"y", ys},
                           {"marker", {{"color", period_color(weekend)}}}});
  }
  for (std::size_t k = 0; k < 5; ++k) {
    dist_rows.push_back({k + 1, weekday_counts[k], number(share(weekday_counts, k, k)), weekend_counts[k],
                         number(share(weekend_counts, k, k))});
  }
  report.chart("period_distribution", {"Rating distribution by period (%)", "Distribution des notes par période (%)"},
               dist_traces,
               {{"barmode", "group"},
                {"xaxis", axis({"Stars", "Étoiles"}, lang)},
                {"yaxis", axis({"Share of ratings (%)", "Part des notes (%)"}, lang)}},
               {"stars", "weekday_n", "weekday_pct", "weekend_n", "weekend_pct"}, dist_rows);

  // Per-day charts and table.
  json x = json::array(), colors = json::array(), mean = json::array(), ci = json::array(), five = json::array(),
       low = json::array(), sd = json::array(), day_volume = json::array(), day_rows = json::array();
  std::size_t i = 0;
  int best = 0, worst = 0;
  double best_mean = -std::numeric_limits<double>::infinity();
  double worst_mean = std::numeric_limits<double>::infinity();
  for (const auto& [day, counts] : by_day) {
    const Moments& m = day_moments[i++];
    const std::string name = day_short_name(day).in(lang);
    x.push_back(name);
    colors.push_back(period_color(day >= 6));
    mean.push_back(number(m.mean));
    ci.push_back(number(1.96 * m.sd() / std::sqrt(m.n)));
    five.push_back(number(share(counts, 4, 4)));
    low.push_back(number(share(counts, 0, 1)));
    sd.push_back(number(m.sd()));
    day_volume.push_back(m.n);
    day_rows.push_back({name, day, day >= 6, m.n, number(m.mean), number(m.sd()), number(share(counts, 4, 4)),
                        number(share(counts, 0, 1))});
    if (m.n > 0 && m.mean > best_mean) best_mean = m.mean, best = day;
    if (m.n > 0 && m.mean < worst_mean) worst_mean = m.mean, worst = day;
  }
  const std::vector<std::string> day_columns = {"day",  "iso_day", "is_weekend",     "n",
                                                "mean", "std",     "pct_five_stars", "pct_two_or_less"};
  auto day_chart = [&](const std::string& chart_id, const Text& chart_title, const Text& y_title, const json& ys,
                       const json& error) {
    json trace = {{"type", "bar"}, {"name", y_title.in(lang)}, {"x", x}, {"y", ys}, {"marker", {{"color", colors}}}};
    if (!error.is_null()) trace["error_y"] = {{"type", "data"}, {"array", error}};
    report.chart(chart_id, chart_title, json::array({trace}),
                 {{"xaxis", axis({"Day of week", "Jour de la semaine"}, lang)}, {"yaxis", axis(y_title, lang)}},
                 day_columns, day_rows);
  };
  day_chart("day_mean", {"Mean rating by day (95 % CI)", "Note moyenne par jour (IC 95 %)"},
            {"Mean rating", "Note moyenne"}, mean, ci);
  day_chart("day_five_stars", {"Share of 5★ ratings by day", "Part des notes 5★ par jour"}, {"5★ (%)", "5★ (%)"}, five,
            nullptr);
  day_chart("day_low", {"Share of ratings ≤ 2★ by day", "Part des notes ≤ 2★ par jour"}, {"≤ 2★ (%)", "≤ 2★ (%)"}, low,
            nullptr);
  day_chart("day_std", {"Rating standard deviation by day", "Écart-type des notes par jour"},
            {"Standard deviation", "Écart-type"}, sd, nullptr);
  day_chart("day_volume", {"Ratings by day", "Notes par jour"}, {"Ratings", "Notes"}, day_volume, nullptr);
  report.chart(
      "day_mean_dots", {"Mean rating by day, close-up (95 % CI)", "Note moyenne par jour, en gros plan (IC 95 %)"},
      json::array({dot_trace(Text{"Mean rating", "Note moyenne"}.in(lang), x, mean, ci, colors)}),
      {{"xaxis", axis({"Mean rating", "Note moyenne"}, lang)}, {"yaxis", dot_category_axis()}}, day_columns, day_rows);
  report.table("days", {"Ratings by day of the week", "Notes par jour de la semaine"}, day_columns, day_rows);

  if (wd.n == 0 || we.n == 0) {
    report.say(empty_sentence());
    return report.to_json();
  }
  const Text verdict = significance_words(mw.p_value, d, 0.1);
  const Text effect = effect_size_words(d);
  report.say(
      {fmt::format("Weekend ratings average {} (n = {}) against {} on weekdays (n = {}): difference {}; "
                   "Mann-Whitney p {}, Cohen's d = {} ({}): {}.",
                   format_number(we.mean, 4, "en"), format_number(we.n, 0, "en"), format_number(wd.mean, 4, "en"),
                   format_number(wd.n, 0, "en"), signed_number(we.mean - wd.mean, 4, "en"), p_relation(mw.p_value),
                   format_number(d, 4, "en"), effect.en, verdict.en),
       fmt::format("Les notes du week-end valent en moyenne {} (n = {}) contre {} en semaine (n = {}) : écart "
                   "{} ; Mann-Whitney p {}, d de Cohen = {} ({}) : {}.",
                   format_number(we.mean, 4, "fr"), format_number(we.n, 0, "fr"), format_number(wd.mean, 4, "fr"),
                   format_number(wd.n, 0, "fr"), signed_number(we.mean - wd.mean, 4, "fr"),
                   p_relation(mw.p_value, "fr"), format_number(d, 4, "fr"), effect.fr, verdict.fr)});
  report.say(
      {fmt::format(
           "5★ share: weekend {} % vs weekday {} %; ratings ≤ 2★: {} % vs {} %.",
           format_number(share(weekend_counts, 4, 4), 2, "en"), format_number(share(weekday_counts, 4, 4), 2, "en"),
           format_number(share(weekend_counts, 0, 1), 2, "en"), format_number(share(weekday_counts, 0, 1), 2, "en")),
       fmt::format(
           "Part de 5★ : week-end {} % contre {} % en semaine ; notes ≤ 2★ : {} % contre {} %.",
           format_number(share(weekend_counts, 4, 4), 2, "fr"), format_number(share(weekday_counts, 4, 4), 2, "fr"),
           format_number(share(weekend_counts, 0, 1), 2, "fr"), format_number(share(weekday_counts, 0, 1), 2, "fr"))});
  if (anova.ok()) {
    const Text day_verdict = significance_words(anova.p_value, std::sqrt(eta2), 0.1);
    report.say(
        {fmt::format("Across the {} days with ratings: ANOVA F = {}, p {}; Kruskal-Wallis H = {}, p {}; η² = {}: {}. "
                     "Highest mean on {} ({}), lowest on {} ({}).",
                     tested_moments.size(), format_number(anova.statistic, 3, "en"), p_relation(anova.p_value),
                     format_number(kruskal.statistic, 3, "en"), p_relation(kruskal.p_value),
                     format_number(eta2, 6, "en"), day_verdict.en, day_name(best).en, format_number(best_mean, 4, "en"),
                     day_name(worst).en, format_number(worst_mean, 4, "en")),
         fmt::format("Sur les {} jours notés : ANOVA F = {}, p {} ; Kruskal-Wallis H = {}, p {} ; η² = {} : {}. "
                     "Moyenne la plus haute le {} ({}), la plus basse le {} ({}).",
                     tested_moments.size(), format_number(anova.statistic, 3, "fr"), p_relation(anova.p_value, "fr"),
                     format_number(kruskal.statistic, 3, "fr"), p_relation(kruskal.p_value, "fr"),
                     format_number(eta2, 6, "fr"), day_verdict.fr, to_lower(day_name(best).fr),
                     format_number(best_mean, 4, "fr"), to_lower(day_name(worst).fr),
                     format_number(worst_mean, 4, "fr"))});
  }
  return report.to_json();
}

}  // namespace

void register_weekend(std::vector<Analysis>& out) {
  out.push_back({"weekend.volume",
                 "weekend",
                 "Recipe volume, weekday vs weekend",
                 "Volume de recettes, semaine vs week-end",
                 kRecipeFilters,
                 {},
                 volume});
  out.push_back({"weekend.duration",
                 "weekend",
                 "Preparation time, weekday vs weekend",
                 "Temps de préparation, semaine vs week-end",
                 kRecipeFilters,
                 {},
                 duration});
  out.push_back({"weekend.complexity",
                 "weekend",
                 "Complexity, weekday vs weekend",
                 "Complexité, semaine vs week-end",
                 kRecipeFilters,
                 {},
                 complexity});
  out.push_back({"weekend.nutrition",
                 "weekend",
                 "Nutrition, weekday vs weekend",
                 "Nutrition, semaine vs week-end",
                 kRecipeFilters,
                 {},
                 nutrition});
  out.push_back({"weekend.ingredients",
                 "weekend",
                 "Ingredients that differ, weekday vs weekend",
                 "Ingrédients qui diffèrent, semaine vs week-end",
                 kItemFilters,
                 {},
                 ingredients});
  out.push_back({"weekend.tags",
                 "weekend",
                 "Tags that differ, weekday vs weekend",
                 "Tags qui diffèrent, semaine vs week-end",
                 kItemFilters,
                 {},
                 tags});
  Filters rating_defaults;
  rating_defaults.date_basis = "rating";
  out.push_back({"weekend.ratings", "weekend", "Ratings, weekday vs weekend (rating date)",
                 "Notes, semaine vs week-end (date de la note)", kRatingFilters, rating_defaults, ratings});
}

}  // namespace mtm::analysis
