// Test helpers over a database an ingest wrote: read-only single values, and the temp files an ingest may leave.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>

#include "data/duckdb.hpp"

namespace mtm::test {

/// A read-only connection to a database file, for asserting single values.
class DbReader {
 public:
  explicit DbReader(const std::filesystem::path& path) : database_(path.string(), true), con_(database_.connect()) {}
  db::Value value(const std::string& sql) { return con_.query(sql).scalar(); }
  std::int64_t count(const std::string& sql) { return std::get<std::int64_t>(value(sql)); }
  std::string text(const std::string& sql) { return std::get<std::string>(value(sql)); }
  bool is_null(const std::string& sql) { return std::holds_alternative<std::monostate>(value(sql)); }
  db::Connection& con() { return con_; }

 private:
  db::Database database_;
  db::Connection con_;
};

/// Files beside db that an ingest into it builds and must not leave: its temp files and their WALs.
inline int ingest_leftovers(const std::filesystem::path& db) {
  const std::string prefix = db.filename().string() + ".ingest-tmp";
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(db.parent_path())) {
    n += entry.path().filename().string().starts_with(prefix) ? 1 : 0;
  }
  return n;
}

}  // namespace mtm::test
