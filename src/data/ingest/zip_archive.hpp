// The zip archive Kaggle's download button gives (RAW_recipes.csv, RAW_interactions.csv and the optional
// files), read entry by entry without unpacking it to disk.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "data/csv/csv_reader.hpp"

namespace mtm::data::ingest {

/// True when path starts with a zip signature (so a file named anything can be recognised).
bool is_zip_file(const std::filesystem::path& path);

class ZipArchive {
 public:
  /// Open and index path; throws DataLoadError when it is not a readable zip archive.
  explicit ZipArchive(std::filesystem::path path);
  /// The entry whose file name (without folders) is name, if the archive has one.
  [[nodiscard]] std::optional<std::string> find(const std::string& name) const;
  /// A CSV reader over an entry; it opens the archive again, so two readers can run on two threads.
  [[nodiscard]] csv::CsvReader reader(const std::string& entry) const;
  /// A small entry's whole text (at most max_bytes; throws DataLoadError beyond).
  [[nodiscard]] std::string read_text(const std::string& entry, std::size_t max_bytes) const;
  /// "archive.zip:entry", the source named in messages.
  [[nodiscard]] std::string display_name(const std::string& entry) const;

 private:
  std::filesystem::path path_;
  std::vector<std::string> entries_;
};

}  // namespace mtm::data::ingest
