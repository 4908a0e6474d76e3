// A database ready to serve from an S3 data source: either a prebuilt database object
// (s3://bucket/prefix/name.duckdb) or the raw Kaggle CSVs under s3://bucket/prefix, fetched into an ETag cache
// directory and ingested there. Nothing is downloaded or ingested again while the objects' ETags are unchanged,
// and when S3 cannot be reached the cached copies are used with a warning. One call per cache directory at a time.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "data/ingest.hpp"
#include "data/s3/s3_cache.hpp"
#include "data/s3/s3_client.hpp"

namespace mtm::data::s3 {

/// True for "s3://…" (a data source to fetch), false for a local path.
bool is_s3_url(std::string_view source);

/// Where an S3 data source points: a prebuilt database object, or a prefix holding the raw CSVs.
struct S3DataSource {
  S3Location location;   // the prefix (for a database object: the prefix it lives under)
  std::string database;  // object name ending in .duckdb; empty for raw CSVs
};

/// Parse an s3:// data source; throws ValidationError(parameter) when it is not one.
S3DataSource parse_data_source(std::string_view url, const std::string& parameter = "--data");

struct S3DatabaseResult {
  std::filesystem::path db_path;      // the database to open
  FetchResult fetch;                  // what the fetch did (warnings included)
  bool ingested = false;              // raw CSVs were (re-)ingested by this call
  std::vector<std::string> warnings;  // fetch warnings plus ingest row problems
};

/// Bring cache_dir up to date with source and return the database to open: a database object lands in
/// cache_dir/<name>; raw CSVs land in cache_dir/raw and are ingested (with ingest's options, paths ignored) into
/// cache_dir/mangetamain.duckdb unless the last ingest there was from the same ETags.
/// Throws DataLoadError (S3 unreachable and nothing cached, missing objects, bad CSV with strict).
S3DatabaseResult prepare_s3_database(const S3Client& client, const S3DataSource& source,
                                     const std::filesystem::path& cache_dir, const IngestOptions& ingest = {});

}  // namespace mtm::data::s3
