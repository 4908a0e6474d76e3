// The read-only SQL workbench's routes (GET and POST /api/v1/sql), added to the route table by routes.cpp,
// with their OpenAPI description next to the code that reads them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "data/sql_sandbox.hpp"

namespace mtm::server {

struct RouteSpec;

/// routes followed by the SQL routes.
std::vector<RouteSpec> with_sql_routes(std::vector<RouteSpec> routes);

/// The OpenAPI fields (parameters, requestBody, responses) of a SQL route; null for other paths.
nlohmann::json sql_openapi_operation(const std::string& path, const std::string& method);

/// A result as the API's JSON: columns (name, type), rows as arrays, row_count, truncated, truncated_by.
nlohmann::json sql_result_json(const db::SqlResult& result);
/// A result as RFC 4180 CSV with a header line (CRLF line ends).
std::string sql_result_csv(const db::SqlResult& result);

}  // namespace mtm::server
