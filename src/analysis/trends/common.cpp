#include "analysis/trends/common.hpp"

#include "analysis/query_helpers.hpp"
#include "analysis/words.hpp"
#include "present/message.hpp"

namespace mtm::analysis::trends {

YearScope year_scope(db::Connection& con, const Filters& filters) {
  const auto cells = recipe_cells(con);
  YearScope s;
  s.groups = cell_groups(CellGrid::scope(filters), year_group);
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

std::vector<GroupSummary> yearly(db::Connection& con, const YearScope& scope, const std::string& column,
                                 const std::vector<double>& probabilities) {
  const auto all = summarize(*sorted_column(con, column), scope.groups, kYearGroups, probabilities);
  std::vector<GroupSummary> out;
  for (std::size_t g : scope.present) out.push_back(all[g]);
  return out;
}

std::vector<double> yearly_means(db::Connection& con, const YearScope& scope, const std::string& column) {
  const auto all = summarize(*sorted_column(con, column), scope.groups, kYearGroups, {}, false);
  std::vector<double> out;
  for (std::size_t g : scope.present) out.push_back(all[g].mean);
  return out;
}

std::vector<double> means(const std::vector<GroupSummary>& groups) {
  std::vector<double> out;
  out.reserve(groups.size());
  for (const auto& g : groups) out.push_back(g.mean);
  return out;
}

std::vector<bool> partial_years(const std::vector<double>& years, const std::map<int, double>& coverage) {
  std::vector<bool> out;
  out.reserve(years.size());
  for (double y : years) out.push_back(is_partial_year(coverage, static_cast<int>(y)));
  return out;
}

Report trends_report(const std::string& id) {
  return {id, msg(id + ".title")};
}

nlohmann::json language_free_json(const Report& report) {
  return report.to_json();
}

nlohmann::json year_title() {
  return present::label("trends.axis.year");
}

nlohmann::json trend_name(const nlohmann::json& name, const stats::LinearFit& fit) {
  return present::label("trends.trend_name", {{"name", name}, {"r2", number_label(fit.r_squared, 3)}});
}

void say_partial_years(Report& report, const std::vector<double>& years, const std::map<int, double>& coverage) {
  nlohmann::json partial = nlohmann::json::array();
  for (double y : years) {
    const int year = static_cast<int>(y);
    if (!is_partial_year(coverage, year)) continue;
    partial.push_back(present::label("trends.partial_year", {{"year", std::to_string(year)},
                                                             {"coverage", number_label(100 * coverage.at(year), 0)}}));
  }
  if (partial.empty()) return;
  // Only the data's first and last years can be partial: the message takes them as y0 and y1.
  nlohmann::json params = {{"count", partial.size()}};
  for (std::size_t i = 0; i < partial.size(); ++i) params["y" + std::to_string(i)] = partial[i];
  report.say(msg("trends.partial_years", params));
}

}  // namespace mtm::analysis::trends
