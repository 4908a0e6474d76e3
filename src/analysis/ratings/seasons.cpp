#include "analysis/ratings/seasons.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "analysis/cells.hpp"
#include "analysis/ratings/common.hpp"
#include "data/calendar.hpp"
#include "present/message.hpp"

namespace mtm::analysis::ratings {

namespace {

double day_of_year(std::int32_t day, int year) {
  return static_cast<double>(day - db::parse_date(fmt::format("{:04d}-01-01", year))->days + 1);
}

}  // namespace

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
  const int first_year = data::calendar_features({*min_day}).year;
  const int last_year = data::calendar_features({*max_day}).year;
  const double last_year_days = day_of_year(db::parse_date(fmt::format("{:04d}-12-31", last_year))->days, last_year);
  // A year counts as partial when less than 95 % of it lies inside the data.
  if ((365 - day_of_year(*min_day, first_year) + 1) / 365 < 0.95) out.push_back(first_year);
  if (day_of_year(*max_day, last_year) / last_year_days < 0.95 && last_year != (out.empty() ? -1 : out[0])) {
    out.push_back(last_year);
  }
  return out;
}

void say_partial_years(Report& report, const std::vector<int>& years) {
  if (years.empty()) return;
  report.set("partial_years", years);
  std::vector<nlohmann::json> items;
  items.reserve(years.size());
  for (int year : years) items.emplace_back(std::to_string(year));  // a year is a name, never grouped as 2 010
  report.say(msg("ratings.seasons.partial_years", {{"years", list_label(items)}, {"count", years.size()}}));
}

}  // namespace mtm::analysis::ratings
