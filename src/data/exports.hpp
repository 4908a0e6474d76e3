// The clean data as files for analysts: Parquet and CSV of each main table (recipes with their cleaning flags,
// interactions, the exploded ingredients and tags), written once per dataset (its identity names the directory)
// and served from disk afterwards. A manifest written last marks a complete set, so a crash mid-way leaves
// nothing that looks finished. Thread-safety: callers serialise ensure_exports for one directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mtm::db {

struct ExportFile {
  /// File name, e.g. "recipes.parquet"; also its URL segment.
  std::string name;
  std::string table;
  /// "parquet" or "csv".
  std::string format;
  std::filesystem::path path;
  std::uint64_t bytes = 0;
  std::int64_t rows = 0;
};

/// The tables exported, in display order.
const std::vector<std::string>& exported_tables();

/// The export files of the database at db_path in root/identity/, written first when no complete set is there
/// (other identities' directories are removed then). Throws DataLoadError when they cannot be written.
std::vector<ExportFile> ensure_exports(const std::string& db_path, const std::filesystem::path& root,
                                       const std::string& identity);

}  // namespace mtm::db
