// The explorer's API: search, recipe pages and reviews, pantry matching, ingredient/tag completion,
// contributor and user pages. Routes are listed here and added to the route table by routes.cpp;
// their OpenAPI parameters are described here too, next to the code that parses them.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"
#include "data/duckdb.hpp"

namespace mtm::server {

struct RouteSpec;

/// Build the in-memory explorer index from the database (logs how long it took).
std::shared_ptr<const analysis::explorer::ExplorerIndex> load_explorer_index(const db::Database& database);

/// routes followed by the explorer's routes.
std::vector<RouteSpec> with_explorer_routes(std::vector<RouteSpec> routes);

/// OpenAPI parameters (path and query, lang excluded) of an explorer route; empty for other paths.
nlohmann::json explorer_openapi_parameters(const std::string& path);

/// OpenAPI schema of an explorer route's 200 answer, with its fields; null for other paths.
nlohmann::json explorer_openapi_response(const std::string& path);

}  // namespace mtm::server
