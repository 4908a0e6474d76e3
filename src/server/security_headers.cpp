#include "server/security_headers.hpp"

namespace mtm::server {

const Headers& security_headers() {
  static const Headers kHeaders = {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      // For browsers that predate frame-ancestors.
      {"X-Frame-Options", "DENY"},
  };
  return kHeaders;
}

}  // namespace mtm::server
