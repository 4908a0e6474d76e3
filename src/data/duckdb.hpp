// A small RAII layer over DuckDB's C API: Database, Connection, PreparedStatement, Result (chunked
// reads), Appender. Each type owns one handle, is movable and not copyable, and releases the handle in
// its destructor. Values reach SQL only through bind(); no SQL is ever assembled from user input.
// Thread safety: a Database may be shared; use one Connection per thread.
#pragma once

#include <duckdb.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mtm::db {

/// A calendar date as days since 1970-01-01 (DuckDB's DATE).
struct Date {
  std::int32_t days = 0;
  friend bool operator==(const Date&, const Date&) = default;
};

/// Parse "YYYY-MM-DD" strictly; nullopt when the text is not a valid calendar date.
std::optional<Date> parse_date(std::string_view text);
/// Format a Date as "YYYY-MM-DD".
std::string format_date(Date date);

/// One cell value as read back from a result; lists and other nested types arrive as their text form.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
/// Text form of a Value ("" for NULL), as printed by the query command.
std::string to_text(const Value& value);

class Database;

/// In-memory data derived from one database (e.g. the analyses' calendar cells), built once by the first
/// caller and shared by every connection of that database. Connection::execute() drops it, since that is
/// the path that writes; the analyses only read.
class DerivedData {
 public:
  /// The value stored under key, built by `build` when absent. Thread-safe; `build` runs under the lock.
  std::shared_ptr<void> get(const std::string& key, const std::function<std::shared_ptr<void>()>& build);
  void clear();

 private:
  std::mutex mutex_;
  std::vector<std::pair<std::string, std::shared_ptr<void>>> values_;
};

/// One connection; not thread-safe, use one per thread.
class Connection {
 public:
  explicit Connection(const Database& database);
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Run SQL without parameters (DDL, fixed queries); throws DatabaseError with DuckDB's message.
  void execute(const std::string& sql);
  /// Run a query and materialise its result.
  class Result query(const std::string& sql);
  /// Run a query whose result is read once, chunk by chunk, as DuckDB produces it: no materialised copy of
  /// a large result. The connection runs nothing else until the Result is destroyed.
  class Result stream(const std::string& sql);
  /// Interrupt a running query from another thread.
  void interrupt() noexcept;
  /// Drop the blocks DuckDB keeps cached after reading them (it evicts only when its memory limit, 80 % of
  /// RAM, is reached): for a process that has read what it needs into its own structures. False when DuckDB
  /// could not let them go (blocks still pinned by a running query); nothing changes then. The memory limit in
  /// force before is restored (to DuckDB's rounding of it).
  bool evict_cached_blocks();
  /// Caps DuckDB's memory (its cache of blocks and the working memory of queries) at bytes, rounded down to
  /// whole MiB (at least 1 MiB); evicts cached blocks above it at once. For all connections of the database.
  void limit_memory(std::size_t bytes);
  [[nodiscard]] duckdb_connection handle() const noexcept { return handle_; }
  /// The derived data shared by every connection of this connection's database.
  [[nodiscard]] DerivedData& derived() const noexcept { return *derived_; }

 private:
  duckdb_connection handle_ = nullptr;
  std::shared_ptr<DerivedData> derived_;
};

/// An open database file (or ":memory:" / empty path for in-memory).
class Database {
 public:
  /// Open or create path; read_only opens in DuckDB's READ_ONLY access mode (file must exist).
  explicit Database(const std::string& path, bool read_only = false);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  [[nodiscard]] Connection connect() const { return Connection(*this); }
  [[nodiscard]] duckdb_database handle() const noexcept { return handle_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] const std::shared_ptr<DerivedData>& derived() const noexcept { return derived_; }

 private:
  duckdb_database handle_ = nullptr;
  std::string path_;
  std::shared_ptr<DerivedData> derived_ = std::make_shared<DerivedData>();
};

/// One column of a chunk as a typed array, for loops over every row: the type is checked once per
/// chunk, not per cell. A NULL row's slot holds whatever was there before: test valid() first.
template <typename T>
class ColumnView {
 public:
  ColumnView(const T* data, const std::uint64_t* validity) : data_(data), validity_(validity) {}
  [[nodiscard]] bool valid(std::size_t row) const {
    return validity_ == nullptr || ((validity_[row / 64] >> (row % 64)) & 1U) != 0;
  }
  [[nodiscard]] T operator[](std::size_t row) const { return data_[row]; }

 private:
  const T* data_;
  const std::uint64_t* validity_;
};

/// A VARCHAR column of a chunk; the views are valid while the chunk lives.
class StringColumnView {
 public:
  StringColumnView(const duckdb_string_t* data, const std::uint64_t* validity) : data_(data), validity_(validity) {}
  [[nodiscard]] bool valid(std::size_t row) const {
    return validity_ == nullptr || ((validity_[row / 64] >> (row % 64)) & 1U) != 0;
  }
  [[nodiscard]] std::string_view operator[](std::size_t row) const {
    const duckdb_string_t& s = data_[row];
    // DuckDB keeps strings of up to 12 bytes inside the slot, longer ones behind a pointer.
    constexpr std::uint32_t kInlined = 12;
    if (s.value.inlined.length <= kInlined) return {s.value.inlined.inlined, s.value.inlined.length};
    return {s.value.pointer.ptr, s.value.pointer.length};
  }

 private:
  const duckdb_string_t* data_;
  const std::uint64_t* validity_;
};

/// One fetched data chunk; typed access by column and row within the chunk.
class Chunk {
 public:
  explicit Chunk(duckdb_data_chunk chunk) : chunk_(chunk) {}
  ~Chunk();
  Chunk(Chunk&& other) noexcept : chunk_(other.chunk_) { other.chunk_ = nullptr; }
  Chunk& operator=(Chunk&& other) noexcept;
  Chunk(const Chunk&) = delete;
  Chunk& operator=(const Chunk&) = delete;

  [[nodiscard]] std::size_t size() const noexcept;
  [[nodiscard]] bool is_null(std::size_t col, std::size_t row) const;
  /// Integer of any width (TINYINT..BIGINT, UTINYINT..UINTEGER, BOOLEAN, DATE as days).
  [[nodiscard]] std::int64_t get_int64(std::size_t col, std::size_t row) const;
  /// DOUBLE, FLOAT or any integer column as double; NULL reads as NaN.
  [[nodiscard]] double get_double(std::size_t col, std::size_t row) const;
  /// VARCHAR column.
  [[nodiscard]] std::string_view get_string(std::size_t col, std::size_t row) const;
  /// Any cell as a Value (nested types as text).
  [[nodiscard]] Value value(std::size_t col, std::size_t row) const;
  /// VARCHAR[] column (one list of strings).
  [[nodiscard]] std::vector<std::string> get_string_list(std::size_t col, std::size_t row) const;
  /// A whole column as T: std::int64_t for BIGINT, std::int32_t for INTEGER and DATE (days), double for
  /// DOUBLE. Throws DatabaseError for any other column type (cast in SQL to one of these).
  template <typename T>
  [[nodiscard]] ColumnView<T> column(std::size_t col) const;
  /// A whole VARCHAR column; throws DatabaseError for another type.
  [[nodiscard]] StringColumnView strings(std::size_t col) const;

 private:
  duckdb_data_chunk chunk_ = nullptr;
};

/// A materialised query result, read chunk by chunk or as text cells.
class Result {
 public:
  Result() = default;
  explicit Result(duckdb_result result) : result_(result), valid_(true) {}
  ~Result();
  Result(Result&& other) noexcept;
  Result& operator=(Result&& other) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  [[nodiscard]] std::size_t column_count();
  [[nodiscard]] std::string column_name(std::size_t col);
  [[nodiscard]] duckdb_type column_type(std::size_t col);
  /// Rows affected by INSERT/UPDATE/DELETE.
  [[nodiscard]] std::int64_t rows_changed();
  /// Next chunk, or nullopt at the end.
  std::optional<Chunk> next_chunk();
  /// Every remaining row as Values (nested types as text). For small results only.
  std::vector<std::vector<Value>> rows();
  /// The single value of a one-row one-column result (throws DatabaseError otherwise).
  Value scalar();

 private:
  duckdb_result result_{};
  bool valid_ = false;
};

/// A prepared statement; parameters are 1-based as in DuckDB.
class PreparedStatement {
 public:
  PreparedStatement(Connection& connection, const std::string& sql);
  ~PreparedStatement();
  PreparedStatement(PreparedStatement&& other) noexcept;
  PreparedStatement& operator=(PreparedStatement&& other) noexcept;
  PreparedStatement(const PreparedStatement&) = delete;
  PreparedStatement& operator=(const PreparedStatement&) = delete;

  PreparedStatement& bind(std::size_t index, std::int64_t value);
  PreparedStatement& bind(std::size_t index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  PreparedStatement& bind(std::size_t index, double value);
  PreparedStatement& bind(std::size_t index, bool value);
  PreparedStatement& bind(std::size_t index, std::string_view value);
  PreparedStatement& bind(std::size_t index, const char* value) { return bind(index, std::string_view(value)); }
  PreparedStatement& bind(std::size_t index, const std::string& value) { return bind(index, std::string_view(value)); }
  PreparedStatement& bind(std::size_t index, Date value);
  /// Bind a list of strings (VARCHAR[]), e.g. for `= ANY(?)`.
  PreparedStatement& bind(std::size_t index, const std::vector<std::string>& values);
  PreparedStatement& bind_null(std::size_t index);
  [[nodiscard]] std::size_t parameter_count() const;
  Result execute();

 private:
  void check(duckdb_state state, std::size_t index, const char* what);
  duckdb_prepared_statement handle_ = nullptr;
};

/// Fast row-wise bulk insert into one table; call end_row() after each row and close() at the end.
class Appender {
 public:
  Appender(Connection& connection, const std::string& table);
  ~Appender();
  Appender(Appender&& other) noexcept : handle_(other.handle_), table_(std::move(other.table_)) {
    other.handle_ = nullptr;
  }
  Appender& operator=(Appender&&) = delete;
  Appender(const Appender&) = delete;
  Appender& operator=(const Appender&) = delete;

  Appender& append(std::int64_t value);
  Appender& append(std::int32_t value);
  Appender& append(double value);
  Appender& append(bool value);
  Appender& append(std::string_view value);
  Appender& append(Date value);
  /// A VARCHAR[] value.
  Appender& append(const std::vector<std::string>& values);
  Appender& append_null();
  template <typename T>
  Appender& append(const std::optional<T>& value) {
    return value ? append(*value) : append_null();
  }
  void end_row();
  /// Flush and finalise; throws DatabaseError with the appender's message (e.g. a constraint).
  void close();

 private:
  void check(duckdb_state state);
  duckdb_appender handle_ = nullptr;
  std::string table_;
};

}  // namespace mtm::db
