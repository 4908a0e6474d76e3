// The table browser's queries: one view of a table (filters per column, a sort, a page) turned into SQL whose
// identifiers all come from the table's schema (never from the request) and whose values are all bound
// parameters. Pure functions over a TableSchema, so the SQL is checked without a database; thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace mtm::server {

struct ColumnSchema {
  std::string name;
  /// DuckDB's data_type as information_schema writes it (BIGINT, VARCHAR, DATE, VARCHAR[]…).
  std::string type;
  /// Offered as a facet (counts per value): booleans and the few low-cardinality calendar and rating columns.
  bool facet = false;
};

struct TableSchema {
  std::string name;
  /// "table" or "view".
  std::string kind;
  std::vector<ColumnSchema> columns;
  std::int64_t rows = 0;
};

/// One filter on a column: eq (equals), min/max (a closed range) or has (contains, case-insensitive).
struct ColumnFilter {
  std::string column;
  std::string op;
  std::string value;
};

struct TableView {
  std::string table;
  std::vector<ColumnFilter> filters;
  std::string sort;
  bool descending = false;
  std::size_t page = 1;
  std::size_t per_page = 50;
};

/// SQL text with its parameters in order (all VARCHAR, cast in the SQL to the column's type).
struct BoundSql {
  std::string sql;
  std::vector<std::string> values;
};

/// The largest page the browser serves.
inline constexpr std::size_t kMaxPerPage = 500;

/// Read a view from query parameters (table, page, per_page, sort, order, eq.COL, min.COL, max.COL, has.COL)
/// against the known tables; throws ValidationError naming the parameter for an unknown table or column, a
/// bad number, an unknown order, a range on a text or list column, or any other parameter (lang excepted).
TableView parse_view(const std::multimap<std::string, std::string>& params, const std::vector<TableSchema>& tables);

/// The schema of the view's table (which parse_view checked exists).
const TableSchema& table_of(const TableView& view, const std::vector<TableSchema>& tables);

/// SELECT * of the view's page, sorted (ties broken by every column, so pages never overlap).
BoundSql page_sql(const TableView& view, const TableSchema& table);
/// SELECT * of every row of the view (all its pages), in the same order.
BoundSql view_sql(const TableView& view, const TableSchema& table);
/// count(*) of the view's rows.
BoundSql count_sql(const TableView& view, const TableSchema& table);
/// Values and counts of one facet column over the view's rows, most frequent first, at most limit.
BoundSql facet_sql(const TableView& view, const TableSchema& table, const std::string& column, std::size_t limit);

/// "name" quoted as a SQL identifier.
std::string quoted_identifier(const std::string& name);

}  // namespace mtm::server
