// The HTTP handlers of the JSON API and the embedded UI, and the state they share (the current dataset,
// result cache, assets, metrics). Handlers throw typed errors; routes.cpp wraps each one so
// every error becomes a problem+json response. ApiContext is shared by all worker threads: its
// members are thread-safe.
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
#include "server/dataset.hpp"
#include "server/event_budget.hpp"
#include "server/handler_types.hpp"
#include "server/lru_cache.hpp"
#include "server/metrics.hpp"
#include "server/param_reader.hpp"
#include "server/rate_limiter.hpp"
#include "server/static_assets.hpp"

namespace mtm::server {

class SqlWorkbench;

/// What a server is started with: the HTTP core's limits (threads, queue, connections, head, target, body,
/// deadlines: core/config.hpp's HttpLimits) and the rest below.
struct ServerOptions : HttpLimits {
  /// DuckDB file written by `mangetamain ingest`; opened read-only.
  std::string db_path;
  /// Bound of the analysis result cache, in bytes.
  std::size_t cache_bytes = std::size_t{64} << 20;
  Environment environment = Environment::Local;
  /// Text of the UI's environment badge.
  std::string badge = "LOCAL";
  /// Requests slower than this are logged with their timings.
  double slow_request_ms = 1000;
  EventsConfig events{};
  /// Bearer token POST /api/v1/admin/reload must present (config admin.token); empty = reload over HTTP is
  /// refused.
  std::string admin_token{};
  /// Run before each reload to bring the database up to date (e.g. fetch from S3, then ingest); returns the
  /// path to open. Unset: db_path is opened again (a new ingest may have replaced the file).
  std::function<std::string()> refresh{};
  /// True while the data in service came from the S3 cache because S3 could not be reached (set by the
  /// start-up fetch and by refresh); exported as mangetamain_data_source_offline.
  std::shared_ptr<std::atomic<bool>> source_offline = std::make_shared<std::atomic<bool>>(false);
  /// Load every analysis' in-memory data before serving (`serve` does; tests embedding a server need not).
  bool preload_analyses = false;
  /// DuckDB's memory limit once the analysis data is loaded (config data.db_memory); 0 = DuckDB's default.
  std::size_t db_memory_bytes = 0;
  /// The read-only SQL workbench (config sql.*).
  SqlConfig sql{};
  /// Directory of the data exports (config data.exports_dir); empty = "exports" beside db_path.
  std::string exports_dir{};
};

/// The server settings of a resolved configuration.
ServerOptions server_options_from(const Config& config);

class ApiContext {
 public:
  /// Opens the database read-only; throws DatabaseError when it cannot be opened.
  explicit ApiContext(const ServerOptions& options);

  /// The dataset to answer from; hold the pointer for the whole request.
  [[nodiscard]] std::shared_ptr<const Dataset> dataset() const { return datasets_.current(); }
  /// Refresh, open the new database, swap it in and clear the result cache. One reload at a time; on any
  /// error (thrown) the current dataset stays in service.
  std::shared_ptr<const Dataset> reload();
  [[nodiscard]] const std::string& admin_token() const noexcept { return options_.admin_token; }
  [[nodiscard]] bool source_offline() const noexcept { return options_.source_offline->load(); }

 private:
  /// Loads every analysis' in-memory data of dataset when options_.preload_analyses; a failure is logged.
  void preload(const Dataset& dataset) const;

  ServerOptions options_;
  std::mutex reload_mutex_;
  std::uint64_t generation_ = 1;
  DatasetSlot datasets_;

 public:
  LruCache cache;
  StaticAssets assets;
  Environment environment;
  std::string badge;
  std::size_t max_request_bytes;
  RequestMetrics metrics;
  EventsConfig events{};
  /// One bucket per client address (client_address()), and one for everybody together.
  RateLimiter event_limiter;
  RateLimiter global_event_limiter;
  std::vector<std::string> trusted_proxies;
  DailyByteBudget interactions_budget;
  std::atomic<std::size_t> events_accepted{0};
  std::atomic<std::size_t> events_rejected{0};
  /// Valid events not written because the day's interactions file reached events.max_bytes_per_day.
  std::atomic<std::size_t> events_dropped{0};
  std::atomic<std::size_t> reloads_succeeded{0};
  std::atomic<std::size_t> reloads_failed{0};
  /// The read-only SQL workbench: its sandbox, rate limit and concurrency caps (sql_workbench.hpp).
  std::shared_ptr<SqlWorkbench> sql;
  /// Where the Parquet/CSV exports are written (resolved: never empty).
  std::string exports_dir;
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
