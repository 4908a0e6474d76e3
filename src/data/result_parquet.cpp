#include "data/result_parquet.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/errors.hpp"

namespace mtm::db {

namespace fs = std::filesystem;

namespace {

std::string sql_quoted(const std::string& text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote) out += quote;
    out += c;
  }
  return out + quote;
}

// The table column type of a result column: the types its Value can hold as they are, else text.
std::string stored_type(const std::string& type) {
  if (type == "BOOLEAN" || type == "DOUBLE") return type;
  if (type == "FLOAT" || type == "DECIMAL" || type == "HUGEINT" || type == "UBIGINT") return "DOUBLE";
  if (type == "TINYINT" || type == "SMALLINT" || type == "INTEGER" || type == "BIGINT" || type == "UTINYINT" ||
      type == "USMALLINT" || type == "UINTEGER") {
    return "BIGINT";
  }
  return "VARCHAR";
}

// The Parquet column: dates and timestamps (read back as text) get their type again.
std::string exported_column(const SqlColumn& column) {
  std::string id = sql_quoted(column.name, '"');
  if (column.type == "DATE" || column.type.starts_with("TIMESTAMP")) {
    return fmt::format("TRY_CAST({0} AS {1}) AS {0}", id, column.type == "DATE" ? "DATE" : "TIMESTAMP");
  }
  return id;
}

void append_value(Appender& appender, const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    appender.append_null();
  } else if (const auto* b = std::get_if<bool>(&value)) {
    appender.append(*b);
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    appender.append(*i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    appender.append(*d);
  } else {
    appender.append(std::string_view(std::get<std::string>(value)));
  }
}

}  // namespace

std::string result_parquet(const SqlResult& result) {
  static std::atomic<unsigned> counter{0};
  const fs::path file =
      fs::temp_directory_path() / fmt::format("mangetamain-result-{}-{}.parquet", ::getpid(), ++counter);
  Database memory("");
  Connection connection = memory.connect();
  std::vector<std::string> definitions;
  std::vector<std::string> exported;
  std::vector<std::string> names;
  for (const auto& column : result.columns) {
    // A query may name two columns alike (SELECT 1 AS a, 2 AS a), a table may not: later ones get a suffix.
    std::string name = column.name.empty() ? "column" : column.name;
    for (int n = 2; std::find(names.begin(), names.end(), name) != names.end(); ++n) {
      name = fmt::format("{}_{}", column.name, n);
    }
    names.push_back(name);
    definitions.push_back(fmt::format("{} {}", sql_quoted(name, '"'), stored_type(column.type)));
    exported.push_back(exported_column({name, column.type}));
  }
  if (definitions.empty()) throw DatabaseError("a result without columns has no Parquet form");
  connection.execute(fmt::format("CREATE TABLE result ({})", fmt::join(definitions, ", ")));
  {
    Appender appender(connection, "result");
    for (const auto& row : result.rows) {
      for (const auto& value : row) append_value(appender, value);
      appender.end_row();
    }
    appender.close();
  }
  connection.execute(fmt::format("COPY (SELECT {} FROM result) TO {} (FORMAT parquet, COMPRESSION zstd)",
                                 fmt::join(exported, ", "), sql_quoted(file.string(), '\'')));
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  std::error_code ignored;
  fs::remove(file, ignored);
  return bytes;
}

}  // namespace mtm::db
