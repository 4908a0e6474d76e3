#include "server/http_server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/errors.hpp"
#include "core/logging.hpp"
#include "server/problem.hpp"
#include "server/routes.hpp"
#include "server/security_headers.hpp"

namespace mtm::server {

namespace {

struct CompiledRoute {
  const RouteSpec* spec;
  std::regex pattern;
  /// The pattern's text up to its first regex character: a path not starting with it cannot match, and a
  /// pattern that is all literal is compared without the regex.
  std::string literal;
  bool all_literal;
  bool blocking;
  /// Answers through cached_json() as its last step: tried from the cache first (Route::quick).
  bool cached;
};

bool cached(const RouteSpec& route) {
  static const std::set<std::string> kCached = {"/api/v1/analyses/{id}", "/api/v1/summary", "/api/v1/meta",
                                                "/api/v1/ingest-report"};
  return kCached.count(route.path) != 0;
}

// Routes that never touch DuckDB nor compute: they run on the I/O threads. Everything else (analyses, searches,
// DuckDB queries, reloads) runs on the work pool.
bool blocking(const RouteSpec& route) {
  static const std::set<std::string> kQuick = {
      "/", "/assets/{path}", "/healthz", "/api/v1/openapi.json", "/api/v1/analyses", "/api/v1/events"};
  return kQuick.count(route.path) == 0;
}

const std::vector<CompiledRoute>& compiled_routes() {
  static const std::vector<CompiledRoute> kCompiled = [] {
    std::vector<CompiledRoute> out;
    for (const auto& route : route_specs()) {
      const auto special = route.pattern.find_first_of("()[]{}.*+?\\|^$");
      out.push_back({&route, std::regex(route.pattern), route.pattern.substr(0, special), special == std::string::npos,
                     blocking(route), cached(route)});
    }
    return out;
  }();
  return kCompiled;
}

/// Whether the route's pattern matches the whole path; its captures go to captures.
bool matches(const CompiledRoute& route, const std::string& path, std::smatch& captures) {
  if (route.all_literal) return path == route.literal;
  return path.compare(0, route.literal.size(), route.literal) == 0 && std::regex_match(path, captures, route.pattern);
}

void with_security_headers(Response& out) {
  for (const auto& [name, value] : security_headers()) {
    if (!out.has_header(name)) out.set_header(name, value);
  }
}

void problem_into(const Request& req, Response& out, ProblemKind kind, const std::string& arg = {}) {
  send_problem(req, out, kind, problem_detail(kind, request_language(req), arg));
  with_security_headers(out);
}

http::Limits limits_from(const ServerOptions& options, std::size_t threads) {
  http::Limits limits;
  limits.io_threads = threads;
  limits.work_threads = threads;
  limits.max_body_bytes = options.max_request_bytes;
  limits.work_queue = options.work_queue;
  limits.max_connections = options.max_connections;
  limits.max_header_bytes = options.max_header_bytes;
  limits.max_header_count = options.max_header_count;
  limits.max_target_bytes = options.max_target_bytes;
  const auto ms = [](double seconds) { return std::chrono::milliseconds(static_cast<long>(seconds * 1000)); };
  limits.head_timeout = ms(options.head_timeout_s);
  limits.body_timeout = ms(options.body_timeout_s);
  limits.idle_timeout = ms(options.idle_timeout_s);
  return limits;
}

}  // namespace

HttpServer::HttpServer(const ServerOptions& options)
    : context_(std::make_unique<ApiContext>(options)),
      // Idle and slow connections hold no thread: as many I/O threads as cores, and as many work threads.
      threads_(options.threads != 0 ? options.threads : std::max<std::size_t>(1, std::thread::hardware_concurrency())) {
  ApiContext& ctx = *context_;
  auto router = [this, &ctx](Request& in) -> http::Route {
    if (core_->draining()) {
      return {[](const Request& req, Response& out) {
                problem_into(req, out, ProblemKind::ShuttingDown);
                out.set_header("Connection", "close");
              },
              false};
    }
    const std::string method = in.method == "HEAD" ? "GET" : in.method;
    std::string allow;
    for (const auto& route : compiled_routes()) {
      if (!matches(route, in.path, in.matches)) continue;
      if (route.spec->method == method) {
        auto handler = [&ctx, &route](const Request& req, Response& out) {
          const auto start = std::chrono::steady_clock::now();
          run_guarded(route.spec->handler, ctx, req, out);
          with_security_headers(out);
          out.label = route.spec->path;
          out.handler_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        };
        if (!route.cached) return {handler, route.blocking};
        // A cached answer costs microseconds: it is given on the I/O thread, never queued behind slow work.
        auto quick = [handler](const Request& req, Response& out) {
          cache_probe_active() = true;
          cache_probe_missed() = false;
          handler(req, out);
          cache_probe_active() = false;
          // cppcheck-suppress knownConditionTrueFalse ; cached_json sets it when the cache has no answer
          return !cache_probe_missed();
        };
        return {handler, route.blocking, quick};
      }
      allow += (allow.empty() ? "" : ", ") + route.spec->method + (route.spec->method == "GET" ? ", HEAD" : "");
    }
    if (!allow.empty()) {
      return {[allow](const Request& req, Response& out) {
                problem_into(req, out, ProblemKind::MethodNotAllowed, allow);
                out.set_header("Allow", allow);
              },
              false};
    }
    return {[](const Request& req, Response& out) { problem_into(req, out, ProblemKind::NotFound, req.path); }, false};
  };
  const std::size_t max_request_bytes = options.max_request_bytes;
  auto refusal = [max_request_bytes](int status, const Request& in, Response& out) {
    switch (status) {
      case 413: problem_into(in, out, ProblemKind::PayloadTooLarge, std::to_string(max_request_bytes)); break;
      case 414: problem_into(in, out, ProblemKind::UriTooLong); break;
      case 431: problem_into(in, out, ProblemKind::HeadersTooLarge); break;
      case 503:
        problem_into(in, out, ProblemKind::Busy);
        out.set_header("Retry-After", "1");
        break;
      case 500: problem_into(in, out, ProblemKind::Internal); break;
      default: problem_into(in, out, ProblemKind::BadRequest); break;
    }
    out.status = status;
  };
  const double slow_ms = options.slow_request_ms;
  auto observer = [&ctx, slow_ms](const Request& req, const Response& res, double ms) {
    const std::string route = res.label.empty() ? "unmatched" : res.label;
    ctx.metrics.observe(route, req.method.empty() ? "-" : req.method, res.status, ms / 1000.0);
    std::string encoding;
    for (const auto& [name, value] : res.headers) {
      if (name == "Content-Encoding") encoding = " " + value;
    }
    const std::string query = req.query.empty() ? "" : "?" + req.query;
    access_logger()->info("{} \"{} {}{}\" {} {} {:.1f}ms{}", req.remote_addr, req.method, req.path, query, res.status,
                          res.body_bytes, ms, encoding);
    if (ms >= slow_ms) {
      spdlog::warn("slow request: {} {}{} took {:.1f} ms (handler {:.1f} ms, route {}, status {}, {} bytes)",
                   req.method, req.path, query, ms, res.handler_ms, route, res.status, res.body_bytes);
    }
  };
  core_ = std::make_unique<http::Core>(limits_from(options, threads_), std::move(router), std::move(refusal),
                                       std::move(observer));
}

HttpServer::~HttpServer() {
  stop();
}

int HttpServer::bind(const std::string& host, int port) {
  try {
    return core_->bind(host, port);
  } catch (const std::exception& e) {
    throw ConfigurationError(fmt::format("cannot listen on {}:{} ({})", host, port, e.what()));
  }
}

bool HttpServer::run() {
  core_->run();
  return true;
}

void HttpServer::stop() {
  core_->stop();
}

void HttpServer::begin_drain() noexcept {
  core_->begin_drain();
}

bool HttpServer::wait_drained(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool drained = core_->in_flight() == 0;
  while (!drained && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    drained = core_->in_flight() == 0;
  }
  return drained;
}

bool HttpServer::drain_and_stop(std::chrono::milliseconds timeout) {
  begin_drain();
  const bool drained = wait_drained(timeout);
  stop();
  return drained;
}

}  // namespace mtm::server
