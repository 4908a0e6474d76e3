// The route table: every URL the server answers, its handler and how the OpenAPI document describes
// it. routes.cpp is the one place to read to find what serves a URL. Read-only after start.
#pragma once

#include <string>
#include <vector>

#include "core/errors.hpp"
#include "server/api.hpp"
#include "server/handler_types.hpp"

namespace mtm::server {

struct RouteSpec {
  std::string method;
  /// Path as written in the OpenAPI document, e.g. "/api/v1/analyses/{id}".
  std::string path;
  /// Regular expression the whole request path must match; its groups are the request's matches.
  std::string pattern;
  std::string summary;
  /// OpenAPI tag: "api", "admin", "explorer", "health" or "ui".
  std::string tag;
  /// Query parameters accepted besides lang (analysis routes take theirs from the registry).
  std::vector<std::string> query;
  api::Handler handler;
};

/// What the server learns about the request a worker thread is handling, for the access log and metrics.
struct RequestTrace {
  /// The documented path of the route that answered, or "unmatched".
  std::string route = "unmatched";
  double handler_ms = 0;
};
/// This thread's trace; the server resets it before routing each request.
RequestTrace& request_trace();

/// Every route, in the order they are registered.
const std::vector<RouteSpec>& route_specs();
/// Write the problem of error (its kind mapped by problem_kind_for): the message for a validation, not-found or
/// analysis error, a generic text otherwise (internals stay in the log, written here).
void send_error_problem(const Request& req, Response& res, const Error& error);
/// Call handler and turn any exception into a problem+json response (and a log line for 5xx).
void run_guarded(api::Handler handler, ApiContext& ctx, const Request& req, Response& res);

}  // namespace mtm::server
