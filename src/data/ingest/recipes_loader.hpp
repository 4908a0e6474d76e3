// Loads RAW_recipes.csv into the recipes table (one row per readable id, flagged is_clean when it parsed)
// and collects its ingredient and tag lists.
#pragma once

#include <atomic>

#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "data/ingest/item_collector.hpp"
#include "data/ingest/row_reader.hpp"

namespace mtm::data::ingest {

struct RecipesResult {
  ItemCollector tags;
  ItemCollector ingredients;
  TableSummary summary;
  std::int64_t duplicates = 0;
  std::int64_t parsed_ok = 0;
};

RecipesResult load_recipes(const db::Database& database, CsvReader reader, const IngestOptions& options,
                           const std::atomic<bool>& stop);

}  // namespace mtm::data::ingest
