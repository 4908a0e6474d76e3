// Access control of the admin routes: a bearer token compared in constant time. The token is a secret:
// nothing here logs it or puts it in a response.
#pragma once

#include <string>
#include <string_view>

#include "server/handler_types.hpp"

namespace mtm::server {

/// Equality whose running time depends only on expected's length, never on where the texts differ.
bool constant_time_equals(std::string_view given, std::string_view expected) noexcept;

/// The token of an "Authorization: Bearer <token>" header (scheme case-insensitive), or "" when absent.
std::string bearer_token(const Request& req);

}  // namespace mtm::server
