#include "data/ingest_summaries.hpp"

#include <fmt/format.h>

namespace mtm::data {

std::string item_cells_select(const std::string& table, const std::string& column) {
  return fmt::format(
      "SELECT '{1}' AS kind, i.{1} AS item, r.year, r.month, r.weekday, r.is_clean, count(*) AS recipes FROM {0} i "
      "JOIN recipes r ON r.id = i.recipe_id WHERE r.year IS NOT NULL GROUP BY ALL "
      "UNION ALL SELECT '{1}', NULL, r.year, r.month, r.weekday, r.is_clean, count(*) FROM recipes r WHERE "
      "r.year IS NOT NULL AND r.id IN (SELECT recipe_id FROM {0}) GROUP BY ALL",
      table, column);
}

void build_summary_tables(db::Connection& connection) {
  // Ordered by kind and item so that a reader gets each item's cells contiguously.
  connection.execute("CREATE TABLE item_cells AS SELECT * FROM (" +
                     item_cells_select("recipe_ingredients", "ingredient") + " UNION ALL " +
                     item_cells_select("recipe_tags", "tag") + ") ORDER BY kind, item NULLS FIRST");
}

}  // namespace mtm::data
