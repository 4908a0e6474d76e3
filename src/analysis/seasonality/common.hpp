// What the seasonality analyses share: the seasons in scope with their recipe counts, the season of each
// index, the Kruskal-Wallis test across the selected seasons from pooled rank sums, and the season labels
// and colours their views draw with.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/cells.hpp"
#include "analysis/filters.hpp"
#include "analysis/stats/result.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::seasonality {

/// The filters every seasonality analysis accepts.
const std::vector<std::string>& season_filters();

/// The seasons with recipes in scope (canonical order) and each cell's season group.
struct SeasonScope {
  std::vector<int> groups;           ///< season group of each cell (-1 out of scope)
  std::vector<std::size_t> present;  ///< season indexes with recipes (0 winter … 3 autumn)
  std::vector<std::string> seasons;  ///< their names ("winter" …), aligned with present
  std::vector<double> recipes;       ///< their recipe counts, aligned with present
};

SeasonScope season_scope(db::Connection& connection, const Filters& filters);

/// Kruskal-Wallis across the selected seasons, exactly from the rank sums of the pooled scope.
stats::TestResult kruskal_by_season(const RankSums& ranks, const Filters& filters);

/// Index of the largest and smallest value (first on ties); 0 for an empty list.
std::size_t index_of_max(const std::vector<double>& values);
std::size_t index_of_min(const std::vector<double>& values);

/// Season names as chart labels (label nodes) and their colours, in the given order.
nlohmann::json season_labels(const std::vector<std::string>& seasons);
std::vector<std::string> season_colors(const std::vector<std::string>& seasons);

}  // namespace mtm::analysis::seasonality
