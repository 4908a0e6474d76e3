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
#include <type_traits>
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

/// The service of type T in ctx.
template <typename T>
T& service_of(ApiContext& ctx) {
  if constexpr (std::is_same_v<T, LruCache>) {
    return ctx.cache;
  } else if constexpr (std::is_same_v<T, StaticAssets>) {
    return ctx.assets;
  } else if constexpr (std::is_same_v<T, DataService>) {
    return ctx.data;
  } else if constexpr (std::is_same_v<T, RequestMetrics>) {
    return ctx.metrics;
  } else if constexpr (std::is_same_v<T, SiteInfo>) {
    return ctx.site;
  } else if constexpr (std::is_same_v<T, EventIntake>) {
    return ctx.events;
  } else {
    static_assert(std::is_same_v<T, DataWorkbench>, "a handler takes only ApiContext's services");
    return ctx.workbench;
  }
}

template <auto Handler, typename... Services>
void call_with_services(void (*)(const Request&, Response&, Services&...), ApiContext& ctx, const Request& req,
                        Response& res) {
  Handler(req, res, service_of<std::remove_const_t<Services>>(ctx)...);
}

/// The route table's entry for a handler of the request, the response and the services it takes (a handler names
/// what it needs; this hands it those services and nothing else).
template <auto Handler>
void takes(ApiContext& ctx, const Request& req, Response& res) {
  call_with_services<Handler>(Handler, ctx, req, res);
}

void get_index(const Request& req, Response& res, const StaticAssets& assets);
void get_asset(const Request& req, Response& res, const StaticAssets& assets);
void get_healthz(const Request& req, Response& res);
void get_readyz(const Request& req, Response& res, const DataService& data);
void get_meta(const Request& req, Response& res, LruCache& cache, const DataService& data, const SiteInfo& site);
void get_summary(const Request& req, Response& res, LruCache& cache, const DataService& data);
void get_findings(const Request& req, Response& res, LruCache& cache, const DataService& data);
void get_ingest_report(const Request& req, Response& res, LruCache& cache, const DataService& data);
void get_analyses(const Request& req, Response& res, LruCache& cache, const DataService& data);
void get_analysis(const Request& req, Response& res, LruCache& cache, const DataService& data);
void get_openapi(const Request& req, Response& res);
// Operations routes (ops_api.cpp).
void get_metrics(const Request& req, Response& res, const LruCache& cache, const DataService& data,
                 const SiteInfo& site, const EventIntake& events, const RequestMetrics& metrics);
void post_event(const Request& req, Response& res, const SiteInfo& site, EventIntake& events);
// Admin routes (admin.cpp).
void post_admin_reload(const Request& req, Response& res, DataService& data);

}  // namespace api
}  // namespace mtm::server
