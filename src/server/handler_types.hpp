// The request and response types every handler sees. Handlers name these, never the HTTP library, so the
// library underneath can change in this one file.
#pragma once

#include <httplib.h>

namespace mtm::server {

using Request = httplib::Request;
using Response = httplib::Response;

}  // namespace mtm::server
