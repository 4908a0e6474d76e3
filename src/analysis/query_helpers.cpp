#include "analysis/query_helpers.hpp"

#include <fmt/format.h>

#include <cmath>

#include "analysis/scope.hpp"

namespace mtm::analysis {

Columns scoped_numbers(db::Connection& connection, const std::string& sql, const Filters& filters,
                       const std::vector<double>& leading, const std::vector<double>& trailing) {
  db::PreparedStatement statement(connection, sql);
  std::size_t next = 1;
  for (double value : leading) statement.bind(next++, value);
  next = bind_scope(statement, next, filters);
  for (double value : trailing) statement.bind(next++, value);
  db::Result result = statement.execute();
  Columns out;
  out.values.resize(result.column_count());
  while (auto chunk = result.next_chunk()) {
    for (std::size_t c = 0; c < out.values.size(); ++c) {
      for (std::size_t r = 0; r < chunk->size(); ++r) {
        out.values[c].push_back(chunk->is_null(c, r) ? std::nan("") : chunk->get_double(c, r));
      }
    }
  }
  return out;
}

std::vector<std::vector<double>> scoped_rows(db::Connection& connection, const std::string& sql,
                                             const Filters& filters) {
  Columns columns = scoped_numbers(connection, sql, filters);
  std::vector<std::vector<double>> rows(columns.rows(), std::vector<double>(columns.values.size()));
  for (std::size_t c = 0; c < columns.values.size(); ++c) {
    for (std::size_t r = 0; r < columns.rows(); ++r) rows[r][c] = columns.values[c][r];
  }
  return rows;
}

nlohmann::json axis(const Text& title, const std::string& lang) {
  return {{"title", {{"text", title.in(lang)}}}};
}

std::map<int, double> year_coverage(db::Connection& connection, const std::string& table, const std::string& column) {
  const std::string sql = fmt::format(
      "SELECT year(min({0})), dayofyear(min({0})), year(max({0})), dayofyear(max({0})) FROM {1}", column, table);
  auto rows = connection.query(sql).rows();
  std::map<int, double> coverage;
  if (rows.empty() || std::holds_alternative<std::monostate>(rows[0][0])) return coverage;
  auto as_int = [](const db::Value& v) { return static_cast<int>(std::get<std::int64_t>(v)); };
  const int first_year = as_int(rows[0][0]);
  const int last_year = as_int(rows[0][2]);
  auto days_in = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366.0 : 365.0; };
  for (int y = first_year; y <= last_year; ++y) coverage[y] = 1.0;
  if (first_year == last_year) {
    coverage[first_year] = (as_int(rows[0][3]) - as_int(rows[0][1]) + 1) / days_in(first_year);
  } else {
    coverage[first_year] = (days_in(first_year) - as_int(rows[0][1]) + 1) / days_in(first_year);
    coverage[last_year] = as_int(rows[0][3]) / days_in(last_year);
  }
  return coverage;
}

nlohmann::json numbers(const std::vector<double>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (double v : values) out.push_back(number(v));
  return out;
}

std::vector<double> fitted(const stats::LinearFit& fit, const std::vector<double>& xs) {
  std::vector<double> out;
  out.reserve(xs.size());
  for (double x : xs) out.push_back(fit.intercept + fit.slope * x);
  return out;
}

std::string season_color(const std::string& season) {
  if (season == "winter") return "#4682B4";
  if (season == "spring") return "#90EE90";
  if (season == "summer") return "#FFD700";
  return "#FF8C00";
}

std::string signed_number(double value, int decimals, const std::string& lang) {
  if (!std::isfinite(value)) return "n/a";
  return (value >= 0 ? "+" : "-") + format_number(std::fabs(value), decimals, lang);
}

Text slope_sentence(const Text& subject, const stats::LinearFit& fit, const Text& unit_per_year, int decimals) {
  if (!std::isfinite(fit.slope) || !std::isfinite(fit.slope_p)) {
    return {fmt::format("{}: not enough years to estimate a trend.", subject.en),
            fmt::format("{} : pas assez d'années pour estimer une tendance.", subject.fr)};
  }
  const bool significant = fit.slope_p < 0.05;
  const bool up = fit.slope > 0;
  Text out;
  out.en = fmt::format("{} {} by {} {} (weighted regression, R²w = {}, p = {}): {}.", subject.en,
                       up ? "rises" : "falls", format_number(std::fabs(fit.slope), decimals, "en"), unit_per_year.en,
                       format_number(fit.r_squared, 3, "en"), format_p(fit.slope_p),
                       significant ? "a significant trend" : "no significant trend");
  out.fr = fmt::format("{} {} de {} {} (régression pondérée, R²w = {}, p = {}) : {}.", subject.fr,
                       up ? "augmente" : "diminue", format_number(std::fabs(fit.slope), decimals, "fr"),
                       unit_per_year.fr, format_number(fit.r_squared, 3, "fr"), format_p(fit.slope_p, "fr"),
                       significant ? "tendance significative" : "pas de tendance significative");
  return out;
}

}  // namespace mtm::analysis
