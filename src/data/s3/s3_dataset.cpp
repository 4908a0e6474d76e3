#include "data/s3/s3_dataset.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"

namespace mtm::data::s3 {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDatabaseSuffix = ".duckdb";

// The ETags an ingest was made from, so a restart can tell whether the database is still current.
nlohmann::json source_stamp(const FetchResult& fetched) {
  nlohmann::json stamp = nlohmann::json::object();
  for (const auto& o : fetched.objects) stamp[o.key] = o.etag;
  return stamp;
}

nlohmann::json read_stamp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  return nlohmann::json::parse(in, nullptr, false);
}

void write_stamp(const fs::path& path, const nlohmann::json& stamp) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << stamp.dump(2) << '\n';
    if (!out) throw DataLoadError(tmp.string(), "cannot write the ingest stamp");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw DataLoadError(path.string(), "cannot replace the ingest stamp: " + ec.message());
}

}  // namespace

bool is_s3_url(std::string_view source) {
  return source.substr(0, 5) == "s3://";
}

S3DataSource parse_data_source(std::string_view url, const std::string& parameter) {
  S3DataSource source;
  source.location = parse_s3_url(url, parameter);
  std::string& prefix = source.location.prefix;
  // parse_s3_url ends every non-empty prefix with '/'; a database object is the last segment.
  const std::string trimmed = prefix.empty() ? prefix : prefix.substr(0, prefix.size() - 1);
  if (trimmed.size() > kDatabaseSuffix.size() &&
      trimmed.compare(trimmed.size() - kDatabaseSuffix.size(), kDatabaseSuffix.size(), kDatabaseSuffix) == 0) {
    const std::size_t slash = trimmed.rfind('/');
    source.database = slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
    prefix = slash == std::string::npos ? std::string() : trimmed.substr(0, slash + 1);
  }
  return source;
}

S3DatabaseResult prepare_s3_database(const S3Client& client, const S3DataSource& source, const fs::path& cache_dir,
                                     const IngestOptions& ingest) {
  S3DatabaseResult result;
  FetchRequest request;
  request.location = source.location;
  if (!source.database.empty()) {
    request.object = source.database;
    request.out_dir = cache_dir;
    result.fetch = fetch_objects(client, request);
    result.warnings = result.fetch.warnings;
    result.db_path = cache_dir / source.database;
    return result;
  }

  request.out_dir = cache_dir / "raw";
  result.fetch = fetch_objects(client, request);
  result.warnings = result.fetch.warnings;
  result.db_path = cache_dir / "mangetamain.duckdb";
  const fs::path stamp_path = cache_dir / "mangetamain.duckdb.source.json";
  const nlohmann::json stamp = source_stamp(result.fetch);
  if (fs::exists(result.db_path) && read_stamp(stamp_path) == stamp) return result;

  IngestOptions options = ingest;
  options.raw_dir = request.out_dir;
  options.recipes.clear();
  options.interactions.clear();
  options.db_path = result.db_path;
  const IngestSummary summary = run_ingest(options);
  for (const auto& t : summary.tables) {
    for (const auto& message : t.first_errors) result.warnings.push_back(message);
  }
  write_stamp(stamp_path, stamp);
  result.ingested = true;
  return result;
}

}  // namespace mtm::data::s3
