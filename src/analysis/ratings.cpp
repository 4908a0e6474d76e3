// Page 4, "Ratings" (seed-app-inventory §5): monthly rating statistics weighted by √n, their trend,
// distribution and seasonality, on clean interactions (rating 1–5) by rating date. Fixes of §12: the
// trend runs on calendar time (months since 2000-01), not on the month rank; the "95 % CI" is a real
// standard error; one season order; no fixed axis ranges; excluded and partial months are reported.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

#include "analysis/cells.hpp"
#include "analysis/group_tests.hpp"
#include "analysis/query_helpers.hpp"
#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "present/message.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/correlation.hpp"
#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/distributions.hpp"
#include "analysis/stats/effect_size.hpp"
#include "analysis/stats/rank_tests.hpp"
#include "analysis/stats/regression.hpp"
#include "data/calendar.hpp"

namespace mtm::analysis {

namespace {

using nlohmann::json;

const std::vector<std::string> kMonthlyFilters = {"year_from", "year_to", "seasons", "days", "min_interactions"};
const std::vector<std::string> kSeasonFilters = {"year_from", "year_to", "seasons", "days"};

// Ratings 1–5 in scope counted per star and per group of cells (group −1 left out).
std::vector<std::vector<std::int64_t>> star_counts(const RatingCells& cells, const std::vector<int>& groups,
                                                   std::size_t n_groups) {
  std::vector<std::vector<std::int64_t>> out(n_groups, std::vector<std::int64_t>(5, 0));
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    if (groups[c] < 0) continue;
    auto& row = out[static_cast<std::size_t>(groups[c])];
    for (std::size_t k = 0; k < 5; ++k) row[k] += static_cast<std::int64_t>(cells.count[c][k]);
  }
  return out;
}

const std::vector<double> kStars = {1, 2, 3, 4, 5};

std::int64_t rating_total(const std::vector<std::int64_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::int64_t{0});
}

// ---------------------------------------------------------------------------------------------------
// Monthly statistics (§7.5), shared by validation, trend and distribution.

struct Month {
  int year = 0;
  int month = 0;
  double t = 0;  ///< months since 2000-01
  double n = 0;
  double mean = NAN;
  double sd = NAN;
  double weight = NAN;       ///< √n
  double norm_weight = NAN;  ///< weight / Σ weight
  bool partial = false;      ///< first or last month of the data, not covered in full
  [[nodiscard]] std::string label() const { return fmt::format("{:04d}-{:02d}", year, month); }
  [[nodiscard]] std::string date() const { return fmt::format("{:04d}-{:02d}-01", year, month); }
};

struct MonthlySeries {
  std::vector<Month> kept;
  std::size_t total = 0;
  std::size_t excluded = 0;
  double mean_volume_all = NAN;
  double mean_volume_kept = NAN;
  std::string period_all;
  bool gaps = false;
  std::vector<double> t, mean, n, w;
};

MonthlySeries monthly(db::Connection& con, const Filters& f) {
  const auto cells = rating_cells(con);
  // One group per (year, month) of the grid, in calendar order.
  const auto by_month =
      star_counts(*cells, cell_groups(CellGrid::scope(f), [](int c) { return c / 14; }), CellGrid::kSize / 14);
  std::vector<std::vector<double>> rows;  // year, month, n, mean, sd
  for (std::size_t g = 0; g < by_month.size(); ++g) {
    if (rating_total(by_month[g]) == 0) continue;
    const Moments m = moments_from_counts(by_month[g], kStars);
    const auto cell = static_cast<int>(g) * 14;
    rows.push_back(
        {static_cast<double>(CellGrid::year(cell)), static_cast<double>(CellGrid::month(cell)), m.n, m.mean, m.sd()});
  }
  MonthlySeries s;
  s.total = rows.size();
  double volume_all = 0;
  for (const auto& r : rows) {
    volume_all += r[2];
    if (r[2] < f.min_interactions || r[2] == 0) {
      ++s.excluded;
      continue;
    }
    Month m;
    m.year = static_cast<int>(r[0]);
    m.month = static_cast<int>(r[1]);
    m.t = (m.year - 2000) * 12.0 + (m.month - 1);
    m.n = r[2];
    m.mean = r[3];
    m.sd = r[4];
    m.weight = std::sqrt(m.n);
    s.kept.push_back(m);
  }
  // Partial months: the first and last months of the whole data set when they are not complete.
  if (!rows.empty()) {
    if (cells->has_clean) {
      const std::string first = db::format_date({cells->clean_min_day});
      const std::string last = db::format_date({cells->clean_max_day});
      const bool first_partial = data::calendar_features({cells->clean_min_day}).day != 1;
      const bool last_partial = data::calendar_features({cells->clean_max_day + 1}).day != 1;
      for (auto& m : s.kept) {
        if (first_partial && m.date().substr(0, 7) == first.substr(0, 7)) m.partial = true;
        if (last_partial && m.date().substr(0, 7) == last.substr(0, 7)) m.partial = true;
      }
    }
  }
  s.mean_volume_all = rows.empty() ? NAN : volume_all / static_cast<double>(rows.size());
  double sum_w = 0;
  double volume_kept = 0;
  for (const auto& m : s.kept) {
    sum_w += m.weight;
    volume_kept += m.n;
  }
  s.mean_volume_kept = s.kept.empty() ? NAN : volume_kept / static_cast<double>(s.kept.size());
  for (std::size_t i = 0; i < s.kept.size(); ++i) {
    auto& m = s.kept[i];
    m.norm_weight = m.weight / sum_w;
    if (i > 0 && m.t - s.kept[i - 1].t > 1) s.gaps = true;
    s.t.push_back(m.t);
    s.mean.push_back(m.mean);
    s.n.push_back(m.n);
    s.w.push_back(m.weight);
  }
  if (!rows.empty()) {
    s.period_all = fmt::format("{:04d}-{:02d} → {:04d}-{:02d}", static_cast<int>(rows.front()[0]),
                               static_cast<int>(rows.front()[1]), static_cast<int>(rows.back()[0]),
                               static_cast<int>(rows.back()[1]));
  }
  return s;
}

void describe_months(Report& report, const MonthlySeries& s, const Filters& f) {
  const std::string kept_period = s.kept.empty() ? "" : s.kept.front().label() + " → " + s.kept.back().label();
  report.set(
      "months",
      {{"threshold", f.min_interactions},
       {"total", s.total},
       {"kept", s.kept.size()},
       {"excluded", s.excluded},
       {"pct_excluded", number(s.total ? 100.0 * static_cast<double>(s.excluded) / static_cast<double>(s.total) : NAN)},
       {"period_all", s.period_all},
       {"period_kept", kept_period},
       {"gaps", s.gaps},
       {"mean_volume_all", number(s.mean_volume_all)},
       {"mean_volume_kept", number(s.mean_volume_kept)}});
  report.say({fmt::format("{} of {} months have at least {} ratings and are kept ({} excluded){}; kept period {}{}.",
                          s.kept.size(), s.total, f.min_interactions, s.excluded,
                          s.total ? fmt::format(", {} %", format_number(100.0 * static_cast<double>(s.excluded) /
                                                                            static_cast<double>(s.total),
                                                                        1, "en"))
                                  : "",
                          kept_period.empty() ? "none" : kept_period, s.gaps ? ", with gaps between kept months" : ""),
              fmt::format("{} mois sur {} comptent au moins {} notes et sont conservés ({} exclus{}) ; période "
                          "conservée {}{}.",
                          s.kept.size(), s.total, f.min_interactions, s.excluded,
                          s.total ? fmt::format(", {} %", format_number(100.0 * static_cast<double>(s.excluded) /
                                                                            static_cast<double>(s.total),
                                                                        1, "fr"))
                                  : "",
                          kept_period.empty() ? "aucune" : kept_period,
                          s.gaps ? ", avec des trous entre mois conservés" : "")});
}

json month_dates(const MonthlySeries& s) {
  json out = json::array();
  for (const auto& m : s.kept) out.push_back(m.date());
  return out;
}

json monthly_rows(const MonthlySeries& s) {
  json rows = json::array();
  for (const auto& m : s.kept) {
    rows.push_back(
        {m.label(), m.t, m.n, number(m.mean), number(m.sd), number(m.weight), number(m.norm_weight), m.partial});
  }
  return rows;
}
const std::vector<std::string> kMonthColumns = {
    "month", "months_since_2000_01", "n", "mean_rating", "std_rating", "weight", "norm_weight", "partial_month"};

Text not_enough_months() {
  return {"Fewer than 3 months pass the threshold: no trend can be estimated.",
          "Moins de 3 mois passent le seuil : aucune tendance ne peut être estimée."};
}

// Trend line and its 95 % confidence band over the kept months.
void add_trend(json& traces, const MonthlySeries& s, const stats::LinearFit& fit, const std::string& lang) {
  if (!fit.ok()) return;
  const auto pred = stats::predict(fit, s.t);
  json y = json::array(), lo = json::array(), hi = json::array();
  for (const auto& p : pred) {
    y.push_back(number(p.fit));
    lo.push_back(number(p.mean_lower));
    hi.push_back(number(p.mean_upper));
  }
  const json x = month_dates(s);
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", Text{"95 % CI of the trend (upper)", "IC 95 % de la tendance (haut)"}.in(lang)},
                    {"x", x},
                    {"y", hi},
                    {"line", {{"width", 0}}},
                    {"showlegend", false}});
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", Text{"95 % CI of the trend", "IC 95 % de la tendance"}.in(lang)},
                    {"x", x},
                    {"y", lo},
                    {"fill", "tonexty"},
                    {"fillcolor", "rgba(226,78,27,0.2)"},
                    {"line", {{"width", 0}}}});
  traces.push_back({{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", fmt::format("{} ({} / {})", Text{"WLS trend", "Tendance WLS"}.in(lang),
                                         signed_number(12 * fit.slope, 5, lang), Text{"year", "an"}.in(lang))},
                    {"x", x},
                    {"y", y},
                    {"line", {{"color", "#E24E1B"}, {"dash", "dash"}}}});
}

Text trend_sentence(const stats::LinearFit& fit) {
  const Text verdict = fit.slope_p < 0.05 ? Text{"a significant trend", "une tendance significative"}
                                          : Text{"no significant trend", "pas de tendance significative"};
  return {fmt::format("Weighted trend (WLS, weights √n, x = calendar months): {} points per month ({} per year), "
                      "p {}, R²w = {}: {}.",
                      signed_number(fit.slope, 6, "en"), signed_number(12 * fit.slope, 4, "en"),
                      p_relation(fit.slope_p), format_number(fit.r_squared, 4, "en"), verdict.en),
          fmt::format("Tendance pondérée (WLS, poids √n, x = mois calendaires) : {} point par mois ({} par an), "
                      "p {}, R²w = {} : {}.",
                      signed_number(fit.slope, 6, "fr"), signed_number(12 * fit.slope, 4, "fr"),
                      p_relation(fit.slope_p, "fr"), format_number(fit.r_squared, 4, "fr"), verdict.fr)};
}

// Volume-vs-rating scatter with its WLS line.
void volume_scatter(Report& report, const MonthlySeries& s, const stats::LinearFit& fit, double rho,
                    const std::string& lang) {
  json sizes = json::array();
  double max_w = 0;
  for (const auto& m : s.kept) max_w = std::max(max_w, m.norm_weight);
  for (const auto& m : s.kept) sizes.push_back(max_w > 0 ? 6 + 24 * m.norm_weight / max_w : 8);
  json traces = json::array({{{"type", "scatter"},
                              {"mode", "markers"},
                              {"name", Text{"Months", "Mois"}.in(lang)},
                              {"x", numbers(s.n)},
                              {"y", numbers(s.mean)},
                              {"text", month_dates(s)},
                              {"marker",
                               {{"size", sizes},
                                {"color", numbers(s.n)},
                                {"colorscale", "YlOrRd"},
                                {"showscale", true},
                                {"colorbar", {{"title", {{"text", Text{"Volume", "Volume"}.in(lang)}}}}}}}}});
  if (fit.ok() && !s.n.empty()) {
    const double lo = *std::min_element(s.n.begin(), s.n.end());
    const double hi = *std::max_element(s.n.begin(), s.n.end());
    traces.push_back({{"type", "scatter"},
                      {"mode", "lines"},
                      {"name", fmt::format("WLS (ρw = {})", format_number(rho, 3, lang))},
                      {"x", {lo, hi}},
                      {"y", {fit.intercept + fit.slope * lo, fit.intercept + fit.slope * hi}},
                      {"line", {{"color", "#1E90FF"}, {"dash", "dash"}}}});
  }
  report.chart("volume_vs_rating", {"Monthly volume vs mean rating", "Volume mensuel vs note moyenne"}, traces,
               {{"xaxis", axis({"Ratings in the month", "Notes du mois"}, lang)},
                {"yaxis", axis({"Mean rating", "Note moyenne"}, lang)}},
               kMonthColumns, monthly_rows(s));
}

Text volume_sentence(double rho_w, const stats::Correlation& rho) {
  const Text direction = rho_w < 0 ? Text{"busier months rate slightly lower", "les mois chargés notent un peu moins"}
                                   : Text{"busier months rate slightly higher", "les mois chargés notent un peu plus"};
  return {fmt::format("Volume–quality: weighted Spearman ρw = {} (unweighted ρ = {}, p {}): {}.",
                      format_number(rho_w, 3, "en"), format_number(rho.r, 3, "en"), p_relation(rho.p_value),
                      std::fabs(rho_w) < 0.1 ? "no meaningful link" : direction.en),
          fmt::format("Volume–qualité : Spearman pondéré ρw = {} (ρ non pondéré = {}, p {}) : {}.",
                      format_number(rho_w, 3, "fr"), format_number(rho.r, 3, "fr"), p_relation(rho.p_value, "fr"),
                      std::fabs(rho_w) < 0.1 ? "pas de lien notable" : direction.fr)};
}

// ---------------------------------------------------------------------------------------------------
// 5.1 methodological validation

json validation(db::Connection& con, const Filters& f) {
  const MonthlySeries s = monthly(con, f);
  const std::string& lang = f.lang;
  Report report(
      "ratings.validation",
      {"Methodological validation: weighting by volume", "Validation méthodologique : pondération par le volume"}, f);
  const stats::LinearFit wls = stats::wls(s.t, s.mean, s.w);
  const stats::LinearFit ols = stats::ols(s.t, s.mean);
  const stats::Correlation tau = stats::kendall_tau_b(s.t, s.mean);
  const double cv = stats::coefficient_of_variation(s.n, 0);
  const double bias = stats::percent_bias(wls.slope, ols.slope);
  const double var_unweighted = stats::variance(s.mean, 0);
  const double var_weighted = stats::weighted_variance(s.mean, s.w);
  const double ratio =
      s.n.empty() ? NAN : *std::max_element(s.n.begin(), s.n.end()) / *std::min_element(s.n.begin(), s.n.end());
  report.metric("cv_volumes", {"CV of monthly volumes", "CV des volumes mensuels"}, cv, "", 2)
      .metric("max_min_ratio", {"Max/min monthly volume", "Volume mensuel max/min"}, ratio, ":1", 1)
      .metric("slope_bias", {"Slope bias (WLS vs OLS)", "Biais de pente (WLS vs OLS)"}, bias, "%", 1,
              {"|slope WLS − slope OLS| / |slope OLS|; unstable when the OLS slope is near 0",
               "|pente WLS − pente OLS| / |pente OLS| ; instable quand la pente OLS est proche de 0"})
      .metric("weighted_r2", {"Weighted R²", "R² pondéré"}, wls.r_squared, "", 4)
      .metric("wls_p", {"WLS p-value", "p-valeur WLS"}, wls.slope_p, "", 4)
      .metric("months", {"Months kept", "Mois conservés"}, static_cast<double>(s.kept.size()), "", 0);
  report.test("wls_slope",
              {"WLS slope of the monthly mean (weights √n)", "Pente WLS de la moyenne mensuelle (poids √n)"}, "t",
              wls.slope_t, wls.slope_p, s.kept.size(), "slope_per_year", 12 * wls.slope, -1.0, wls.df_resid);
  report.test("ols_slope", {"OLS slope of the monthly mean", "Pente OLS de la moyenne mensuelle"}, "t", ols.slope_t,
              ols.slope_p, s.kept.size(), "slope_per_year", 12 * ols.slope, -1.0, ols.df_resid);
  report.test("kendall_tau", {"Kendall τ, time vs monthly mean", "τ de Kendall, temps vs moyenne mensuelle"}, "tau",
              tau.r, tau.p_value, tau.n);

  // Histogram of monthly volumes: 20 equal bins, counts computed here (the chart only draws them).
  json h_x = json::array(), h_y = json::array(), h_rows = json::array();
  double bin_width = 0;
  if (!s.n.empty()) {
    const double lo = *std::min_element(s.n.begin(), s.n.end());
    const double hi = *std::max_element(s.n.begin(), s.n.end());
    const int bins = 20;
    bin_width = hi > lo ? (hi - lo) / bins : 1.0;
    std::vector<double> counts(bins, 0);
    for (double v : s.n) counts[std::min(bins - 1, static_cast<int>((v - lo) / bin_width))] += 1;
    for (int b = 0; b < bins; ++b) {
      h_x.push_back(lo + (b + 0.5) * bin_width);
      h_y.push_back(counts[b]);
      h_rows.push_back({lo + b * bin_width, lo + (b + 1) * bin_width, counts[b]});
    }
  }
  report.chart(
      "volume_histogram", {"Distribution of monthly volumes", "Distribution des volumes mensuels"},
      json::array({{{"type", "bar"},
                    {"name", Text{"Months", "Mois"}.in(lang)},
                    {"x", h_x},
                    {"y", h_y},
                    {"width", bin_width},
                    {"marker", {{"color", "#FF8C00"}, {"opacity", 0.7}}}}}),
      {{"xaxis", axis({"Ratings in the month", "Notes du mois"}, lang)},
       {"yaxis", {{"title", {{"text", Text{"Months (log scale)", "Mois (échelle log)"}.in(lang)}}}, {"type", "log"}}},
       {"bargap", 0}},
      {"bin_low", "bin_high", "months"}, h_rows);
  json norm = json::array(), sizes = json::array();
  double max_w = 0;
  for (const auto& m : s.kept) max_w = std::max(max_w, m.norm_weight);
  for (const auto& m : s.kept) {
    norm.push_back(number(m.norm_weight));
    sizes.push_back(max_w > 0 ? 6 + 24 * m.norm_weight / max_w : 8);
  }
  report.chart(
      "weights", {"Normalised weights over time", "Poids normalisés dans le temps"},
      json::array({{{"type", "scatter"},
                    {"mode", "lines+markers"},
                    {"name", Text{"Normalised weight √n / Σ√n", "Poids normalisé √n / Σ√n"}.in(lang)},
                    {"x", month_dates(s)},
                    {"y", norm},
                    {"line", {{"color", "#E24E1B"}}}}}),
      {{"xaxis", axis({"Month", "Mois"}, lang)}, {"yaxis", axis({"Normalised weight", "Poids normalisé"}, lang)}},
      kMonthColumns, monthly_rows(s));
  report.chart("weighted_means",
               {"Monthly mean rating, sized by weight", "Note moyenne mensuelle, taille selon le poids"},
               json::array({{{"type", "scatter"},
                             {"mode", "markers"},
                             {"name", Text{"Monthly mean", "Moyenne mensuelle"}.in(lang)},
                             {"x", month_dates(s)},
                             {"y", numbers(s.mean)},
                             {"marker",
                              {{"size", sizes},
                               {"color", numbers(s.n)},
                               {"colorscale", "YlOrRd"},
                               {"showscale", true},
                               {"colorbar", {{"title", {{"text", Text{"Volume", "Volume"}.in(lang)}}}}}}}}}),
               {{"xaxis", axis({"Month", "Mois"}, lang)}, {"yaxis", axis({"Mean rating", "Note moyenne"}, lang)}},
               kMonthColumns, monthly_rows(s));
  const Text unweighted{"Unweighted", "Non pondérée"};
  const Text weighted{"Weighted (√n)", "Pondérée (√n)"};
  report.chart("variance", {"Variance of the monthly means", "Variance des moyennes mensuelles"},
               json::array({{{"type", "bar"},
                             {"name", Text{"Variance", "Variance"}.in(lang)},
                             {"x", {unweighted.in(lang), weighted.in(lang)}},
                             {"y", {number(var_unweighted), number(var_weighted)}},
                             {"text", {format_number(var_unweighted, 4, lang), format_number(var_weighted, 4, lang)}},
                             {"marker", {{"color", {"#E24E1B", "#FF8C00"}}}}}}),
               {{"xaxis", axis({"Method", "Méthode"}, lang)}, {"yaxis", axis({"Variance", "Variance"}, lang)}},
               {"method", "variance"},
               json::array({{unweighted.in(lang), number(var_unweighted)}, {weighted.in(lang), number(var_weighted)}}));

  describe_months(report, s, f);
  if (s.kept.size() < 3) {
    report.say(not_enough_months());
    return report.to_json();
  }
  report.say({fmt::format("Monthly volumes are heterogeneous (CV = {}, max/min = {}:1), so each month is weighted by "
                          "√n: the weighted variance of the monthly means is {} against {} unweighted.",
                          format_number(cv, 2, "en"), format_number(ratio, 1, "en"),
                          format_number(var_weighted, 5, "en"), format_number(var_unweighted, 5, "en")),
              fmt::format("Les volumes mensuels sont hétérogènes (CV = {}, max/min = {}:1) : chaque mois est donc "
                          "pondéré par √n ; la variance pondérée des moyennes mensuelles vaut {} contre {} sans "
                          "pondération.",
                          format_number(cv, 2, "fr"), format_number(ratio, 1, "fr"),
                          format_number(var_weighted, 5, "fr"), format_number(var_unweighted, 5, "fr"))});
  report.say(trend_sentence(wls));
  const bool ols_flat = !(ols.slope_p < 0.05);
  report.say(
      {fmt::format("Unweighted OLS slope: {} per year (p {}); the weighting changes the slope by {} %{}.",
                   signed_number(12 * ols.slope, 4, "en"), p_relation(ols.slope_p), format_number(bias, 1, "en"),
                   ols_flat ? ", a ratio to a slope that is itself not significant, so read it with care" : ""),
       fmt::format("Pente OLS non pondérée : {} par an (p {}) ; la pondération modifie la pente de {} %{}.",
                   signed_number(12 * ols.slope, 4, "fr"), p_relation(ols.slope_p, "fr"), format_number(bias, 1, "fr"),
                   ols_flat ? ", rapport à une pente elle-même non significative, à lire avec prudence" : "")});
  report.say({fmt::format("Kendall τ between time and the monthly mean = {} (p {}).", format_number(tau.r, 4, "en"),
                          p_relation(tau.p_value)),
              fmt::format("τ de Kendall entre le temps et la moyenne mensuelle = {} (p {}).",
                          format_number(tau.r, 4, "fr"), p_relation(tau.p_value, "fr"))});
  return report.to_json();
}

// ---------------------------------------------------------------------------------------------------
// 5.2 temporal trend

json trend(db::Connection& con, const Filters& f) {
  const MonthlySeries s = monthly(con, f);
  const std::string& lang = f.lang;
  Report report("ratings.trend", {"Rating trend over time", "Tendance des notes dans le temps"}, f);
  const stats::LinearFit wls = stats::wls(s.t, s.mean, s.w);
  const stats::LinearFit by_volume = stats::wls(s.n, s.mean, s.w);
  const double rho_w = stats::weighted_spearman(s.n, s.mean, s.w).r;
  const stats::Correlation rho = stats::spearman(s.n, s.mean);
  std::vector<double> sds;
  for (const auto& m : s.kept) sds.push_back(m.sd);
  const double weighted_std_of_means = stats::weighted_std(s.mean, s.w);
  const double mean_within_sd = stats::weighted_mean(sds, s.w);
  report.metric("slope_per_month", {"Slope (weighted)", "Pente (pondérée)"}, wls.slope, "pts/month", 6)
      .metric("slope_per_year", {"Slope per year", "Pente par an"}, 12 * wls.slope, "pts/year", 4)
      .metric("weighted_r2", {"R² (weighted)", "R² (pondéré)"}, wls.r_squared, "", 4)
      .metric("p_value", {"P-value", "p-valeur"}, wls.slope_p, "", 4)
      .metric("volume_quality", {"Volume–quality correlation (weighted ρ)", "Corrélation volume–qualité (ρ pondéré)"},
              rho_w, "", 3)
      .metric("weighted_std", {"Weighted std of monthly means", "Écart-type pondéré des moyennes"},
              weighted_std_of_means, "", 4);
  report.test("wls_slope",
              {"WLS slope of the monthly mean (weights √n)", "Pente WLS de la moyenne mensuelle (poids √n)"}, "t",
              wls.slope_t, wls.slope_p, s.kept.size(), "r_squared_w", wls.r_squared, -1.0, wls.df_resid);
  report.test("spearman_volume", {"Spearman ρ, volume vs mean rating", "ρ de Spearman, volume vs note moyenne"}, "rho",
              rho.r, rho.p_value, rho.n, "weighted_rho", rho_w);
  report.test("wls_volume", {"WLS slope of rating on volume", "Pente WLS de la note sur le volume"}, "t",
              by_volume.slope_t, by_volume.slope_p, s.kept.size(), "", 0.0, -1.0, by_volume.df_resid);

  json traces = json::array({{{"type", "scatter"},
                              {"mode", "lines"},
                              {"name", Text{"Monthly mean rating", "Note moyenne mensuelle"}.in(lang)},
                              {"x", month_dates(s)},
                              {"y", numbers(s.mean)},
                              {"customdata", numbers(s.n)},
                              {"line", {{"color", "#1E90FF"}}}}});
  add_trend(traces, s, wls, lang);
  report.chart("monthly_mean",
               {"Monthly mean rating and weighted trend", "Note moyenne mensuelle et tendance pondérée"}, traces,
               {{"xaxis", axis({"Month", "Mois"}, lang)}, {"yaxis", axis({"Mean rating", "Note moyenne"}, lang)}},
               kMonthColumns, monthly_rows(s));
  json sizes = json::array();
  double max_w = 0;
  for (const auto& m : s.kept) max_w = std::max(max_w, m.norm_weight);
  for (const auto& m : s.kept) sizes.push_back(max_w > 0 ? 6 + 24 * m.norm_weight / max_w : 8);
  report.chart("monthly_volume", {"Ratings per month", "Notes par mois"},
               json::array({{{"type", "scatter"},
                             {"mode", "markers"},
                             {"name", Text{"Ratings in the month", "Notes du mois"}.in(lang)},
                             {"x", month_dates(s)},
                             {"y", numbers(s.n)},
                             {"marker", {{"size", sizes}, {"color", "#FF8C00"}}}}}),
               {{"xaxis", axis({"Month", "Mois"}, lang)}, {"yaxis", axis({"Ratings", "Notes"}, lang)}}, kMonthColumns,
               monthly_rows(s));
  json level = json::array();
  for (std::size_t i = 0; i < s.kept.size(); ++i) level.push_back(number(mean_within_sd));
  report.chart(
      "monthly_std", {"Standard deviation of ratings within each month", "Écart-type des notes dans chaque mois"},
      json::array({{{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", Text{"Std of the month's ratings", "Écart-type des notes du mois"}.in(lang)},
                    {"x", month_dates(s)},
                    {"y", numbers(sds)},
                    {"line", {{"color", "#FFD700"}}}},
                   {{"type", "scatter"},
                    {"mode", "lines"},
                    {"name", Text{"Weighted mean of the monthly std", "Moyenne pondérée des écarts-types"}.in(lang)},
                    {"x", month_dates(s)},
                    {"y", level},
                    {"line", {{"color", "#E24E1B"}, {"dash", "dash"}}}}}),
      {{"xaxis", axis({"Month", "Mois"}, lang)}, {"yaxis", axis({"Standard deviation", "Écart-type"}, lang)}},
      kMonthColumns, monthly_rows(s));
  volume_scatter(report, s, by_volume, rho_w, lang);

  describe_months(report, s, f);
  if (s.kept.size() < 3) {
    report.say(not_enough_months());
    return report.to_json();
  }
  report.say(trend_sentence(wls));
  report.say({fmt::format("Time explains {} % of the weighted variance of the monthly means (weighted std {}).",
                          format_number(100 * wls.r_squared, 2, "en"), format_number(weighted_std_of_means, 4, "en")),
              fmt::format("Le temps explique {} % de la variance pondérée des moyennes mensuelles (écart-type pondéré "
                          "{}).",
                          format_number(100 * wls.r_squared, 2, "fr"), format_number(weighted_std_of_means, 4, "fr"))});
  report.say(volume_sentence(rho_w, rho));
  return report.to_json();
}

// ---------------------------------------------------------------------------------------------------
// 5.3 distribution and stability

json distribution(db::Connection& con, const Filters& f) {
  const MonthlySeries s = monthly(con, f);
  const std::vector<std::int64_t> counts =
      star_counts(*rating_cells(con), cell_groups(CellGrid::scope(f), [](int) { return 0; }), 1)[0];
  const std::vector<double> levels = {1, 2, 3, 4, 5};
  const Moments all = moments_from_counts(counts, levels);
  const std::string& lang = f.lang;
  Report report("ratings.distribution", {"Rating distribution and stability", "Distribution et stabilité des notes"},
                f);

  const double mu_w = stats::weighted_mean(s.mean, s.w);
  // Standard error of the weighted mean from the intercept-only WLS model (statsmodels WLS(y, 1, w)):
  // √(Σw(x − μw)² / (k − 1) / Σw), with a Student t quantile on k − 1 df.
  double sum_w = 0, ss = 0;
  for (std::size_t i = 0; i < s.mean.size(); ++i) {
    sum_w += s.w[i];
    ss += s.w[i] * (s.mean[i] - mu_w) * (s.mean[i] - mu_w);
  }
  const auto k = static_cast<double>(s.mean.size());
  const double se = k > 1 ? std::sqrt(ss / (k - 1) / sum_w) : NAN;
  const double half = k > 1 ? stats::dist::t_ppf(0.975, k - 1) * se : NAN;
  const stats::LinearFit wls = stats::wls(s.t, s.mean, s.w);
  const double rho_w = stats::weighted_spearman(s.n, s.mean, s.w).r;
  const stats::Correlation rho = stats::spearman(s.n, s.mean);
  const double pct5 = all.n > 0 ? 100.0 * static_cast<double>(counts[4]) / static_cast<double>(all.n) : NAN;

  report
      .metric("weighted_mean", {"Weighted mean of monthly means", "Moyenne pondérée des moyennes mensuelles"}, mu_w,
              "★", 4)
      .metric("ci_half_width", {"95 % CI of the weighted mean (±)", "IC 95 % de la moyenne pondérée (±)"}, half, "", 4)
      .metric("mean_rating", {"Mean of all ratings", "Moyenne de toutes les notes"}, all.mean, "★", 4)
      .metric("ratings", {"Ratings", "Notes"}, all.n, "", 0)
      .metric("pct_five_stars", {"5★ share", "Part de 5★"}, pct5, "%", 2)
      .metric("volume_quality", {"Volume–quality correlation (weighted ρ)", "Corrélation volume–qualité (ρ pondéré)"},
              rho_w, "", 3);
  report.test("wls_slope",
              {"WLS slope of the monthly mean (weights √n)", "Pente WLS de la moyenne mensuelle (poids √n)"}, "t",
              wls.slope_t, wls.slope_p, s.kept.size(), "slope_per_year", 12 * wls.slope, -1.0, wls.df_resid);
  report.test("spearman_volume", {"Spearman ρ, volume vs mean rating", "ρ de Spearman, volume vs note moyenne"}, "rho",
              rho.r, rho.p_value, rho.n, "weighted_rho", rho_w);

  const json x = month_dates(s);
  json band_hi = json::array(), band_lo = json::array(), mean_line = json::array();
  for (std::size_t i = 0; i < s.kept.size(); ++i) {
    band_hi.push_back(number(mu_w + half));
    band_lo.push_back(number(mu_w - half));
    mean_line.push_back(number(mu_w));
  }
  json traces = json::array(
      {{{"type", "scatter"},
        {"mode", "lines"},
        {"name", Text{"Monthly mean rating", "Note moyenne mensuelle"}.in(lang)},
        {"x", x},
        {"y", numbers(s.mean)},
        {"line", {{"color", "#1E90FF"}}}},
       {{"type", "scatter"},
        {"mode", "lines"},
        {"name", Text{"CI upper", "IC haut"}.in(lang)},
        {"x", x},
        {"y", band_hi},
        {"line", {{"width", 0}}},
        {"showlegend", false}},
       {{"type", "scatter"},
        {"mode", "lines"},
        {"name",
         fmt::format("{} (±{})", Text{"95 % CI of the weighted mean", "IC 95 % de la moyenne pondérée"}.in(lang),
                     format_number(half, 4, lang))},
        {"x", x},
        {"y", band_lo},
        {"fill", "tonexty"},
        {"fillcolor", "rgba(226,78,27,0.2)"},
        {"line", {{"width", 0}}}},
       {{"type", "scatter"},
        {"mode", "lines"},
        {"name",
         fmt::format("{} ({})", Text{"Weighted mean", "Moyenne pondérée"}.in(lang), format_number(mu_w, 4, lang))},
        {"x", x},
        {"y", mean_line},
        {"line", {{"color", "#FF8C00"}}}}});
  add_trend(traces, s, wls, lang);
  report.chart("overview",
               {"Monthly means, weighted mean and trend", "Moyennes mensuelles, moyenne pondérée et tendance"}, traces,
               {{"xaxis", axis({"Month", "Mois"}, lang)}, {"yaxis", axis({"Mean rating", "Note moyenne"}, lang)}},
               kMonthColumns, monthly_rows(s));
  json star_rows = json::array(), star_y = json::array();
  for (std::size_t i = 0; i < 5; ++i) {
    const double share = all.n > 0 ? 100.0 * static_cast<double>(counts[i]) / static_cast<double>(all.n) : NAN;
    star_y.push_back(number(share));
    star_rows.push_back({i + 1, counts[i], number(share)});
  }
  report.chart("stars", {"Distribution of ratings", "Distribution des notes"},
               json::array({{{"type", "bar"},
                             {"name", Text{"Share of ratings (%)", "Part des notes (%)"}.in(lang)},
                             {"x", {1, 2, 3, 4, 5}},
                             {"y", star_y},
                             {"customdata", counts},
                             {"marker", {{"color", "#FF8C00"}}}}}),
               {{"xaxis", axis({"Stars", "Étoiles"}, lang)},
                {"yaxis", axis({"Share of ratings (%)", "Part des notes (%)"}, lang)}},
               {"stars", "n", "pct"}, star_rows);

  describe_months(report, s, f);
  if (all.n > 0) {
    report.say(
        {fmt::format(
             "{} ratings, mean {} (std {}); {} % are 5★ and {} % are ≤ 2★.", format_number(all.n, 0, "en"),
             format_number(all.mean, 4, "en"), format_number(all.sd(), 4, "en"), format_number(pct5, 2, "en"),
             format_number(100.0 * static_cast<double>(counts[0] + counts[1]) / static_cast<double>(all.n), 2, "en")),
         fmt::format(
             "{} notes, moyenne {} (écart-type {}) ; {} % sont des 5★ et {} % des ≤ 2★.", format_number(all.n, 0, "fr"),
             format_number(all.mean, 4, "fr"), format_number(all.sd(), 4, "fr"), format_number(pct5, 2, "fr"),
             format_number(100.0 * static_cast<double>(counts[0] + counts[1]) / static_cast<double>(all.n), 2, "fr"))});
  }
  if (s.kept.size() < 3) {
    report.say(not_enough_months());
    return report.to_json();
  }
  report.say({fmt::format("Weighted mean of the monthly means: {} ± {} (95 % CI from the month-to-month spread, {} "
                          "months).",
                          format_number(mu_w, 4, "en"), format_number(half, 4, "en"), s.kept.size()),
              fmt::format("Moyenne pondérée des moyennes mensuelles : {} ± {} (IC 95 % tiré de la dispersion entre "
                          "mois, {} mois).",
                          format_number(mu_w, 4, "fr"), format_number(half, 4, "fr"), s.kept.size())});
  report.say(trend_sentence(wls));
  report.say(volume_sentence(rho_w, rho));
  return report.to_json();
}

// ---------------------------------------------------------------------------------------------------
// 5.4 / 5.5 seasons (canonical order winter → autumn).

// Share of each season's calendar days, for the uniformity test (seasons have 90.25–92 days).
double season_days(const std::string& season) {
  if (season == "winter") return 90.25;
  if (season == "autumn") return 91;
  return 92;
}

std::vector<int> partial_years(db::Connection& con, const Filters& f) {
  const auto cells = rating_cells(con);
  const std::vector<char> scope = CellGrid::scope(f);
  std::optional<std::int32_t> min_day;
  std::optional<std::int32_t> max_day;
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    const auto& k = cells->count[c];
    if (!scope[c] || k[0] + k[1] + k[2] + k[3] + k[4] == 0) continue;
    min_day = std::min(min_day.value_or(cells->first_day[c]), cells->first_day[c]);
    max_day = std::max(max_day.value_or(cells->last_day[c]), cells->last_day[c]);
  }
  std::vector<int> out;
  if (!min_day) return out;
  // year(min), dayofyear(min), year(max), dayofyear(max), days in year(max), as the SQL version had them.
  auto day_of_year = [](std::int32_t day, int year) {
    return static_cast<double>(day - db::parse_date(fmt::format("{:04d}-01-01", year))->days + 1);
  };
  const int first_year = data::calendar_features({*min_day}).year;
  const int last_year = data::calendar_features({*max_day}).year;
  const std::vector<std::vector<double>> rows = {
      {static_cast<double>(first_year), day_of_year(*min_day, first_year), static_cast<double>(last_year),
       day_of_year(*max_day, last_year),
       day_of_year(db::parse_date(fmt::format("{:04d}-12-31", last_year))->days, last_year)}};
  // A year counts as partial when less than 95 % of it lies inside the data.
  if ((365 - rows[0][1] + 1) / 365 < 0.95) out.push_back(static_cast<int>(rows[0][0]));
  if (rows[0][3] / rows[0][4] < 0.95 && static_cast<int>(rows[0][2]) != (out.empty() ? -1 : out[0])) {
    out.push_back(static_cast<int>(rows[0][2]));
  }
  return out;
}

void say_partial_years(Report& report, const std::vector<int>& years) {
  if (years.empty()) return;
  report.set("partial_years", years);
  report.say({fmt::format("Partial years in the selection: {}; their seasons are not all fully covered.",
                          fmt::join(years, ", ")),
              fmt::format("Années partielles dans la sélection : {} ; leurs saisons ne sont pas toutes couvertes.",
                          fmt::join(years, ", "))});
}

json seasonal(db::Connection& con, const Filters& f) {
  const std::vector<int> by_season_cell = cell_groups(CellGrid::scope(f), CellGrid::season);
  const auto season_counts = star_counts(*rating_cells(con), by_season_cell, 4);
  // Distinct raters and rated recipes per season: precomputed when the scope holds every clean rated cell
  // of the season, otherwise counted from the cells in scope.
  const auto cells = rating_cells(con);
  const auto people = rating_people(con);
  std::vector<std::vector<double>> rows;  // season, n, mean, sd, users, recipes
  for (std::size_t g = 0; g < 4; ++g) {
    if (rating_total(season_counts[g]) == 0) continue;
    std::vector<char> chosen(CellGrid::kSize, 0);
    bool whole_season = f.clean_only;
    for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
      const auto cell = static_cast<int>(c);
      chosen[c] = static_cast<char>(by_season_cell[c] == static_cast<int>(g));
      const auto& k = cells->count[c];
      const bool rated = k[0] + k[1] + k[2] + k[3] + k[4] > 0;
      if (rated && CellGrid::clean(cell) && CellGrid::season(cell) == static_cast<int>(g) && !chosen[c]) {
        whole_season = false;
      }
    }
    const auto [n_users, n_recipes] =
        whole_season ? std::pair{people->clean_users[g], people->clean_recipes[g]} : distinct_people(*people, chosen);
    const Moments m = moments_from_counts(season_counts[g], kStars);
    rows.push_back({static_cast<double>(g), m.n, m.mean, m.sd(), n_users, n_recipes});
  }
  const auto& order = season_order();
  std::map<std::string, std::vector<double>> by;
  for (const auto& r : rows) by[order[static_cast<std::size_t>(r[0])]] = r;
  const auto seasons = f.selected_seasons();
  const std::string& lang = f.lang;
  Report report("ratings.seasonal", {"Ratings by season", "Notes par saison"}, f);

  std::vector<double> volumes, expected_share;
  json x = json::array(), colors = json::array(), vol = json::array(), mean = json::array(), ci = json::array(),
       table_rows = json::array();
  double total = 0;
  for (const auto& season : seasons) {
    const auto it = by.find(season);
    const double n = it == by.end() ? 0 : it->second[1];
    const double m = it == by.end() ? NAN : it->second[2];
    const double sd = it == by.end() ? NAN : it->second[3];
    volumes.push_back(n);
    expected_share.push_back(season_days(season));
    total += n;
    x.push_back(season_name(season).in(lang));
    colors.push_back(season_color(season));
    vol.push_back(n);
    mean.push_back(number(m));
    ci.push_back(number(n > 1 ? 1.96 * sd / std::sqrt(n) : NAN));
    table_rows.push_back({season_name(season).in(lang), number(m), number(sd), n, it == by.end() ? 0.0 : it->second[4],
                          it == by.end() ? 0.0 : it->second[5]});
  }
  const double cv = stats::coefficient_of_variation(volumes, 0);
  const auto [lo_it, hi_it] = std::minmax_element(volumes.begin(), volumes.end());
  const double ratio = volumes.empty() || *lo_it == 0 ? NAN : *hi_it / *lo_it;
  report.metric("cv_volumes", {"CV of seasonal volumes", "CV des volumes saisonniers"}, cv, "", 3)
      .metric("max_min_ratio", {"Max/min ratio", "Ratio max/min"}, ratio, ":1", 2)
      .metric("total", {"Total ratings", "Total des notes"}, total, "", 0)
      .metric("seasons", {"Seasons", "Saisons"}, static_cast<double>(seasons.size()), "", 0);
  stats::TestResult gof;
  gof.reason = "k < 2";
  if (volumes.size() >= 2 && total > 0) {
    const double days = std::accumulate(expected_share.begin(), expected_share.end(), 0.0);
    std::vector<double> expected;
    expected.reserve(expected_share.size());
    for (double d : expected_share) expected.push_back(total * d / days);
    gof = stats::chi_square_gof(volumes, expected);
  }
  const double w = total > 0 ? std::sqrt(gof.statistic / total) : NAN;
  report.test(
      "chi_square_volume",
      {"Chi-square: volume proportional to season length", "Khi-deux : volume proportionnel à la durée des saisons"},
      "chi2", gof.statistic, gof.p_value, static_cast<std::size_t>(total), "cohens_w", w, -1.0, gof.df);
  const std::vector<std::string> columns = {"season",        "mean_rating",  "std_rating",
                                            "count_ratings", "unique_users", "unique_recipes"};
  report.chart("volume", {"Ratings per season", "Notes par saison"},
               json::array({{{"type", "bar"},
                             {"name", Text{"Ratings", "Notes"}.in(lang)},
                             {"x", x},
                             {"y", vol},
                             {"marker", {{"color", colors}}}}}),
               {{"xaxis", axis({"Season", "Saison"}, lang)}, {"yaxis", axis({"Ratings", "Notes"}, lang)}}, columns,
               table_rows);
  report.chart("mean", {"Mean rating per season (95 % CI)", "Note moyenne par saison (IC 95 %)"},
               json::array({{{"type", "bar"},
                             {"name", Text{"Mean rating", "Note moyenne"}.in(lang)},
                             {"x", x},
                             {"y", mean},
                             {"error_y", {{"type", "data"}, {"array", ci}}},
                             {"marker", {{"color", colors}}}}}),
               {{"xaxis", axis({"Season", "Saison"}, lang)}, {"yaxis", axis({"Mean rating", "Note moyenne"}, lang)}},
               columns, table_rows);
  report.table("seasons", {"Detailed statistics by season", "Statistiques détaillées par saison"}, columns, table_rows);

  if (total == 0) {
    report.say({"No ratings match the filters.", "Aucune note ne correspond aux filtres."});
    return report.to_json();
  }
  std::vector<std::string> shares_en, shares_fr;
  for (std::size_t i = 0; i < seasons.size(); ++i) {
    shares_en.push_back(
        fmt::format("{} {} %", season_name(seasons[i]).en, format_number(100 * volumes[i] / total, 1, "en")));
    shares_fr.push_back(
        fmt::format("{} {} %", season_in_sentence(seasons[i]).fr, format_number(100 * volumes[i] / total, 1, "fr")));
  }
  report.say({fmt::format("Shares of the {} ratings: {}; CV = {}, max/min = {}:1.", format_number(total, 0, "en"),
                          fmt::join(shares_en, ", "), format_number(cv, 3, "en"), format_number(ratio, 2, "en")),
              fmt::format("Parts des {} notes : {} ; CV = {}, max/min = {}:1.", format_number(total, 0, "fr"),
                          fmt::join(shares_fr, ", "), format_number(cv, 3, "fr"), format_number(ratio, 2, "fr"))});
  if (gof.ok()) {
    const Text verdict = gof.p_value < 0.05
                             ? (w < 0.1 ? Text{"significant but negligible", "significatif mais négligeable"}
                                        : Text{"significant", "significatif"})
                             : Text{"not significant", "non significatif"};
    report.say({fmt::format("Against volumes proportional to season length: χ² = {}, p {}, Cohen's w = {}: {}.",
                            format_number(gof.statistic, 2, "en"), p_relation(gof.p_value), format_number(w, 3, "en"),
                            verdict.en),
                fmt::format("Par rapport à des volumes proportionnels à la durée des saisons : χ² = {}, p {}, w de "
                            "Cohen = {} : {}.",
                            format_number(gof.statistic, 2, "fr"), p_relation(gof.p_value, "fr"),
                            format_number(w, 3, "fr"), verdict.fr)});
  }
  say_partial_years(report, partial_years(con, f));
  return report.to_json();
}

json seasonal_variations(db::Connection& con, const Filters& f) {
  const auto& order = season_order();
  const auto season_counts =
      star_counts(*rating_cells(con), cell_groups(CellGrid::scope(f), CellGrid::season), order.size());
  std::map<std::string, std::vector<std::int64_t>> counts;
  for (const auto& season : f.selected_seasons()) {
    counts[season] =
        season_counts[static_cast<std::size_t>(std::find(order.begin(), order.end(), season) - order.begin())];
  }
  const std::vector<double> levels = {1, 2, 3, 4, 5};
  const std::string& lang = f.lang;
  Report report("ratings.seasonal_variations", {"Seasonal variations of ratings", "Variations saisonnières des notes"},
                f);

  std::vector<std::string> present;
  std::vector<Moments> groups;
  std::vector<std::vector<std::int64_t>> table;
  json x = json::array(), colors = json::array(), mean = json::array(), ci = json::array(), five = json::array(),
       low = json::array(), sd = json::array(), vol = json::array(), rows_json = json::array();
  for (const auto& season : f.selected_seasons()) {
    const auto& c = counts[season];
    const Moments m = moments_from_counts(c, levels);
    const double pct5 = m.n > 0 ? 100.0 * static_cast<double>(c[4]) / static_cast<double>(m.n) : NAN;
    const double pct_low = m.n > 0 ? 100.0 * static_cast<double>(c[0] + c[1]) / static_cast<double>(m.n) : NAN;
    x.push_back(season_name(season).in(lang));
    colors.push_back(season_color(season));
    mean.push_back(number(m.mean));
    ci.push_back(number(m.n > 1 ? 1.96 * m.sd() / std::sqrt(m.n) : NAN));
    five.push_back(number(pct5));
    low.push_back(number(pct_low));
    sd.push_back(number(m.sd()));
    vol.push_back(m.n);
    rows_json.push_back({season_name(season).in(lang), m.n, number(m.mean),
                         number(quantile_from_counts(c, levels, 0.5)), number(m.sd()),
                         number(quantile_from_counts(c, levels, 0.25)), number(quantile_from_counts(c, levels, 0.75)),
                         number(pct5), number(pct_low)});
    if (m.n > 0) {
      present.push_back(season);
      groups.push_back(m);
      table.push_back(c);
    }
  }
  double eta2 = NAN;
  const stats::TestResult anova = anova_from_moments(groups, &eta2);
  const stats::TestResult kruskal = stats::kruskal_from_counts(table);
  const double epsilon2 =
      kruskal.ok() && kruskal.n > 1 ? kruskal.statistic / (static_cast<double>(kruskal.n) - 1) : NAN;
  std::size_t best = 0, worst = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].mean > groups[best].mean) best = i;
    if (groups[i].mean < groups[worst].mean) worst = i;
  }
  const double gap = groups.empty() ? NAN : groups[best].mean - groups[worst].mean;
  report.metric("anova_f", {"ANOVA F", "F de l'ANOVA"}, anova.statistic, "", 3)
      .metric("anova_p", {"ANOVA p-value", "p-valeur de l'ANOVA"}, anova.p_value, "", 4)
      .metric("kruskal_h", {"Kruskal-Wallis H", "H de Kruskal-Wallis"}, kruskal.statistic, "", 3)
      .metric("best_season",
              {fmt::format("Best season: {}", groups.empty() ? "n/a" : season_name(present[best]).en),
               fmt::format("Meilleure saison : {}", groups.empty() ? "n/a" : season_name(present[best]).fr)},
              groups.empty() ? NAN : groups[best].mean, "★", 4)
      .metric("max_gap", {"Max gap (best − worst)", "Écart max (meilleure − pire)"}, gap, "★", 4)
      .metric("eta_squared", {"η² (share of variance)", "η² (part de variance)"}, eta2, "", 6);
  report.test("anova", {"One-way ANOVA across seasons", "ANOVA à un facteur entre saisons"}, "F", anova.statistic,
              anova.p_value, anova.n, "eta_squared", eta2, -1.0, anova.df);
  report.test("kruskal", {"Kruskal-Wallis across seasons", "Kruskal-Wallis entre saisons"}, "H", kruskal.statistic,
              kruskal.p_value, kruskal.n, "epsilon_squared", epsilon2, -1.0, kruskal.df);

  const std::vector<std::string> columns = {"season", "n",   "mean",           "median",         "std",
                                            "q25",    "q75", "pct_five_stars", "pct_two_or_less"};
  // A dot plot on a close-up scale rather than bars from zero (the bars below) or a radar: seasons a few
  // hundredths apart read as apart, and it needs only Plotly's cartesian bundle.
  report.chart(
      "mean_dots", {"Mean rating by season, close-up (95 % CI)", "Note moyenne par saison, en gros plan (IC 95 %)"},
      json::array({dot_trace(Text{"Mean rating", "Note moyenne"}.in(lang), x, mean, ci, colors)}),
      {{"xaxis", axis({"Mean rating", "Note moyenne"}, lang)}, {"yaxis", dot_category_axis()}}, columns, rows_json);
  auto bars = [&](const std::string& id, const Text& title, const Text& y_title, const json& ys, const json& error) {
    json trace = {{"type", "bar"}, {"name", y_title.in(lang)}, {"x", x}, {"y", ys}, {"marker", {{"color", colors}}}};
    if (!error.is_null()) trace["error_y"] = {{"type", "data"}, {"array", error}};
    report.chart(id, title, json::array({trace}),
                 {{"xaxis", axis({"Season", "Saison"}, lang)}, {"yaxis", axis(y_title, lang)}}, columns, rows_json);
  };
  bars("mean", {"Mean rating (95 % CI)", "Note moyenne (IC 95 %)"}, {"Mean rating", "Note moyenne"}, mean, ci);
  bars("five_stars", {"Share of 5★ ratings", "Part des notes 5★"}, {"5★ (%)", "5★ (%)"}, five, nullptr);
  bars("low", {"Share of ratings ≤ 2★", "Part des notes ≤ 2★"}, {"≤ 2★ (%)", "≤ 2★ (%)"}, low, nullptr);
  bars("std", {"Standard deviation of ratings", "Écart-type des notes"}, {"Standard deviation", "Écart-type"}, sd,
       nullptr);
  report.table("seasons", {"Ratings by season", "Notes par saison"}, columns, rows_json);

  if (groups.empty()) {
    report.say({"No ratings match the filters.", "Aucune note ne correspond aux filtres."});
    return report.to_json();
  }
  if (anova.ok()) {
    const Text verdict = significance_words(anova.p_value, eta2, 0.01);
    report.say({fmt::format("ANOVA F = {} (p {}) and Kruskal-Wallis H = {} (p {}); seasons explain η² = {} of the "
                            "variance of individual ratings: {}.",
                            format_number(anova.statistic, 3, "en"), p_relation(anova.p_value),
                            format_number(kruskal.statistic, 3, "en"), p_relation(kruskal.p_value),
                            format_number(eta2, 6, "en"), verdict.en),
                fmt::format("ANOVA F = {} (p {}) et Kruskal-Wallis H = {} (p {}) ; les saisons expliquent η² = {} "
                            "de la variance des notes individuelles : {}.",
                            format_number(anova.statistic, 3, "fr"), p_relation(anova.p_value, "fr"),
                            format_number(kruskal.statistic, 3, "fr"), p_relation(kruskal.p_value, "fr"),
                            format_number(eta2, 6, "fr"), verdict.fr)});
  }
  report.say({fmt::format("Best season: {} ({}); lowest: {} ({}); gap {} points.", season_name(present[best]).en,
                          format_number(groups[best].mean, 4, "en"), season_name(present[worst]).en,
                          format_number(groups[worst].mean, 4, "en"), format_number(gap, 4, "en")),
              fmt::format("Meilleure saison : {} ({}) ; la plus basse : {} ({}) ; écart de {} point.",
                          season_in_sentence(present[best]).fr, format_number(groups[best].mean, 4, "fr"),
                          season_in_sentence(present[worst]).fr, format_number(groups[worst].mean, 4, "fr"),
                          format_number(gap, 4, "fr"))});
  say_partial_years(report, partial_years(con, f));
  return report.to_json();
}

}  // namespace

void register_ratings(std::vector<Analysis>& out) {
  Filters defaults;
  defaults.date_basis = "rating";
  const auto title = [](const char* name) { return present::label(std::string("ratings.") + name + ".title"); };
  out.push_back({"ratings.validation", "ratings", title("validation"), kMonthlyFilters, defaults, validation});
  out.push_back({"ratings.trend", "ratings", title("trend"), kMonthlyFilters, defaults, trend});
  out.push_back({"ratings.distribution", "ratings", title("distribution"), kMonthlyFilters, defaults, distribution});
  out.push_back({"ratings.seasonal", "ratings", title("seasonal"), kSeasonFilters, defaults, seasonal});
  out.push_back({"ratings.seasonal_variations", "ratings", title("seasonal_variations"), kSeasonFilters, defaults,
                 seasonal_variations});
}

}  // namespace mtm::analysis
