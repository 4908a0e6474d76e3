#include "analysis/seasonality/common.hpp"

#include <algorithm>

#include "analysis/stats/rank_tests.hpp"
#include "analysis/words.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::seasonality {

const std::vector<std::string>& season_filters() {
  static const std::vector<std::string> kFilters = {"year_from", "year_to", "seasons", "days", "clean_only"};
  return kFilters;
}

SeasonScope season_scope(db::Connection& connection, const Filters& filters) {
  SeasonScope scope;
  scope.groups = cell_groups(CellGrid::scope(filters), CellGrid::season);
  const auto totals = group_totals(recipe_cells(connection)->count, scope.groups, 4);
  for (std::size_t g = 0; g < 4; ++g) {
    if (totals[g] == 0) continue;
    scope.present.push_back(g);
    scope.seasons.push_back(season_order().at(g));
    scope.recipes.push_back(totals[g]);
  }
  return scope;
}

stats::TestResult kruskal_by_season(const RankSums& ranks, const Filters& filters) {
  std::vector<double> sums;
  std::vector<double> sizes;
  double n = 0;
  const auto& order = season_order();
  for (const auto& season : filters.selected_seasons()) {
    const auto g = static_cast<std::size_t>(std::find(order.begin(), order.end(), season) - order.begin());
    sums.push_back(ranks.sums[g]);
    sizes.push_back(ranks.sizes[g]);
    n += ranks.sizes[g];
  }
  if (sizes.size() < 2 || n == 0) {
    stats::TestResult none;
    none.reason = "fewer_than_two_groups";
    return none;
  }
  return stats::kruskal_from_rank_sums(sums, sizes, ranks.tie_term);
}

std::size_t index_of_max(const std::vector<double>& values) {
  return values.empty() ? 0 : static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
}

std::size_t index_of_min(const std::vector<double>& values) {
  return values.empty() ? 0 : static_cast<std::size_t>(std::min_element(values.begin(), values.end()) - values.begin());
}

nlohmann::json season_labels(const std::vector<std::string>& seasons) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& season : seasons) out.push_back(season_label(season));
  return out;
}

std::vector<std::string> season_colors(const std::vector<std::string>& seasons) {
  std::vector<std::string> out;
  out.reserve(seasons.size());
  for (const auto& season : seasons) out.emplace_back(present::theme::season_color(season));
  return out;
}

}  // namespace mtm::analysis::seasonality
