#include "data/exports.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/errors.hpp"
#include "data/duckdb.hpp"

namespace mtm::db {

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifest = "manifest.json";

std::string quoted_path(const fs::path& path) {
  std::string out = "'";
  for (char c : path.string()) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::vector<ExportFile> read_manifest(const fs::path& dir) {
  std::ifstream in(dir / kManifest);
  if (!in) return {};
  const auto manifest = nlohmann::json::parse(in, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_array()) return {};
  std::vector<ExportFile> files;
  for (const auto& entry : manifest) {
    ExportFile file{entry.value("name", ""),
                    entry.value("table", ""),
                    entry.value("format", ""),
                    {},
                    0,
                    entry.value("rows", std::int64_t{0})};
    file.path = dir / file.name;
    std::error_code error;
    file.bytes = fs::file_size(file.path, error);
    if (error || file.name.empty()) return {};
    files.push_back(std::move(file));
  }
  return files;
}

void remove_other_sets(const fs::path& root, const fs::path& keep) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root, error)) {
    if (entry.is_directory() && entry.path() != keep) fs::remove_all(entry.path(), error);
  }
}

std::vector<ExportFile> write_exports(const std::string& db_path, const fs::path& dir) {
  const fs::path staging = dir.string() + ".partial";
  fs::remove_all(staging);
  fs::create_directories(staging);
  Database database(db_path, true);
  Connection connection = database.connect();
  std::vector<ExportFile> files;
  nlohmann::json manifest = nlohmann::json::array();
  for (const auto& table : exported_tables()) {
    const auto rows = std::get<std::int64_t>(connection.query(fmt::format("SELECT count(*) FROM {}", table)).scalar());
    for (const std::string format : {"parquet", "csv"}) {
      const std::string name = fmt::format("{}.{}", table, format);
      ExportFile file{name, table, format, dir / name, 0, rows};
      const std::string options = format == "parquet" ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER";
      // The table names are this file's constants and the path is the server's own: no input reaches this SQL.
      connection.execute(fmt::format("COPY {} TO {} ({})", table, quoted_path(staging / file.name), options));
      file.bytes = fs::file_size(staging / file.name);
      manifest.push_back({{"name", file.name}, {"table", table}, {"format", format}, {"rows", rows}});
      files.push_back(std::move(file));
    }
  }
  std::ofstream(staging / kManifest) << manifest.dump(2) << '\n';
  fs::remove_all(dir);
  fs::rename(staging, dir);
  return files;
}

}  // namespace

const std::vector<std::string>& exported_tables() {
  static const std::vector<std::string> kTables = {"recipes", "interactions", "recipe_ingredients", "recipe_tags"};
  return kTables;
}

std::vector<ExportFile> ensure_exports(const std::string& db_path, const fs::path& root, const std::string& identity) {
  const fs::path dir = root / identity;
  if (auto files = read_manifest(dir); !files.empty()) return files;
  try {
    fs::create_directories(root);
    remove_other_sets(root, dir);
    return write_exports(db_path, dir);
  } catch (const std::exception& e) {
    throw DataLoadError(root.string(), fmt::format("cannot write the exports: {}", e.what()));
  }
}

}  // namespace mtm::db
