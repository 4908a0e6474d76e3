// The OpenAPI 3.0 document of the server, generated from the route table and the analysis registry
// so that the document and the routes cannot drift apart. Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

namespace mtm::server {

/// The whole document: every route of route_specs(), and one path per registered analysis with its
/// query parameters.
nlohmann::json openapi_document();

}  // namespace mtm::server
