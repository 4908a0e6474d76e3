// Summary tables that ingest writes beside the base tables so the analyses need not recompute them on
// every request (docs/data-model.md, "Summary tables").
#pragma once

#include <string>

#include "data/duckdb.hpp"

namespace mtm::data {

/// SQL selecting the `item_cells` rows of one item table: (kind, item, year, month, weekday, is_clean,
/// recipes) = recipes with that item per calendar cell, plus one row per cell with item NULL counting the
/// recipes that have at least one item. table/column are fixed identifiers from code ("recipe_tags",
/// "tag" or "recipe_ingredients", "ingredient"); kind is the column name.
std::string item_cells_select(const std::string& table, const std::string& column);

/// Create `item_cells` from recipes, recipe_ingredients and recipe_tags.
void build_summary_tables(db::Connection& connection);

}  // namespace mtm::data
