// The database an ingest builds: its tables (docs/data-model.md), the ingest_report rows and dataset_info.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "data/duckdb.hpp"

namespace mtm::data::ingest {

using Json = nlohmann::json;

/// The base tables, created empty before the loaders append to them.
extern const char* const kSchema;
/// The columns of an interactions_{train,validation,test} table.
extern const char* const kSplitSchema;

// One row of ingest_report, before its ord is assigned.
struct ReportRow {
  std::string table;
  std::string rule;
  Json parameters;
  std::int64_t rows_in = 0;
  std::int64_t rows_rejected = 0;
  std::int64_t rows_out = 0;
};

/// A report row of a rule that kept out of in rows.
ReportRow step(std::string table, std::string rule, Json parameters, std::int64_t in, std::int64_t out);

/// Where the rows came from, as dataset_info records it.
struct SourceInfo {
  std::string source;
  bool is_synthetic = false;
  std::optional<std::int64_t> seed;
  std::optional<double> scale;
};

/// Write the single dataset_info row (counts computed from the loaded tables).
void write_dataset_info(db::Connection& con, const SourceInfo& info);

/// Append rows to ingest_report, numbered in order.
void write_report(db::Connection& con, const std::vector<ReportRow>& rows);

}  // namespace mtm::data::ingest
