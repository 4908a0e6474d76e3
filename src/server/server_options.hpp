// What a server is started with: the HTTP core's limits and the settings of each service. Plain data.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/config.hpp"
#include "core/environment.hpp"

namespace mtm::server {

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

}  // namespace mtm::server
