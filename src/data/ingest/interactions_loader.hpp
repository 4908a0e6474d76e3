// Loads RAW_interactions.csv into the interactions table; a row is clean when it parsed, has a rating in
// the configured range and a date.
#pragma once

#include <atomic>

#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "data/ingest/row_reader.hpp"

namespace mtm::data::ingest {

struct InteractionsResult {
  TableSummary summary;
  std::int64_t parsed_ok = 0;
  std::int64_t rating_ok = 0;  // parsed_ok and rating in range
  std::int64_t clean = 0;      // ... and date present
};

InteractionsResult load_interactions(const db::Database& database, CsvReader reader, const IngestOptions& options,
                                     const std::atomic<bool>& stop);

}  // namespace mtm::data::ingest
