#include "data/sql_sandbox.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>

namespace mtm::db {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct OwnedType {
  duckdb_logical_type handle;
  explicit OwnedType(duckdb_logical_type h) : handle(h) {}
  ~OwnedType() { duckdb_destroy_logical_type(&handle); }
  OwnedType(const OwnedType&) = delete;
  OwnedType& operator=(const OwnedType&) = delete;
};

// Every handle of one query, released in reverse order whatever happens.
struct QueryHandles {
  duckdb_connection connection = nullptr;
  duckdb_extracted_statements statements = nullptr;
  duckdb_prepared_statement prepared = nullptr;
  duckdb_pending_result pending = nullptr;
  duckdb_result result{};
  bool has_result = false;
  QueryHandles() = default;
  QueryHandles(const QueryHandles&) = delete;
  QueryHandles& operator=(const QueryHandles&) = delete;
  ~QueryHandles() {
    if (has_result) duckdb_destroy_result(&result);
    duckdb_destroy_pending(&pending);
    duckdb_destroy_prepare(&prepared);
    duckdb_destroy_extracted(&statements);
    duckdb_disconnect(&connection);
  }
};

// Interrupts the connection's query when the deadline passes; stopping it first (destructor) cancels that.
class Watchdog {
 public:
  Watchdog(duckdb_connection connection, Clock::duration limit)
      : thread_([this, connection, limit] {
          std::unique_lock lock(mutex_);
          if (!stopped_cv_.wait_for(lock, limit, [this] { return stopped_; })) {
            fired_ = true;
            duckdb_interrupt(connection);
          }
        }) {}
  ~Watchdog() { stop(); }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    stopped_cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  [[nodiscard]] bool fired() {
    std::lock_guard lock(mutex_);
    return fired_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable stopped_cv_;
  bool stopped_ = false;
  bool fired_ = false;
  std::thread thread_;
};

void set_option(duckdb_config config, const char* name, const std::string& value) {
  if (duckdb_set_config(config, name, value.c_str()) == DuckDBError) {
    throw DatabaseError(fmt::format("DuckDB refused the SQL sandbox option {}={}", name, value));
  }
}

// What a cell costs in the result: its text and a few bytes of JSON punctuation.
std::size_t cell_bytes(const Value& value) {
  constexpr std::size_t kPunctuation = 4;
  if (const auto* text = std::get_if<std::string>(&value)) return text->size() + kPunctuation;
  return to_text(value).size() + kPunctuation;
}

const char* scalar_type_name(duckdb_type id) {
  switch (id) {
    case DUCKDB_TYPE_BOOLEAN: return "BOOLEAN";
    case DUCKDB_TYPE_TINYINT: return "TINYINT";
    case DUCKDB_TYPE_SMALLINT: return "SMALLINT";
    case DUCKDB_TYPE_INTEGER: return "INTEGER";
    case DUCKDB_TYPE_BIGINT: return "BIGINT";
    case DUCKDB_TYPE_UTINYINT: return "UTINYINT";
    case DUCKDB_TYPE_USMALLINT: return "USMALLINT";
    case DUCKDB_TYPE_UINTEGER: return "UINTEGER";
    case DUCKDB_TYPE_UBIGINT: return "UBIGINT";
    case DUCKDB_TYPE_HUGEINT: return "HUGEINT";
    case DUCKDB_TYPE_FLOAT: return "FLOAT";
    case DUCKDB_TYPE_DOUBLE: return "DOUBLE";
    case DUCKDB_TYPE_DECIMAL: return "DECIMAL";
    case DUCKDB_TYPE_VARCHAR: return "VARCHAR";
    case DUCKDB_TYPE_DATE: return "DATE";
    case DUCKDB_TYPE_TIMESTAMP: return "TIMESTAMP";
    case DUCKDB_TYPE_TIMESTAMP_TZ: return "TIMESTAMP WITH TIME ZONE";
    case DUCKDB_TYPE_INTERVAL: return "INTERVAL";
    case DUCKDB_TYPE_STRUCT: return "STRUCT";
    case DUCKDB_TYPE_MAP: return "MAP";
    case DUCKDB_TYPE_BLOB: return "BLOB";
    case DUCKDB_TYPE_UUID: return "UUID";
    default: return "OTHER";
  }
}

fs::path make_alias_dir() {
  static std::atomic<unsigned> counter{0};
  fs::path dir = fs::temp_directory_path() / fmt::format("mangetamain-sql-{}-{}", ::getpid(), ++counter);
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  return dir;
}

[[noreturn]] void fail(SqlRefusal refusal, const char* message, const char* fallback) {
  throw SqlError(refusal, message != nullptr && *message != '\0' ? message : fallback);
}

}  // namespace

std::string type_name(duckdb_logical_type type) {
  const duckdb_type id = duckdb_get_type_id(type);
  if (id == DUCKDB_TYPE_LIST) {
    OwnedType child(duckdb_list_type_child_type(type));
    return type_name(child.handle) + "[]";
  }
  return scalar_type_name(id);
}

SqlSandbox::SqlSandbox(const std::string& path, const SqlSandboxLimits& limits)
    : limits_(limits), alias_dir_(make_alias_dir()) {
  // Catalog functions (duckdb_databases(), duckdb_settings(), current_setting()) show the paths the instance
  // knows: it opens the file through a link in a private temporary directory, so they show that and the file
  // name (public in /readyz), never where the server keeps its data or its home directory.
  const fs::path alias = alias_dir_ / fs::path(path).filename();
  std::error_code error_code;
  fs::create_symlink(fs::absolute(path), alias, error_code);
  if (error_code) {
    remove_alias_dir();
    throw DatabaseError(fmt::format("cannot link '{}' for SQL: {}", path, error_code.message()));
  }
  duckdb_config config = nullptr;
  if (duckdb_create_config(&config) == DuckDBError) throw DatabaseError("cannot create DuckDB configuration");
  try {
    set_option(config, "access_mode", "READ_ONLY");
    // Paths first: once external access is off, DuckDB refuses to change them.
    // No spilling to disk: a query over the memory limit fails instead of filling a disk.
    set_option(config, "temp_directory", (alias_dir_ / "tmp").string());
    set_option(config, "max_temp_directory_size", "0KiB");
    set_option(config, "secret_directory", (alias_dir_ / "secrets").string());
    set_option(config, "enable_external_access", "false");
    set_option(config, "autoinstall_known_extensions", "false");
    set_option(config, "autoload_known_extensions", "false");
    set_option(config, "allow_community_extensions", "false");
    set_option(config, "memory_limit", fmt::format("{}MiB", std::max<std::size_t>(1, limits.memory_bytes >> 20)));
    set_option(config, "threads", std::to_string(std::max<std::size_t>(1, limits.threads)));
    // Last: from here on no SET or PRAGMA may change any option, the ones above included.
    set_option(config, "lock_configuration", "true");
  } catch (...) {
    duckdb_destroy_config(&config);
    remove_alias_dir();
    throw;
  }
  char* error = nullptr;
  const duckdb_state state = duckdb_open_ext(alias.c_str(), &handle_, config, &error);
  duckdb_destroy_config(&config);
  if (state == DuckDBError) {
    std::string reason = error != nullptr ? error : "unknown error";
    duckdb_free(error);
    remove_alias_dir();
    throw DatabaseError(fmt::format("cannot open database '{}' for SQL: {}", path, reason));
  }
}

SqlSandbox::~SqlSandbox() {
  duckdb_close(&handle_);
  remove_alias_dir();
}

void SqlSandbox::remove_alias_dir() noexcept {
  std::error_code ignored;
  fs::remove_all(alias_dir_, ignored);
}

SqlResult SqlSandbox::run(const std::string& sql) const {
  const auto start = Clock::now();
  QueryHandles q;
  if (duckdb_connect(handle_, &q.connection) == DuckDBError) throw DatabaseError("cannot connect for SQL");
  const idx_t count = duckdb_extract_statements(q.connection, sql.c_str(), &q.statements);
  if (count == 0) {
    fail(SqlRefusal::Failed, duckdb_extract_statements_error(q.statements), "The query holds no statement.");
  }
  if (count > 1) {
    throw SqlError(SqlRefusal::NotOneStatement,
                   fmt::format("One statement per query: this one holds {}.", static_cast<std::size_t>(count)));
  }
  if (duckdb_prepare_extracted_statement(q.connection, q.statements, 0, &q.prepared) == DuckDBError) {
    fail(SqlRefusal::Failed, duckdb_prepare_error(q.prepared), "The query cannot be prepared.");
  }
  if (duckdb_prepared_statement_type(q.prepared) != DUCKDB_STATEMENT_TYPE_SELECT) {
    throw SqlError(SqlRefusal::NotARead, "Only a read (SELECT, FROM, WITH, VALUES…) is accepted here.");
  }
  if (duckdb_nparams(q.prepared) > 0) {
    throw SqlError(SqlRefusal::Failed, "The query has parameters ($1, ?), which nothing here can bind.");
  }
  Watchdog watchdog(q.connection,
                    std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limits_.timeout_s)));
  const auto timed_out = [&] {
    return SqlError(SqlRefusal::TimedOut,
                    fmt::format("The query ran longer than {} s and was interrupted.", limits_.timeout_s));
  };
  if (duckdb_pending_prepared_streaming(q.prepared, &q.pending) == DuckDBError) {
    fail(SqlRefusal::Failed, duckdb_pending_error(q.pending), "The query cannot run.");
  }
  const bool failed = duckdb_execute_pending(q.pending, &q.result) == DuckDBError;
  q.has_result = true;
  if (failed) {
    if (watchdog.fired()) throw timed_out();
    fail(SqlRefusal::Failed, duckdb_result_error(&q.result), "The query failed.");
  }
  SqlResult out;
  const std::size_t columns = duckdb_column_count(&q.result);
  for (std::size_t c = 0; c < columns; ++c) {
    OwnedType type(duckdb_column_logical_type(&q.result, c));
    out.columns.push_back({duckdb_column_name(&q.result, c), type_name(type.handle)});
  }
  std::size_t bytes = 0;
  while (out.truncated_by.empty()) {
    duckdb_data_chunk raw = duckdb_fetch_chunk(q.result);
    if (raw == nullptr) break;
    const Chunk chunk(raw);
    for (std::size_t r = 0; r < chunk.size(); ++r) {
      if (out.rows.size() == limits_.max_rows) {
        out.truncated_by = "rows";
        break;
      }
      std::vector<Value> row;
      row.reserve(columns);
      for (std::size_t c = 0; c < columns; ++c) {
        row.push_back(chunk.value(c, r));
        bytes += cell_bytes(row.back());
      }
      if (bytes > limits_.max_result_bytes) {
        out.truncated_by = "bytes";
        break;
      }
      out.rows.push_back(std::move(row));
    }
  }
  // A stream that stopped early on an error (the interrupt included) says so; a cut result does not care.
  if (out.truncated_by.empty()) {
    if (watchdog.fired()) throw timed_out();
    const char* error = duckdb_result_error(&q.result);
    if (error != nullptr && *error != '\0') throw SqlError(SqlRefusal::Failed, error);
  }
  watchdog.stop();
  out.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return out;
}

}  // namespace mtm::db
