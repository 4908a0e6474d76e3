#include "analysis/query_helpers.hpp"

#include <fmt/format.h>

#include <cmath>

#include "analysis/words.hpp"
#include "data/calendar.hpp"
#include "present/theme.hpp"

namespace mtm::analysis {

nlohmann::json dot_trace(const std::string& name, const nlohmann::json& categories, const nlohmann::json& values,
                         const nlohmann::json& errors, const nlohmann::json& colors) {
  return {
      {"type", "scatter"},
      {"mode", "markers"},
      {"name", name},
      {"x", values},
      {"y", categories},
      {"error_x", {{"type", "data"}, {"array", errors}, {"color", present::theme::kErrorBar}}},
      {"marker", {{"color", colors}, {"size", 13}, {"line", {{"color", present::theme::kMarkerEdge}, {"width", 1}}}}}};
}

nlohmann::json dot_category_axis() {
  return {{"type", "category"}, {"autorange", "reversed"}};
}

std::map<int, double> year_coverage(db::Date first, db::Date last) {
  const auto start = data::calendar_features(first);
  const auto end = data::calendar_features(last);
  auto day_of_year = [](db::Date date, int year) {
    return date.days - db::parse_date(fmt::format("{:04d}-01-01", year))->days + 1;
  };
  const int first_year = start.year;
  const int last_year = end.year;
  auto days_in = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366.0 : 365.0; };
  std::map<int, double> coverage;
  for (int y = first_year; y <= last_year; ++y) coverage[y] = 1.0;
  if (first_year == last_year) {
    coverage[first_year] = (day_of_year(last, last_year) - day_of_year(first, first_year) + 1) / days_in(first_year);
  } else {
    coverage[first_year] = (days_in(first_year) - day_of_year(first, first_year) + 1) / days_in(first_year);
    coverage[last_year] = day_of_year(last, last_year) / days_in(last_year);
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
  return std::string(present::theme::season_color(season));
}

Text slope_sentence(const nlohmann::json& subject, const stats::LinearFit& fit, const nlohmann::json& unit_per_year,
                    int decimals) {
  if (!std::isfinite(fit.slope) || !std::isfinite(fit.slope_p)) return msg("trend.no_slope", {{"subject", subject}});
  return msg("trend.slope", {{"subject", subject},
                             {"direction", fit.slope > 0 ? "up" : "down"},
                             {"amount", number_label(std::fabs(fit.slope), decimals)},
                             {"unit", unit_per_year},
                             {"r2", number_label(fit.r_squared, 3)},
                             {"p", p_label(fit.slope_p)},
                             {"significant", fit.slope_p < kSignificanceLevel ? "yes" : "no"}});
}

}  // namespace mtm::analysis
