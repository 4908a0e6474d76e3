// Items over the years: presence of each item (ingredient or tag) in the recipes in scope, the top items,
// distinct items per year with an OLS trend, the biggest rises and falls in share between the first and
// last years, and the yearly share of the top movers.
#pragma once

#include <string>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/items.hpp"
#include "analysis/stats/regression.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::items {

/// An item's change in share of recipes between the first and last years.
struct ShareMove {
  std::string item;
  double delta = 0;  ///< share_last − share_first
  double share_first = 0;
  double share_last = 0;
};

/// The yearly share of one of the top movers.
struct MoverSeries {
  std::string item;
  bool rising = false;
  std::vector<double> shares;  ///< per year of ItemTrendsResult::years
};

struct ItemTrendsResult {
  bool empty = true;            ///< no recipe in scope
  std::vector<double> years;    ///< years with recipes in scope
  std::vector<double> recipes;  ///< recipes per year, aligned with years
  int first_year = 0;
  int last_year = 0;
  double total_recipes = 0;
  double min_recipes = 0;              ///< presence needed to be considered (min_frequency × total, ≥ 1)
  std::size_t considered = 0;          ///< items with at least min_recipes
  std::vector<std::string> top_items;  ///< top_n by presence, descending
  std::vector<double> top_counts;
  std::vector<double> diversity_years;    ///< years with items
  std::vector<double> distinct_items;     ///< distinct items per year
  std::vector<double> diversity_recipes;  ///< recipes per diversity year
  stats::LinearFit diversity_fit;         ///< OLS of distinct items on year
  std::vector<ShareMove> rises;           ///< up to top_n positive moves, largest first
  std::vector<ShareMove> falls;           ///< up to top_n negative moves, largest fall first
  std::vector<MoverSeries> movers;        ///< top 5 rises then top 5 falls
};

ItemTrendsResult compute_item_trends(db::Connection& connection, const Filters& filters, const ItemSource& source);

}  // namespace mtm::analysis::items
