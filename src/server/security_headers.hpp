// The security headers sent on every response, whatever produced it (a route, a 404, a 413 from
// the HTTP core itself). The UI loads nothing from another origin, so the policy names none.
#pragma once

#include <string>

#include "server/handler_types.hpp"

namespace mtm::server {

/// Content-Security-Policy of every response. Plotly needs 'unsafe-inline' styles (it writes style
/// attributes and a <style> element) and data:/blob: images (the modebar's PNG export); no script may
/// come from anywhere but this origin.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

/// Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, X-Frame-Options.
const Headers& security_headers();

}  // namespace mtm::server
