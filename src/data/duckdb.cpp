#include "data/duckdb.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <utility>

#include "core/errors.hpp"

namespace mtm::db {

namespace {

// Howard Hinnant's days_from_civil: exact proleptic Gregorian arithmetic without time zones.
std::int32_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int32_t>(era * 146097 + static_cast<std::int64_t>(doe) - 719468);
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

struct LogicalType {
  duckdb_logical_type handle;
  explicit LogicalType(duckdb_logical_type h) : handle(h) {}
  ~LogicalType() { duckdb_destroy_logical_type(&handle); }
  LogicalType(const LogicalType&) = delete;
  LogicalType& operator=(const LogicalType&) = delete;
};

std::string_view string_at(duckdb_vector vector, std::size_t row) {
  auto* strings = static_cast<duckdb_string_t*>(duckdb_vector_get_data(vector));
  duckdb_string_t& s = strings[row];
  return {duckdb_string_t_data(&s), duckdb_string_t_length(s)};
}

bool valid_at(duckdb_vector vector, std::size_t row) {
  std::uint64_t* validity = duckdb_vector_get_validity(vector);
  return validity == nullptr || duckdb_validity_row_is_valid(validity, row);
}

double decimal_at(duckdb_vector vector, std::size_t row, duckdb_logical_type type) {
  const double scale = std::pow(10.0, duckdb_decimal_scale(type));
  void* data = duckdb_vector_get_data(vector);
  switch (duckdb_decimal_internal_type(type)) {
    case DUCKDB_TYPE_SMALLINT: return static_cast<std::int16_t*>(data)[row] / scale;
    case DUCKDB_TYPE_INTEGER: return static_cast<std::int32_t*>(data)[row] / scale;
    case DUCKDB_TYPE_BIGINT: return static_cast<double>(static_cast<std::int64_t*>(data)[row]) / scale;
    default: return duckdb_hugeint_to_double(static_cast<duckdb_hugeint*>(data)[row]) / scale;
  }
}

// Reads one cell as a Value; nested types are rendered as text.
Value value_at(duckdb_vector vector, std::size_t row, duckdb_logical_type type);

std::string text_at(duckdb_vector vector, std::size_t row, duckdb_logical_type type) {
  if (!valid_at(vector, row)) return "NULL";
  if (duckdb_get_type_id(type) == DUCKDB_TYPE_LIST) {
    auto* entries = static_cast<duckdb_list_entry*>(duckdb_vector_get_data(vector));
    duckdb_vector child = duckdb_list_vector_get_child(vector);
    LogicalType child_type(duckdb_list_type_child_type(type));
    std::string out = "[";
    for (std::uint64_t i = 0; i < entries[row].length; ++i) {
      if (i) out += ", ";
      out += text_at(child, entries[row].offset + i, child_type.handle);
    }
    return out + "]";
  }
  return to_text(value_at(vector, row, type));
}

Value value_at(duckdb_vector vector, std::size_t row, duckdb_logical_type type) {
  if (!valid_at(vector, row)) return std::monostate{};
  void* data = duckdb_vector_get_data(vector);
  switch (duckdb_get_type_id(type)) {
    case DUCKDB_TYPE_BOOLEAN: return static_cast<bool*>(data)[row];
    case DUCKDB_TYPE_TINYINT: return static_cast<std::int64_t>(static_cast<std::int8_t*>(data)[row]);
    case DUCKDB_TYPE_SMALLINT: return static_cast<std::int64_t>(static_cast<std::int16_t*>(data)[row]);
    case DUCKDB_TYPE_INTEGER: return static_cast<std::int64_t>(static_cast<std::int32_t*>(data)[row]);
    case DUCKDB_TYPE_BIGINT: return static_cast<std::int64_t*>(data)[row];
    case DUCKDB_TYPE_UTINYINT: return static_cast<std::int64_t>(static_cast<std::uint8_t*>(data)[row]);
    case DUCKDB_TYPE_USMALLINT: return static_cast<std::int64_t>(static_cast<std::uint16_t*>(data)[row]);
    case DUCKDB_TYPE_UINTEGER: return static_cast<std::int64_t>(static_cast<std::uint32_t*>(data)[row]);
    case DUCKDB_TYPE_UBIGINT: return static_cast<std::int64_t>(static_cast<std::uint64_t*>(data)[row]);
    case DUCKDB_TYPE_HUGEINT: return duckdb_hugeint_to_double(static_cast<duckdb_hugeint*>(data)[row]);
    case DUCKDB_TYPE_FLOAT: return static_cast<double>(static_cast<float*>(data)[row]);
    case DUCKDB_TYPE_DOUBLE: return static_cast<double*>(data)[row];
    case DUCKDB_TYPE_DECIMAL: return decimal_at(vector, row, type);
    case DUCKDB_TYPE_VARCHAR: return std::string(string_at(vector, row));
    case DUCKDB_TYPE_DATE: return format_date(Date{static_cast<duckdb_date*>(data)[row].days});
    case DUCKDB_TYPE_TIMESTAMP:
    case DUCKDB_TYPE_TIMESTAMP_TZ: {
      duckdb_timestamp_struct ts = duckdb_from_timestamp(static_cast<duckdb_timestamp*>(data)[row]);
      return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", ts.date.year, ts.date.month, ts.date.day, ts.time.hour,
                         ts.time.min, ts.time.sec);
    }
    case DUCKDB_TYPE_LIST: return text_at(vector, row, type);
    default: return std::string("<unsupported type>");
  }
}

// A VARCHAR[] value owned by the caller (destroy with duckdb_destroy_value).
duckdb_value make_varchar_list(const std::vector<std::string>& values) {
  LogicalType varchar(duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR));
  std::vector<duckdb_value> items;
  items.reserve(values.size());
  for (const auto& v : values) items.push_back(duckdb_create_varchar_length(v.data(), v.size()));
  // The C API rejects a null array even for an empty list, so an empty list points at a dummy slot.
  duckdb_value empty_slot = nullptr;
  duckdb_value list =
      duckdb_create_list_value(varchar.handle, items.empty() ? &empty_slot : items.data(), items.size());
  for (auto& item : items) duckdb_destroy_value(&item);
  if (list == nullptr) throw DatabaseError("cannot build a list value");
  return list;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  auto digits = [&](std::size_t from, std::size_t len, auto& out) {
    const char* first = text.data() + from;
    auto [ptr, ec] = std::from_chars(first, first + len, out);
    return ec == std::errc() && ptr == first + len;
  };
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  const unsigned max_day = kDays[m - 1] + ((m == 2 && is_leap(y)) ? 1 : 0);
  if (d > max_day) return std::nullopt;
  return Date{days_from_civil(y, m, d)};
}

std::string format_date(Date date) {
  // civil_from_days (Hinnant).
  auto z = static_cast<std::int64_t>(date.days) + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const auto y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return fmt::format("{:04}-{:02}-{:02}", y + (m <= 2), m, d);
}

std::string to_text(const Value& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return fmt::format("{}", d); }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, value);
}

// ---- Database ----

Database::Database(const std::string& path, bool read_only) : path_(path) {
  duckdb_config config = nullptr;
  if (duckdb_create_config(&config) == DuckDBError) throw DatabaseError("cannot create DuckDB configuration");
  if (read_only) duckdb_set_config(config, "access_mode", "READ_ONLY");
  char* error = nullptr;
  const duckdb_state state = duckdb_open_ext(path.empty() ? nullptr : path.c_str(), &handle_, config, &error);
  duckdb_destroy_config(&config);
  if (state == DuckDBError) {
    std::string reason = error ? error : "unknown error";
    duckdb_free(error);
    throw DatabaseError(fmt::format("cannot open database '{}': {}", path, reason));
  }
}

Database::~Database() {
  duckdb_close(&handle_);
}

Database::Database(Database&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      path_(std::move(other.path_)),
      derived_(std::move(other.derived_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    duckdb_close(&handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    path_ = std::move(other.path_);
    derived_ = std::move(other.derived_);
  }
  return *this;
}

// ---- Connection ----

Connection::Connection(const Database& database) : derived_(database.derived()) {
  if (duckdb_connect(database.handle(), &handle_) == DuckDBError) {
    throw DatabaseError(fmt::format("cannot connect to database '{}'", database.path()));
  }
}

Connection::~Connection() {
  duckdb_disconnect(&handle_);
}

Connection::Connection(Connection&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), derived_(std::move(other.derived_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    duckdb_disconnect(&handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    derived_ = std::move(other.derived_);
  }
  return *this;
}

bool Connection::evict_cached_blocks() {
  // Lowering the limit makes the buffer manager evict down to it at once; then the limit in force before is
  // set again. Not RESET: in DuckDB 1.4 it restores the setting but leaves the buffer manager at 8 MB, and
  // the next large query fails. The value is DuckDB's own rendering (e.g. "18.8 GiB", which may read back
  // 0.1 GiB lower), never user input. 8 MB, not less: the statement that restores the limit needs memory of
  // its own. Blocks of a database file are reread on demand, so only the cache is lost.
  const std::string limit = std::get<std::string>(query("SELECT current_setting('memory_limit')").rows().at(0).at(0));
  // query(), not execute(): a setting changes no data, so the derived data built from it must stay (execute()
  // drops it, and the analyses would reload everything on their next call).
  try {
    query("SET memory_limit = '8MB'");
  } catch (const DatabaseError&) {
    return false;
  }
  query(fmt::format("SET memory_limit = '{}'", limit));
  return true;
}

void Connection::limit_memory(std::size_t bytes) {
  // query(), not execute(): see evict_cached_blocks.
  query(fmt::format("SET memory_limit = '{}MiB'", std::max<std::size_t>(bytes >> 20, 1)));
}

void Connection::execute(const std::string& sql) {
  derived_->clear();
  query(sql);
}

// ---- DerivedData ----

std::shared_ptr<void> DerivedData::get(const std::string& key, const std::function<std::shared_ptr<void>()>& build) {
  std::lock_guard lock(mutex_);
  for (const auto& [k, value] : values_) {
    if (k == key) return value;
  }
  values_.emplace_back(key, build());
  return values_.back().second;
}

void DerivedData::clear() {
  std::lock_guard lock(mutex_);
  values_.clear();
}

Result Connection::query(const std::string& sql) {
  duckdb_result result;
  if (duckdb_query(handle_, sql.c_str(), &result) == DuckDBError) {
    std::string message = duckdb_result_error(&result);
    duckdb_destroy_result(&result);
    throw DatabaseError(message);
  }
  return Result(result);
}

Result Connection::stream(const std::string& sql) {
  duckdb_prepared_statement statement = nullptr;
  if (duckdb_prepare(handle_, sql.c_str(), &statement) == DuckDBError) {
    std::string message = duckdb_prepare_error(statement) ? duckdb_prepare_error(statement) : "prepare failed";
    duckdb_destroy_prepare(&statement);
    throw DatabaseError(message);
  }
  duckdb_pending_result pending = nullptr;
  const duckdb_state state = duckdb_pending_prepared_streaming(statement, &pending);
  duckdb_destroy_prepare(&statement);
  if (state == DuckDBError) {
    std::string message = pending && duckdb_pending_error(pending) ? duckdb_pending_error(pending) : "query failed";
    duckdb_destroy_pending(&pending);
    throw DatabaseError(message);
  }
  duckdb_result result;
  const bool failed = duckdb_execute_pending(pending, &result) == DuckDBError;
  duckdb_destroy_pending(&pending);
  if (failed) {
    std::string message = duckdb_result_error(&result) ? duckdb_result_error(&result) : "query failed";
    duckdb_destroy_result(&result);
    throw DatabaseError(message);
  }
  return Result(result);
}

void Connection::interrupt() noexcept {
  duckdb_interrupt(handle_);
}

// ---- Chunk ----

Chunk::~Chunk() {
  duckdb_destroy_data_chunk(&chunk_);
}

Chunk& Chunk::operator=(Chunk&& other) noexcept {
  if (this != &other) {
    duckdb_destroy_data_chunk(&chunk_);
    chunk_ = std::exchange(other.chunk_, nullptr);
  }
  return *this;
}

std::size_t Chunk::size() const noexcept {
  return duckdb_data_chunk_get_size(chunk_);
}

bool Chunk::is_null(std::size_t col, std::size_t row) const {
  return !valid_at(duckdb_data_chunk_get_vector(chunk_, col), row);
}

std::int64_t Chunk::get_int64(std::size_t col, std::size_t row) const {
  duckdb_vector vector = duckdb_data_chunk_get_vector(chunk_, col);
  LogicalType type(duckdb_vector_get_column_type(vector));
  void* data = duckdb_vector_get_data(vector);
  if (duckdb_get_type_id(type.handle) == DUCKDB_TYPE_DATE) return static_cast<duckdb_date*>(data)[row].days;
  Value v = value_at(vector, row, type.handle);
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  throw DatabaseError(fmt::format("column {} is not an integer column", col));
}

double Chunk::get_double(std::size_t col, std::size_t row) const {
  duckdb_vector vector = duckdb_data_chunk_get_vector(chunk_, col);
  LogicalType type(duckdb_vector_get_column_type(vector));
  if (duckdb_get_type_id(type.handle) == DUCKDB_TYPE_DOUBLE) {
    // The data slot of a NULL row holds whatever was there before: read the validity mask first.
    if (!valid_at(vector, row)) return std::nan("");
    return static_cast<double*>(duckdb_vector_get_data(vector))[row];
  }
  Value v = value_at(vector, row, type.handle);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (std::holds_alternative<std::monostate>(v)) return std::nan("");
  throw DatabaseError(fmt::format("column {} is not numeric", col));
}

std::string_view Chunk::get_string(std::size_t col, std::size_t row) const {
  duckdb_vector vector = duckdb_data_chunk_get_vector(chunk_, col);
  LogicalType type(duckdb_vector_get_column_type(vector));
  if (duckdb_get_type_id(type.handle) != DUCKDB_TYPE_VARCHAR) {
    throw DatabaseError(fmt::format("column {} is not a VARCHAR column", col));
  }
  if (!valid_at(vector, row)) return {};
  return string_at(vector, row);
}

Value Chunk::value(std::size_t col, std::size_t row) const {
  duckdb_vector vector = duckdb_data_chunk_get_vector(chunk_, col);
  LogicalType type(duckdb_vector_get_column_type(vector));
  return value_at(vector, row, type.handle);
}

std::vector<std::string> Chunk::get_string_list(std::size_t col, std::size_t row) const {
  duckdb_vector vector = duckdb_data_chunk_get_vector(chunk_, col);
  std::vector<std::string> out;
  if (!valid_at(vector, row)) return out;
  auto* entries = static_cast<duckdb_list_entry*>(duckdb_vector_get_data(vector));
  duckdb_vector child = duckdb_list_vector_get_child(vector);
  out.reserve(entries[row].length);
  for (std::uint64_t i = 0; i < entries[row].length; ++i) {
    const std::size_t at = entries[row].offset + i;
    out.emplace_back(valid_at(child, at) ? string_at(child, at) : std::string_view{});
  }
  return out;
}

namespace {

template <typename T>
bool stores(duckdb_type type);
template <>
bool stores<std::int64_t>(duckdb_type type) {
  return type == DUCKDB_TYPE_BIGINT;
}
template <>
bool stores<std::int32_t>(duckdb_type type) {
  return type == DUCKDB_TYPE_INTEGER || type == DUCKDB_TYPE_DATE;
}
template <>
bool stores<double>(duckdb_type type) {
  return type == DUCKDB_TYPE_DOUBLE;
}

duckdb_type type_id(duckdb_vector vector) {
  LogicalType type(duckdb_vector_get_column_type(vector));
  return duckdb_get_type_id(type.handle);
}

}  // namespace

template <typename T>
ColumnView<T> Chunk::column(std::size_t col) const {
  duckdb_vector vector = duckdb_data_chunk_get_vector(chunk_, col);
  if (!stores<T>(type_id(vector))) {
    throw DatabaseError(fmt::format("column {} does not hold the type read (cast it in SQL)", col));
  }
  return {static_cast<const T*>(duckdb_vector_get_data(vector)), duckdb_vector_get_validity(vector)};
}

template ColumnView<std::int64_t> Chunk::column<std::int64_t>(std::size_t col) const;
template ColumnView<std::int32_t> Chunk::column<std::int32_t>(std::size_t col) const;
template ColumnView<double> Chunk::column<double>(std::size_t col) const;

StringColumnView Chunk::strings(std::size_t col) const {
  duckdb_vector vector = duckdb_data_chunk_get_vector(chunk_, col);
  if (type_id(vector) != DUCKDB_TYPE_VARCHAR) {
    throw DatabaseError(fmt::format("column {} is not a VARCHAR column", col));
  }
  return {static_cast<const duckdb_string_t*>(duckdb_vector_get_data(vector)), duckdb_vector_get_validity(vector)};
}

// ---- Result ----

Result::~Result() {
  if (valid_) duckdb_destroy_result(&result_);
}

Result::Result(Result&& other) noexcept : result_(other.result_), valid_(std::exchange(other.valid_, false)) {}

Result& Result::operator=(Result&& other) noexcept {
  if (this != &other) {
    if (valid_) duckdb_destroy_result(&result_);
    result_ = other.result_;
    valid_ = std::exchange(other.valid_, false);
  }
  return *this;
}

std::size_t Result::column_count() {
  return valid_ ? duckdb_column_count(&result_) : 0;
}

std::string Result::column_name(std::size_t col) {
  const char* name = duckdb_column_name(&result_, col);
  return name ? name : "";
}

duckdb_type Result::column_type(std::size_t col) {
  return duckdb_column_type(&result_, col);
}

std::int64_t Result::rows_changed() {
  return valid_ ? static_cast<std::int64_t>(duckdb_rows_changed(&result_)) : 0;
}

std::optional<Chunk> Result::next_chunk() {
  if (!valid_) return std::nullopt;
  duckdb_data_chunk chunk = duckdb_fetch_chunk(result_);
  if (chunk == nullptr) return std::nullopt;
  return Chunk(chunk);
}

std::vector<std::vector<Value>> Result::rows() {
  std::vector<std::vector<Value>> out;
  const std::size_t columns = column_count();
  while (auto chunk = next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      std::vector<Value> row;
      row.reserve(columns);
      for (std::size_t c = 0; c < columns; ++c) {
        row.push_back(chunk->value(c, r));
      }
      out.push_back(std::move(row));
    }
  }
  return out;
}

Value Result::scalar() {
  auto all = rows();
  if (all.size() != 1 || all[0].size() != 1) {
    throw DatabaseError(fmt::format("expected one value, got {} row(s)", all.size()));
  }
  return std::move(all[0][0]);
}

// ---- PreparedStatement ----

// Non-const: preparing changes the connection's state even though handle() is a const accessor.
// cppcheck-suppress constParameter
PreparedStatement::PreparedStatement(Connection& connection, const std::string& sql) {
  if (duckdb_prepare(connection.handle(), sql.c_str(), &handle_) == DuckDBError) {
    std::string message = duckdb_prepare_error(handle_) ? duckdb_prepare_error(handle_) : "prepare failed";
    duckdb_destroy_prepare(&handle_);
    throw DatabaseError(message);
  }
}

PreparedStatement::~PreparedStatement() {
  duckdb_destroy_prepare(&handle_);
}

PreparedStatement::PreparedStatement(PreparedStatement&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)) {}

PreparedStatement& PreparedStatement::operator=(PreparedStatement&& other) noexcept {
  if (this != &other) {
    duckdb_destroy_prepare(&handle_);
    handle_ = std::exchange(other.handle_, nullptr);
  }
  return *this;
}

void PreparedStatement::check(duckdb_state state, std::size_t index, const char* what) {
  if (state == DuckDBError) {
    throw DatabaseError(fmt::format("cannot bind {} to parameter {} (statement has {} parameter(s))", what, index,
                                    duckdb_nparams(handle_)));
  }
}

PreparedStatement& PreparedStatement::bind(std::size_t index, std::int64_t value) {
  check(duckdb_bind_int64(handle_, index, value), index, "an integer");
  return *this;
}
PreparedStatement& PreparedStatement::bind(std::size_t index, double value) {
  check(duckdb_bind_double(handle_, index, value), index, "a double");
  return *this;
}
PreparedStatement& PreparedStatement::bind(std::size_t index, bool value) {
  check(duckdb_bind_boolean(handle_, index, value), index, "a boolean");
  return *this;
}
PreparedStatement& PreparedStatement::bind(std::size_t index, std::string_view value) {
  check(duckdb_bind_varchar_length(handle_, index, value.data(), value.size()), index, "a string");
  return *this;
}
PreparedStatement& PreparedStatement::bind(std::size_t index, Date value) {
  check(duckdb_bind_date(handle_, index, duckdb_date{value.days}), index, "a date");
  return *this;
}
PreparedStatement& PreparedStatement::bind(std::size_t index, const std::vector<std::string>& values) {
  duckdb_value list = make_varchar_list(values);
  const duckdb_state state = duckdb_bind_value(handle_, index, list);
  duckdb_destroy_value(&list);
  check(state, index, "a list");
  return *this;
}
PreparedStatement& PreparedStatement::bind_null(std::size_t index) {
  check(duckdb_bind_null(handle_, index), index, "NULL");
  return *this;
}

std::size_t PreparedStatement::parameter_count() const {
  return duckdb_nparams(handle_);
}

Result PreparedStatement::execute() {
  duckdb_result result;
  if (duckdb_execute_prepared(handle_, &result) == DuckDBError) {
    std::string message = duckdb_result_error(&result);
    duckdb_destroy_result(&result);
    throw DatabaseError(message);
  }
  return Result(result);
}

// ---- Appender ----

// Non-const: an appender writes through the connection.
// cppcheck-suppress constParameter
Appender::Appender(Connection& connection, const std::string& table) : table_(table) {
  if (duckdb_appender_create_ext(connection.handle(), nullptr, nullptr, table.c_str(), &handle_) == DuckDBError) {
    std::string message = "cannot create appender";
    if (handle_) {
      duckdb_error_data error = duckdb_appender_error_data(handle_);
      message = duckdb_error_data_message(error);
      duckdb_destroy_error_data(&error);
    }
    duckdb_appender_destroy(&handle_);
    throw DatabaseError(fmt::format("table '{}': {}", table, message));
  }
}

Appender::~Appender() {
  // Destroy flushes; errors at this point cannot be reported, close() is the checked path.
  duckdb_appender_destroy(&handle_);
}

void Appender::check(duckdb_state state) {
  if (state == DuckDBError) {
    duckdb_error_data error = duckdb_appender_error_data(handle_);
    std::string message = duckdb_error_data_message(error);
    duckdb_destroy_error_data(&error);
    throw DatabaseError(fmt::format("appending to '{}': {}", table_, message));
  }
}

Appender& Appender::append(std::int64_t value) {
  check(duckdb_append_int64(handle_, value));
  return *this;
}
Appender& Appender::append(std::int32_t value) {
  check(duckdb_append_int32(handle_, value));
  return *this;
}
Appender& Appender::append(double value) {
  check(duckdb_append_double(handle_, value));
  return *this;
}
Appender& Appender::append(bool value) {
  check(duckdb_append_bool(handle_, value));
  return *this;
}
Appender& Appender::append(std::string_view value) {
  check(duckdb_append_varchar_length(handle_, value.data(), value.size()));
  return *this;
}
Appender& Appender::append(Date value) {
  check(duckdb_append_date(handle_, duckdb_date{value.days}));
  return *this;
}
Appender& Appender::append(const std::vector<std::string>& values) {
  duckdb_value list = make_varchar_list(values);
  const duckdb_state state = duckdb_append_value(handle_, list);
  duckdb_destroy_value(&list);
  check(state);
  return *this;
}
Appender& Appender::append_null() {
  check(duckdb_append_null(handle_));
  return *this;
}
void Appender::end_row() {
  check(duckdb_appender_end_row(handle_));
}
void Appender::close() {
  if (handle_ == nullptr) return;
  check(duckdb_appender_close(handle_));
  duckdb_appender_destroy(&handle_);
}

}  // namespace mtm::db
