// The HTTP handlers of the JSON API and the embedded UI, and the state they share (database,
// connection pool, result cache, assets). Handlers throw typed errors; routes.cpp wraps each one so
// every error becomes a problem+json response. ApiContext is shared by all worker threads: its
// members are thread-safe.
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"
#include "core/config.hpp"
#include "core/environment.hpp"
#include "data/duckdb.hpp"
#include "server/connection_pool.hpp"
#include "server/lru_cache.hpp"
#include "server/metrics.hpp"
#include "server/rate_limiter.hpp"
#include "server/static_assets.hpp"

namespace mtm::server {

struct ServerOptions {
  /// DuckDB file written by `mangetamain ingest`; opened read-only.
  std::string db_path;
  /// Worker threads (0 = max(4, hardware threads)).
  std::size_t threads = 0;
  /// Bound of the analysis result cache, in bytes.
  std::size_t cache_bytes = std::size_t{64} << 20;
  Environment environment = Environment::Local;
  /// Text of the UI's environment badge.
  std::string badge = "LOCAL";
  /// Largest request body accepted (413 above).
  std::size_t max_request_bytes = 64 * 1024;
  /// Requests slower than this are logged with their timings.
  double slow_request_ms = 1000;
  EventsConfig events{};
};

/// The server settings of a resolved configuration.
ServerOptions server_options_from(const Config& config);

class ApiContext {
 public:
  /// Opens the database read-only; throws DatabaseError when it cannot be opened.
  explicit ApiContext(const ServerOptions& options);

  db::Database database;
  ConnectionPool pool;
  LruCache cache;
  StaticAssets assets;
  Environment environment;
  /// Search, similar recipes and pantry matching, built from the database at start.
  std::shared_ptr<const analysis::explorer::ExplorerIndex> explorer;
  std::string badge;
  std::size_t max_request_bytes;
  RequestMetrics metrics;
  EventsConfig events{};
  RateLimiter event_limiter;
  std::atomic<std::size_t> events_accepted{0};
  std::atomic<std::size_t> events_rejected{0};
};

/// Query parameters checked against the names a route accepts ("lang" is always accepted and must be
/// en or fr); throws ParameterError for an unknown, repeated or bad lang parameter.
std::vector<std::pair<std::string, std::string>> checked_params(const httplib::Request& req,
                                                                const std::vector<std::string>& accepted);

namespace api {

using Handler = void (*)(ApiContext&, const httplib::Request&, httplib::Response&);

void get_index(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_asset(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_healthz(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_readyz(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_meta(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_summary(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_ingest_report(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_analyses(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_analysis(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void get_openapi(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
// Operations routes (ops_api.cpp).
void get_metrics(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);
void post_event(ApiContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace api
}  // namespace mtm::server
