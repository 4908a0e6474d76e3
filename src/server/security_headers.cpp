#include "server/security_headers.hpp"

namespace mtm::server {

httplib::Headers security_headers() {
  return {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      // For browsers that predate frame-ancestors.
      {"X-Frame-Options", "DENY"},
  };
}

}  // namespace mtm::server
