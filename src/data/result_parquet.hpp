// A query result already read (db::SqlResult) written as a Parquet file, for the SQL workbench's and the table
// browser's "these rows as Parquet" downloads. The rows go through a private in-memory DuckDB instance (the
// result's values only, never the query), so the sandbox that ran the query keeps its file access off.
// Thread-safe: each call has its own instance and temporary file.
#pragma once

#include <string>

#include "data/sql_sandbox.hpp"

namespace mtm::db {

/// The bytes of a Parquet file holding result's columns (names kept; BOOLEAN, BIGINT, DOUBLE, DATE and
/// TIMESTAMP kept, anything else as VARCHAR) and rows. Throws DatabaseError.
std::string result_parquet(const SqlResult& result);

}  // namespace mtm::db
