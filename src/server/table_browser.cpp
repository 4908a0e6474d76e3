#include "server/table_browser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/errors.hpp"
#include "data/duckdb.hpp"

namespace mtm::server {

namespace {

bool is_list(const ColumnSchema& column) {
  return column.type.size() > 2 && column.type.ends_with("[]");
}

bool is_text(const ColumnSchema& column) {
  return column.type == "VARCHAR";
}

bool is_boolean(const ColumnSchema& column) {
  return column.type == "BOOLEAN";
}

const ColumnSchema* find_column(const TableSchema& table, const std::string& name) {
  const auto it =
      std::find_if(table.columns.begin(), table.columns.end(), [&](const ColumnSchema& c) { return c.name == name; });
  return it == table.columns.end() ? nullptr : &*it;
}

std::size_t parse_count(const std::string& parameter, const std::string& text, std::size_t minimum,
                        std::size_t maximum) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < minimum || value > maximum) {
    throw ValidationError(parameter, fmt::format("parameter '{}' must be an integer from {} to {}, got '{}'", parameter,
                                                 minimum, maximum, text));
  }
  return value;
}

bool is_integer_type(const std::string& type) {
  static const std::vector<std::string> kTypes = {"TINYINT",  "SMALLINT",  "INTEGER",  "BIGINT", "HUGEINT",
                                                  "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"};
  return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end();
}

// The value of an eq/min/max filter read as the column's type, so a bad value is the client's 400 naming the
// parameter, not a conversion error of the database.
void check_value(const std::string& parameter, const ColumnSchema& column, const std::string& value) {
  const auto bad = [&](const char* expected) {
    throw ValidationError(parameter, fmt::format("parameter '{}' must be {} (column '{}' is {}), got '{}'", parameter,
                                                 expected, column.name, column.type, value));
  };
  if (is_integer_type(column.type)) {
    std::int64_t parsed = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (error != std::errc() || end != value.data() + value.size()) bad("an integer");
  } else if (column.type == "DOUBLE" || column.type == "FLOAT" || column.type.starts_with("DECIMAL")) {
    double parsed = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(parsed)) bad("a number");
  } else if (column.type == "DATE") {
    if (!db::parse_date(value)) bad("a date YYYY-MM-DD");
  } else if (is_boolean(column)) {
    if (value != "true" && value != "false") bad("true or false");
  }
}

ColumnFilter parse_filter(const std::string& name, const std::string& value, const TableSchema& table) {
  const auto dot = name.find('.');
  ColumnFilter filter{name.substr(dot + 1), name.substr(0, dot), value};
  const ColumnSchema* column = find_column(table, filter.column);
  if (column == nullptr) {
    throw ValidationError(name, fmt::format("table '{}' has no column '{}'", table.name, filter.column));
  }
  if ((filter.op == "min" || filter.op == "max") && (is_text(*column) || is_list(*column) || is_boolean(*column))) {
    throw ValidationError(name, fmt::format("column '{}' is {}: a range needs a number or a date (use eq or has)",
                                            column->name, column->type));
  }
  if (filter.op != "has" && !is_list(*column)) check_value(name, *column, value);
  return filter;
}

// The WHERE clause of the view's filters, appending their values to out.values.
std::string where_clause(const TableView& view, const TableSchema& table, BoundSql& out) {
  std::vector<std::string> conditions;
  for (const auto& filter : view.filters) {
    const ColumnSchema& column = *find_column(table, filter.column);
    const std::string id = quoted_identifier(column.name);
    // The type names come from the database's own catalog, never from the request.
    if (filter.op == "has") {
      conditions.push_back(fmt::format("contains(lower(CAST({} AS VARCHAR)), lower(?))", id));
    } else if (filter.op == "eq" && is_list(column)) {
      conditions.push_back(fmt::format("list_contains({}, ?)", id));
    } else {
      const char* comparison = filter.op == "eq" ? "=" : filter.op == "min" ? ">=" : "<=";
      conditions.push_back(fmt::format("{} {} CAST(? AS {})", id, comparison, column.type));
    }
    out.values.push_back(filter.value);
  }
  if (conditions.empty()) return {};
  return fmt::format(" WHERE {}", fmt::join(conditions, " AND "));
}

}  // namespace

std::string quoted_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

const TableSchema& table_of(const TableView& view, const std::vector<TableSchema>& tables) {
  const auto it =
      std::find_if(tables.begin(), tables.end(), [&](const TableSchema& t) { return t.name == view.table; });
  if (it == tables.end()) throw ValidationError("table", fmt::format("there is no table '{}'", view.table));
  return *it;
}

TableView parse_view(const std::multimap<std::string, std::string>& params, const std::vector<TableSchema>& tables) {
  TableView view;
  const auto table_param = params.find("table");
  if (table_param == params.end()) throw ValidationError("table", "parameter 'table' is missing");
  view.table = table_param->second;
  const TableSchema& table = table_of(view, tables);
  std::string previous;
  for (const auto& [name, value] : params) {
    if (name == previous) throw ValidationError(name, fmt::format("parameter '{}' is given more than once", name));
    previous = name;
    if (name == "table" || name == "lang") continue;
    if (name == "page") {
      view.page = parse_count(name, value, 1, 1000000);
    } else if (name == "per_page") {
      view.per_page = parse_count(name, value, 1, kMaxPerPage);
    } else if (name == "sort") {
      if (find_column(table, value) == nullptr) {
        throw ValidationError(name, fmt::format("table '{}' has no column '{}'", table.name, value));
      }
      view.sort = value;
    } else if (name == "order") {
      if (value != "asc" && value != "desc") throw ValidationError(name, "parameter 'order' must be asc or desc");
      view.descending = value == "desc";
    } else if (name.starts_with("eq.") || name.starts_with("min.") || name.starts_with("max.") ||
               name.starts_with("has.")) {
      view.filters.push_back(parse_filter(name, value, table));
    } else {
      throw ValidationError(name, fmt::format("unknown parameter '{}' (accepted: table, page, per_page, sort, order, "
                                              "eq.COLUMN, min.COLUMN, max.COLUMN, has.COLUMN)",
                                              name));
    }
  }
  return view;
}

BoundSql view_sql(const TableView& view, const TableSchema& table) {
  BoundSql out;
  const std::string where = where_clause(view, table, out);
  std::vector<std::string> order;
  if (!view.sort.empty()) {
    order.push_back(fmt::format("{} {} NULLS LAST", quoted_identifier(view.sort), view.descending ? "DESC" : "ASC"));
  }
  for (const auto& column : table.columns) {
    if (column.name != view.sort) order.push_back(quoted_identifier(column.name));
  }
  out.sql = fmt::format("SELECT * FROM {}{} ORDER BY {}", quoted_identifier(table.name), where, fmt::join(order, ", "));
  return out;
}

BoundSql page_sql(const TableView& view, const TableSchema& table) {
  BoundSql out = view_sql(view, table);
  out.sql += fmt::format(" LIMIT {} OFFSET {}", view.per_page, (view.page - 1) * view.per_page);
  return out;
}

BoundSql count_sql(const TableView& view, const TableSchema& table) {
  BoundSql out;
  const std::string where = where_clause(view, table, out);
  out.sql = fmt::format("SELECT count(*) FROM {}{}", quoted_identifier(table.name), where);
  return out;
}

BoundSql facet_sql(const TableView& view, const TableSchema& table, const std::string& column, std::size_t limit) {
  BoundSql out;
  const std::string where = where_clause(view, table, out);
  out.sql = fmt::format("SELECT {0} AS value, count(*) AS n FROM {1}{2} GROUP BY {0} ORDER BY n DESC, value LIMIT {3}",
                        quoted_identifier(column), quoted_identifier(table.name), where, limit);
  return out;
}

}  // namespace mtm::server
