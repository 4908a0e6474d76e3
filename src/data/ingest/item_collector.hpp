// The ingredient and tag lists of the recipes, collected while loading and written as the exploded item tables.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "data/duckdb.hpp"

namespace mtm::data::ingest {

// The list items of one column of every loaded recipe, as ids into a dictionary of distinct raw items, so
// the normalisation SQL runs once per distinct item instead of once per row (the per-row regex was the
// slowest phase of the ingest).
class ItemCollector {
 public:
  void add(std::int64_t recipe_id, const std::vector<std::string>& items);

  /// Append (recipe_id, item) rows to table: items normalised exactly as the SQL did, distinct per recipe,
  /// ordered by recipe_id then item.
  void write(db::Connection& con, const std::string& table);

 private:
  std::unordered_map<std::string, std::uint32_t> dictionary_;
  std::vector<std::string> raw_;
  std::vector<std::int64_t> recipe_ids_;
  std::vector<std::size_t> ends_;  // end of each recipe's run in items_
  std::vector<std::uint32_t> items_;
};

}  // namespace mtm::data::ingest
