// Analyses over recipe items (ingredients or tags), shared by the trends and seasonality pages. Items
// are counted by presence (recipe_ingredients / recipe_tags hold one row per recipe and item). Each
// computes a typed result (items/trends.hpp, items/seasonality.hpp); these entry points render it as a
// Report with catalog message ids only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/filters.hpp"
#include "analysis/report.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis {

/// Which item table to read. table and column are fixed identifiers chosen in code.
struct ItemSource {
  std::string table;   ///< "recipe_ingredients" or "recipe_tags"
  std::string column;  ///< "ingredient" or "tag"
  std::string kind;    ///< select key of the catalog messages: "ingredient" or "tag"
};

const ItemSource& ingredient_source();
const ItemSource& tag_source();

/// Trends page §2.5/§2.6: top items, diversity per year, biggest rises and falls in share between the
/// first and last years of the selection, and the yearly share of the top movers.
nlohmann::json item_trends(db::Connection& connection, const Filters& filters, const ItemSource& source,
                           const std::string& id, const Text& title);

/// Seasonality page §3.5/§3.6: per item, its share of recipes in each season, a chi-square test of
/// independence (item presence × season), Benjamini–Hochberg adjusted p-values, and the items whose share
/// varies most across seasons (filtered by min_frequency and min_difference).
nlohmann::json item_seasonality(db::Connection& connection, const Filters& filters, const ItemSource& source,
                                const std::string& id, const Text& title);

}  // namespace mtm::analysis
