// The HTTP handlers of the JSON API and the embedded UI, and the services they share (ApiContext: the dataset,
// result cache, assets, metrics, site, events, workbench). Handlers throw typed errors; routes.cpp wraps each one
// so every error becomes a problem+json response. The services are shared by all worker threads and thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/config.hpp"
#include "core/environment.hpp"
#include "server/data_service.hpp"
#include "server/data_workbench.hpp"
#include "server/event_intake.hpp"
#include "server/handler_types.hpp"
#include "server/lru_cache.hpp"
#include "server/metrics.hpp"
#include "server/param_reader.hpp"
#include "server/server_options.hpp"
#include "server/site_info.hpp"
#include "server/static_assets.hpp"

namespace mtm::server {

/// Every service a handler may need, built once per server from its options; each handler uses the ones it needs
/// (routes.cpp hands each its own). All are thread-safe.
class ApiContext {
 public:
  /// Opens the database read-only; throws DatabaseError when it cannot be opened.
  explicit ApiContext(const ServerOptions& options);

  /// Analysis results and other cached answers, by key (the dataset generation is part of every key).
  LruCache cache;
  /// The embedded UI files.
  StaticAssets assets;
  /// The dataset in service, its reload and its counters.
  DataService data;
  /// Request counts and latencies for /metrics.
  RequestMetrics metrics;
  /// Environment, badge, and who a request comes from (trusted proxies).
  SiteInfo site;
  /// The usage events' limits, daily byte cap and counters.
  EventIntake events;
  /// The read-only SQL workbench and the data exports.
  DataWorkbench workbench;
};

/// Set on a thread while a cached route runs on an I/O thread: it answers only from the result cache, and a
/// miss writes nothing and sets cache_probe_missed() (the request then runs again on the work pool).
bool& cache_probe_active() noexcept;
bool& cache_probe_missed() noexcept;

namespace api {

using Handler = void (*)(ApiContext&, const Request&, Response&);

void get_index(ApiContext& ctx, const Request& req, Response& res);
void get_asset(ApiContext& ctx, const Request& req, Response& res);
void get_healthz(ApiContext& ctx, const Request& req, Response& res);
void get_readyz(ApiContext& ctx, const Request& req, Response& res);
void get_meta(ApiContext& ctx, const Request& req, Response& res);
void get_summary(ApiContext& ctx, const Request& req, Response& res);
void get_findings(ApiContext& ctx, const Request& req, Response& res);
void get_ingest_report(ApiContext& ctx, const Request& req, Response& res);
void get_analyses(ApiContext& ctx, const Request& req, Response& res);
void get_analysis(ApiContext& ctx, const Request& req, Response& res);
void get_openapi(ApiContext& ctx, const Request& req, Response& res);
// Operations routes (ops_api.cpp).
void get_metrics(ApiContext& ctx, const Request& req, Response& res);
void post_event(ApiContext& ctx, const Request& req, Response& res);
// Admin routes (admin.cpp).
void post_admin_reload(ApiContext& ctx, const Request& req, Response& res);

}  // namespace api
}  // namespace mtm::server
