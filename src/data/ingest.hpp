// Ingest of the Food.com CSVs into a DuckDB database (the database contract in docs/data-model.md):
// parse with our own CSV reader, type every raw row, flag the cleaning rules in is_clean, record every
// step in ingest_report, and publish the file atomically (temp file + rename). One ingest per process.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "data/ingest/dates.hpp"

namespace mtm::data {

/// What to read, where to write, and the cleaning-rule parameters (all recorded in ingest_report).
struct IngestOptions {
  std::filesystem::path raw_dir = "data/raw";  // a directory, or the .zip archive Kaggle's download gives
  std::filesystem::path recipes;               // empty: raw_dir / RAW_recipes.csv
  std::filesystem::path interactions;          // empty: raw_dir / RAW_interactions.csv
  std::filesystem::path db_path = "data/mangetamain.duckdb";
  bool strict = false;  // fail on the first per-row problem
  std::int64_t min_minutes = 1;
  std::int64_t max_minutes = 180;
  double band_low = 0.025;  // quantile of the n_steps / n_ingredients band (nearest rank, truncated to int)
  double band_high = 0.975;
  std::int64_t min_rating = 1;  // interactions used by rating statistics
  std::int64_t max_rating = 5;
  // A table whose dropped or unusable rows exceed this share of the rows read fails the ingest (and a table
  // that ends with no usable row always does); the old database is then left untouched.
  double max_bad_share = 0.01;
  ingest::DateOrder date_order = ingest::DateOrder::Unset;  // how to read M/D/YYYY or D/M/YYYY dates
  std::int64_t threads = 2;                                 // DuckDB's threads while building the file
  std::string memory_limit = "1GB";                         // DuckDB's memory limit while building the file
  std::size_t max_printed_errors = 5;                       // per file
  bool parallel = true;                                     // recipes and interactions on two threads
};

/// Outcome for one table.
struct TableSummary {
  std::string table;
  std::string file;
  std::int64_t rows_read = 0;             // data records in the file
  std::int64_t rows_dropped = 0;          // not written: unreadable rows (field count, id) and duplicates
  std::int64_t rows_written = 0;          // rows in the table
  std::int64_t rows_clean = -1;           // is_clean = true (-1 when the table has no is_clean)
  std::int64_t row_errors = 0;            // per-row problems found
  std::int64_t rows_bad = 0;              // rows dropped or written with a problem
  std::int64_t rows_usable = 0;           // rows the analyses can use (parsed; interactions: rated and dated)
  std::vector<std::string> first_errors;  // the first max_printed_errors messages
  std::vector<std::pair<std::string, std::int64_t>> problem_kinds;  // problems by kind, in order of first sight
};

/// Outcome of a whole ingest.
struct IngestSummary {
  std::vector<TableSummary> tables;
  std::string source;
  bool is_synthetic = false;
  double seconds = 0;
  std::vector<std::pair<std::string, double>> phases;  // wall-clock seconds per phase, in order
};

/// Validate options (throws ValidationError naming the option).
void validate(const IngestOptions& options);

/// Run the ingest. Structural problems throw DataLoadError (file:line:column: detail); per-row problems are
/// counted (or thrown with strict). On any failure the database at db_path is left as it was.
IngestSummary run_ingest(const IngestOptions& options);

/// Name of the temporary file this process builds for db_path before the rename (unique per process;
/// every name starting with db_path + ".ingest-tmp" is a leftover the next ingest removes).
std::filesystem::path ingest_temp_path(const std::filesystem::path& db_path);

/// The lock file that serialises ingests into db_path.
std::filesystem::path ingest_lock_path(const std::filesystem::path& db_path);

}  // namespace mtm::data
