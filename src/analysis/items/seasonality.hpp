// Items by season: per item (ingredient or tag) with at least min_frequency of the recipes in scope, its
// share of recipes in each selected season, a chi-square test of independence (presence × season) and
// Benjamini–Hochberg adjusted p-values; kept are the items significant at kSignificanceLevel whose
// shares spread by at least min_difference, strongest first.
#pragma once

#include <string>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/items.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::items {

struct SeasonalItem {
  std::string item;
  std::vector<double> shares;  ///< per selected season
  double spread = 0;           ///< max − min share
  double chi2 = 0;
  double p = 0;
  double p_adjusted = 0;
  std::string peak;  ///< season of the highest share
};

struct ItemSeasonalityResult {
  bool comparable = false;           ///< at least two selected seasons and some recipes
  std::vector<std::string> seasons;  ///< the selected seasons, canonical order
  std::size_t tested = 0;            ///< items frequent enough to test
  std::vector<SeasonalItem> kept;    ///< significant and spread enough, by chi-square descending
  std::size_t shown = 0;             ///< how many of kept the chart and table show (top_n)
  double min_difference = 0;         ///< the spread threshold used (share, 0–1)
};

ItemSeasonalityResult compute_item_seasonality(db::Connection& connection, const Filters& filters,
                                               const ItemSource& source);

}  // namespace mtm::analysis::items
