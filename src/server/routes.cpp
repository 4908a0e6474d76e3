#include "server/routes.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "analysis/filters.hpp"
#include "core/errors.hpp"
#include "server/explorer_routes.hpp"
#include "server/problem.hpp"

namespace mtm::server {

const std::vector<RouteSpec>& route_specs() {
  static const std::vector<RouteSpec> kRoutes = with_explorer_routes({
      {"GET", "/", "/", "The web UI (view state in the query string)", "ui", {}, api::get_index},
      {"GET",
       "/assets/{path}",
       "/assets/(.+)",
       "Embedded UI assets (scripts, styles, fonts, Plotly)",
       "ui",
       {},
       api::get_asset},
      {"GET", "/healthz", "/healthz", "Liveness: the process answers", "health", {}, api::get_healthz},
      {"GET", "/readyz", "/readyz", "Readiness: the database answers; dataset identity", "health", {}, api::get_readyz},
      {"GET",
       "/metrics",
       "/metrics",
       "Prometheus metrics: requests, latency, cache, dataset rows, build",
       "health",
       {},
       api::get_metrics},
      {"POST",
       "/api/v1/events",
       "/api/v1/events",
       "Record one user action (page view, filter change, language change, download)",
       "api",
       {},
       api::post_event},
      {"GET",
       "/api/v1/meta",
       "/api/v1/meta",
       "Version, commit, build date, environment and data date",
       "api",
       {},
       api::get_meta},
      {"GET",
       "/api/v1/summary",
       "/api/v1/summary",
       "Dataset summary: sizes, date ranges and headline KPIs",
       "api",
       {},
       api::get_summary},
      {"GET",
       "/api/v1/ingest-report",
       "/api/v1/ingest-report",
       "Ingest report: rows in, rejected and out per rule",
       "api",
       {},
       api::get_ingest_report},
      {"GET",
       "/api/v1/analyses",
       "/api/v1/analyses",
       "Every analysis with its page, titles and filters",
       "api",
       {},
       api::get_analyses},
      {"GET",
       "/api/v1/analyses/{id}",
       "/api/v1/analyses/([A-Za-z0-9_.-]+)",
       "Run one analysis with the given filters (result cached)",
       "api",
       {},
       api::get_analysis},
      {"GET",
       "/api/v1/openapi.json",
       "/api/v1/openapi.json",
       "This API as an OpenAPI 3.0 document",
       "api",
       {},
       api::get_openapi},
      {"POST",
       "/api/v1/admin/reload",
       "/api/v1/admin/reload",
       "Reload the dataset (re-fetching from S3 when the source is s3://) and clear the result cache; needs "
       "the admin token as a Bearer token",
       "admin",
       {},
       api::post_admin_reload},
  });
  return kRoutes;
}

namespace {

// Expected value of a filter, in French, for the localised 400 message (the English one comes from
// the filter parser itself).
std::string expected_fr(const std::string& parameter) {
  const auto* spec = analysis::find_filter_spec(parameter);
  if (spec == nullptr) return "valeur non reconnue";
  const auto range = [&] { return fmt::format("entre {} et {}", spec->minimum, spec->maximum); };
  if (spec->type == "integer") return "un entier " + range();
  if (spec->type == "number") return "un nombre " + range();
  if (spec->type == "boolean") return "true ou false";
  if (spec->type == "enum") return fmt::format("une valeur parmi : {}", fmt::join(spec->allowed, ", "));
  if (spec->type == "enum_list")
    return fmt::format("une liste séparée par des virgules parmi : {}", fmt::join(spec->allowed, ", "));
  if (spec->type == "integer_list") return "une liste séparée par des virgules d'entiers " + range();
  return "valeur non reconnue";
}

std::string capitalised_sentence(std::string text) {
  if (!text.empty() && text.front() >= 'a' && text.front() <= 'z') text.front() = static_cast<char>(text.front() - 32);
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

}  // namespace

void run_guarded(api::Handler handler, ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const Lang lang = request_language(req);
  try {
    handler(ctx, req, res);
  } catch (const ParameterError& e) {
    const bool named = !e.parameter().empty();
    const std::string detail = problem_detail(e.problem_kind(), lang, named ? e.parameter() : e.argument(),
                                              named ? e.argument() : std::string());
    send_problem(req, res, e.problem_kind(), detail, e.parameter());
  } catch (const ValidationError& e) {
    std::string detail;
    if (lang == Lang::Fr) {
      std::string expected = expected_fr(e.parameter());
      if (req.has_param(e.parameter().c_str())) {
        expected += fmt::format(" (reçu : « {} »)", req.get_param_value(e.parameter().c_str()));
      }
      detail = problem_detail(ProblemKind::InvalidValue, lang, e.parameter(), expected);
    } else {
      detail = capitalised_sentence(e.what());
    }
    send_problem(req, res, ProblemKind::InvalidValue, detail, e.parameter());
  } catch (const NotFoundError&) {
    send_problem(req, res, ProblemKind::NotFound, problem_detail(ProblemKind::NotFound, lang, req.path));
  } catch (const AnalysisError& e) {
    spdlog::warn("{} {}: analysis error: {}", req.method, req.path, e.what());
    send_problem(req, res, ProblemKind::AnalysisFailed, capitalised_sentence(e.what()));
  } catch (const DataLoadError& e) {
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    send_problem(req, res, ProblemKind::NotReady, problem_detail(ProblemKind::NotReady, lang));
  } catch (const std::exception& e) {
    // Internals (SQL, paths) stay in the log; the client gets a generic message.
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    send_problem(req, res, ProblemKind::Internal, problem_detail(ProblemKind::Internal, lang));
  } catch (...) {
    spdlog::error("{} {}: unknown exception", req.method, req.path);
    send_problem(req, res, ProblemKind::Internal, problem_detail(ProblemKind::Internal, lang));
  }
}

RequestTrace& request_trace() {
  thread_local RequestTrace trace;
  return trace;
}

void register_routes(httplib::Server& svr, ApiContext& ctx) {
  for (const auto& route : route_specs()) {
    auto handler = [&ctx, fn = route.handler, path = &route.path](const httplib::Request& req, httplib::Response& res) {
      RequestTrace& trace = request_trace();
      trace.route = *path;
      const auto start = std::chrono::steady_clock::now();
      run_guarded(fn, ctx, req, res);
      trace.handler_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    if (route.method == "GET") svr.Get(route.pattern, handler);
    if (route.method == "POST") {
      // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 6.3), which is what
      // `curl -X POST` without -d sends; cpp-httplib would read such a POST until the client closes (curl
      // waited 10 s, then got an empty 400). With a content reader the route decides whether to read.
      svr.Post(route.pattern, [handler](const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& content_reader) {
        if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
          handler(req, res);
          return;
        }
        httplib::Request with_body = req;
        const bool read = content_reader([&with_body](const char* data, std::size_t size) {
          with_body.body.append(data, size);
          return true;
        });
        if (!read) {
          // Over the size limit (413, written by the error handler) or a broken body: the rest of the stream
          // cannot be trusted, so the connection ends here.
          if (res.status == -1) res.status = 400;
          res.set_header("Connection", "close");
          return;
        }
        handler(with_body, res);
      });
    }
  }
  // A routed path asked with another method: 405 with Allow (HEAD goes with GET; OPTIONS answers the same way,
  // with no CORS: the UI is same-origin). Bodies are never read (content-reader handlers that do not read).
  std::map<std::string, std::set<std::string>> methods_by_pattern;
  for (const auto& route : route_specs()) methods_by_pattern[route.pattern].insert(route.method);
  for (const auto& [pattern, methods] : methods_by_pattern) {
    std::string allow;
    for (const auto& m : methods) allow += (allow.empty() ? "" : ", ") + m + (m == "GET" ? ", HEAD" : "");
    const auto refuse = [allow](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Allow", allow);
      send_problem(req, res, ProblemKind::MethodNotAllowed,
                   problem_detail(ProblemKind::MethodNotAllowed, request_language(req), allow));
      // The body, if any, is left unread: the connection cannot go on.
      res.set_header("Connection", "close");
    };
    const auto refuse_reader = [refuse](const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader&) { refuse(req, res); };
    if (methods.count("GET") == 0) svr.Get(pattern, refuse);
    if (methods.count("POST") == 0) svr.Post(pattern, refuse_reader);
    svr.Put(pattern, refuse_reader);
    svr.Patch(pattern, refuse_reader);
    svr.Delete(pattern, refuse_reader);
    svr.Options(pattern, refuse);
  }
  // Unrouted paths and methods: a problem document instead of httplib's empty 404. Responses that
  // already carry a body (our own problems) pass through untouched.
  svr.set_error_handler(
      httplib::Server::HandlerWithResponse([&ctx](const httplib::Request& req, httplib::Response& res) {
        if (res.content_provider_ || !res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const Lang lang = request_language(req);
        if (res.status == 404) {
          send_problem(req, res, ProblemKind::NotFound, problem_detail(ProblemKind::NotFound, lang, req.path));
          return httplib::Server::HandlerResponse::Handled;
        }
        if (res.status == 413) {
          // cpp-httplib refused a body over the payload limit before any route ran.
          send_problem(req, res, ProblemKind::PayloadTooLarge,
                       problem_detail(ProblemKind::PayloadTooLarge, lang, std::to_string(ctx.max_request_bytes)));
          return httplib::Server::HandlerResponse::Handled;
        }
        if (res.status == 414) {
          // cpp-httplib refused a request target over its limit before reading the headers.
          send_problem(req, res, ProblemKind::UriTooLong, problem_detail(ProblemKind::UriTooLong, lang));
          return httplib::Server::HandlerResponse::Handled;
        }
        if (res.status == 400) {
          send_problem(req, res, ProblemKind::BadRequest, problem_detail(ProblemKind::BadRequest, lang));
          return httplib::Server::HandlerResponse::Handled;
        }
        if (res.status >= 400) {
          // Anything else the library refuses on its own: still a problem document, with its status.
          const int status = res.status;
          send_problem(req, res, status >= 500 ? ProblemKind::Internal : ProblemKind::BadRequest,
                       problem_detail(status >= 500 ? ProblemKind::Internal : ProblemKind::BadRequest, lang));
          res.status = status;
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      }));
  svr.set_exception_handler([](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& ep) {
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: unhandled: {}", req.method, req.path, e.what());
    } catch (...) {
      spdlog::error("{} {}: unhandled unknown exception", req.method, req.path);
    }
    send_problem(req, res, ProblemKind::Internal, problem_detail(ProblemKind::Internal, request_language(req)));
  });
}

}  // namespace mtm::server
