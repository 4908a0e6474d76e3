// Read-only SQL from anybody: a DuckDB instance of its own over the database file, opened read-only with
// external access off (no files, no network, no ATTACH/COPY/INSTALL/LOAD), extensions neither installed nor
// loaded, its own memory limit and threads, and the configuration locked so no query can lift any of that.
// Each query must be exactly one SELECT-like statement; it is interrupted at the time limit, and its result
// is cut at a number of rows and of bytes. Thread-safe: each run() uses a connection of its own.
#pragma once

#include <duckdb.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "data/duckdb.hpp"

namespace mtm::db {

struct SqlSandboxLimits {
  std::size_t memory_bytes = std::size_t{256} << 20;
  std::size_t threads = 1;
  double timeout_s = 5;
  std::size_t max_rows = 10000;
  std::size_t max_result_bytes = std::size_t{8} << 20;
};

/// Why a query gave no result.
enum class SqlRefusal {
  NotOneStatement,  // empty, or more than one statement
  NotARead,         // a statement other than SELECT (COPY, ATTACH, SET, PRAGMA, INSTALL, CREATE…)
  Failed,           // DuckDB's own error: syntax, binder, permission (file access), out of memory…
  TimedOut,         // interrupted at the time limit
};

/// A refused or failed query; what() is DuckDB's message about the query (the server cuts paths in it to file names).
class SqlError : public Error {
 public:
  SqlError(SqlRefusal refusal, const std::string& message) : Error(ErrorKind::Validation, message), refusal_(refusal) {}
  [[nodiscard]] SqlRefusal refusal() const noexcept { return refusal_; }

 private:
  SqlRefusal refusal_;
};

struct SqlColumn {
  std::string name;
  /// DuckDB's type name: BIGINT, DOUBLE, VARCHAR, DATE, VARCHAR[]…
  std::string type;
};

struct SqlResult {
  std::vector<SqlColumn> columns;
  std::vector<std::vector<Value>> rows;
  /// Empty when complete, else "rows" or "bytes": the limit that cut the result.
  std::string truncated_by;
  double elapsed_ms = 0;
};

class SqlSandbox {
 public:
  /// Opens path read-only with the locked configuration; throws DatabaseError when it cannot.
  SqlSandbox(const std::string& path, const SqlSandboxLimits& limits);
  ~SqlSandbox();
  SqlSandbox(const SqlSandbox&) = delete;
  SqlSandbox& operator=(const SqlSandbox&) = delete;

  /// Run one read-only statement; throws SqlError.
  [[nodiscard]] SqlResult run(const std::string& sql) const;
  [[nodiscard]] const SqlSandboxLimits& limits() const noexcept { return limits_; }

 private:
  void remove_alias_dir() noexcept;

  SqlSandboxLimits limits_;
  /// Private directory holding the link through which the instance opens the file.
  std::filesystem::path alias_dir_;
  duckdb_database handle_ = nullptr;
};

/// DuckDB's name for a column type (nested types spelled out, e.g. VARCHAR[]).
std::string type_name(duckdb_logical_type type);

}  // namespace mtm::db
