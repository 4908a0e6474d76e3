// The data-for-analysts routes: the Parquet and CSV exports of the clean data (listed with their sizes, served
// from disk with ranges and ETags). Routes are listed here and added to the route table by routes.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mtm::server {

struct RouteSpec;

/// routes followed by the data routes.
std::vector<RouteSpec> with_data_routes(std::vector<RouteSpec> routes);

/// The OpenAPI fields (parameters, responses) of a data route; null for other paths.
nlohmann::json data_openapi_operation(const std::string& path);

}  // namespace mtm::server
