// JSON form of database values and results, shared by the query command and the API summaries.
#pragma once

#include <nlohmann/json.hpp>

#include "data/duckdb.hpp"

namespace mtm::db {

/// NULL → null, booleans, integers, doubles and text as themselves.
nlohmann::json to_json(const Value& value);
/// Every remaining row of result as an object keyed by column name.
nlohmann::json rows_to_json(Result& result);

}  // namespace mtm::db
