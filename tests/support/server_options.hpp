// Server options for a test's embedded server: the database, the thread count and the request size limit, the
// rest at their defaults (ServerOptions derives from HttpLimits, so it has no positional initialiser).
#pragma once

#include <cstddef>
#include <string>

#include "server/api.hpp"

namespace mtm::test {

inline server::ServerOptions server_options(std::string db_path, std::size_t threads, std::size_t max_request_bytes) {
  server::ServerOptions options;
  options.db_path = std::move(db_path);
  options.threads = threads;
  options.max_request_bytes = max_request_bytes;
  return options;
}

}  // namespace mtm::test
