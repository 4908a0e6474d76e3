// The optional files of the Kaggle archive: the interactions_{train,validation,test} splits and PP_users.
#pragma once

#include <atomic>
#include <string>

#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "data/ingest/row_reader.hpp"

namespace mtm::data::ingest {

/// Loads one split file into table (created beforehand with kSplitSchema).
TableSummary load_split(const db::Database& database, CsvReader reader, const std::string& table,
                        const IngestOptions& options, const std::atomic<bool>& stop);

/// Loads PP_users.csv through the pp_users_stage table into pp_users.
TableSummary load_pp_users(const db::Database& database, CsvReader reader, const IngestOptions& options,
                           const std::atomic<bool>& stop);

}  // namespace mtm::data::ingest
