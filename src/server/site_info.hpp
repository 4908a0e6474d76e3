// What the site says about itself (environment and badge) and who a request comes from: the client address, read
// from X-Forwarded-For only when the peer is a trusted proxy. Read-only after start.
#pragma once

#include <string>
#include <vector>

#include "core/environment.hpp"
#include "server/event_budget.hpp"
#include "server/handler_types.hpp"
#include "server/server_options.hpp"

namespace mtm::server {

struct SiteInfo {
  explicit SiteInfo(const ServerOptions& options)
      : environment(options.environment),
        badge(options.badge),
        trusted_proxies(parse_address_list(options.events.trusted_proxies)) {}

  /// The address a request comes from, for per-client limits.
  [[nodiscard]] std::string client_of(const Request& req) const {
    return client_address(req.remote_addr, req.get_header_value("X-Forwarded-For"), trusted_proxies);
  }

  Environment environment;
  std::string badge;
  std::vector<std::string> trusted_proxies;
};

}  // namespace mtm::server
