// The effective configuration of one run: every setting typed, with the place it came from.
// Precedence, highest first: command-line flags, MANGETAMAIN_* environment variables, the config file
// (INI; path from --config or MANGETAMAIN_CONFIG), then defaults that depend on the environment
// (APP_ENV, then the deployment path, then LOCAL). load_config() is pure over its inputs; a Config is a
// plain value, safe to share read-only between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/environment.hpp"

namespace mtm {

enum class ConfigSource { Default, File, Environment, Flag };

/// Where one value came from: the kind of source and its name ("--port", "MANGETAMAIN_PORT",
/// "/etc/mangetamain/prod.ini:12", "PROD default").
struct ConfigOrigin {
  ConfigSource source = ConfigSource::Default;
  std::string where;
};

/// The HTTP core's limits (config server.*), defined once: the configuration and the server's options both
/// are these (ServerConfig and server::ServerOptions derive from it).
struct HttpLimits {
  /// I/O threads, and as many work threads for blocking requests (DuckDB, searches, reloads); 0 = hardware threads.
  std::size_t threads = 0;
  /// Blocking requests waiting for a work thread, at most (503 beyond).
  std::size_t work_queue = 256;
  /// Open connections at most (new ones beyond get a fast 503).
  std::size_t max_connections = 10000;
  /// Request head in bytes and in fields (431 beyond), request target in bytes (414 beyond).
  std::size_t max_header_bytes = std::size_t{16} * 1024;
  std::size_t max_header_count = 100;
  std::size_t max_target_bytes = std::size_t{8} * 1024;
  /// Deadlines for the whole request head (from its first byte) and the whole body, and for an idle kept-alive
  /// connection, in seconds (idle longer than nginx's 60 s upstream keepalive_timeout: nginx closes first).
  double head_timeout_s = 10;
  double body_timeout_s = 30;
  double idle_timeout_s = 75;
  /// Largest request body accepted (413 above).
  std::size_t max_request_bytes = std::size_t{64} * 1024;

  bool operator==(const HttpLimits&) const = default;
};

struct ServerConfig : HttpLimits {
  std::string host = "127.0.0.1";
  int port = 8501;
  /// Requests slower than this are logged with their timings.
  double slow_request_ms = 1000;
  bool access_log = true;
};

struct DataConfig {
  /// DuckDB file the server opens read-only (and `ingest` writes).
  std::string db = "data/mangetamain.duckdb";
  /// Where the data comes from: a local path or s3://bucket/prefix; empty = use db as it is.
  std::string source;
  /// Download cache for an S3 source.
  std::string cache_dir = "data/s3-cache";
  /// DuckDB's threads and memory limit while `ingest` builds a database.
  std::size_t ingest_threads = 2;
  std::size_t ingest_memory_bytes = std::size_t{1} << 30;
  /// Where the Parquet and CSV exports of the clean data are written; empty = an exports directory beside db.
  std::string exports_dir;
};

struct S3Config {
  std::string endpoint;
  std::string region;
  std::string profile;
  std::string credentials_file;
};

struct LogSettings {
  std::string dir = "logs";
  /// Lowest level written to {env}_debug.log.
  std::string level = "debug";
  /// Lowest level written to the console.
  std::string console_level = "info";
  bool console_color = true;
  std::size_t debug_max_bytes = std::size_t{10} * 1024 * 1024;
  std::size_t debug_files = 7;
  std::size_t errors_max_bytes = std::size_t{5} * 1024 * 1024;
  std::size_t errors_files = 7;
  /// 64 MiB x 16 files = 1 GiB of access history: ~13 million lines of ~80 bytes, so a 10-minute soak at
  /// 10,000 requests/s (6 million lines) leaves the history before it in the files.
  std::size_t access_max_bytes = std::size_t{64} * 1024 * 1024;
  std::size_t access_files = 16;
  /// Access lines on the console too (default off in every environment).
  bool console_access = false;
  /// Days of daily {env}_user_interactions.log files kept.
  std::size_t interactions_days = 90;
};

struct EventsConfig {
  /// Largest accepted POST /api/v1/events body.
  std::size_t max_bytes = 4096;
  /// Sustained events per minute per client (token bucket refill rate).
  double rate_per_minute = 60;
  /// Events a client may send in a burst (bucket capacity). A client is an address: the one connecting, or
  /// the last X-Forwarded-For entry when the connection comes from a trusted proxy.
  std::size_t burst = 30;
  /// Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (e.g. "127.0.0.1" behind
  /// the nginx of deploy/nginx); empty = the header is ignored, the connecting address is the client.
  std::string trusted_proxies;
  /// Events per minute over all clients together (a flood from many addresses), and its burst.
  double global_rate_per_minute = 3000;
  std::size_t global_burst = 600;
  /// Bytes written to the day's user-interactions file, at most; events beyond are dropped and counted
  /// (mangetamain_events_dropped_total), with one warning a day.
  std::size_t max_bytes_per_day = std::size_t{256} << 20;
};

/// The read-only SQL workbench (POST/GET /api/v1/sql): its own DuckDB instance and every limit of it.
struct SqlConfig {
  /// The whole feature; off = the SQL routes answer 404.
  bool enabled = true;
  /// A query running longer is interrupted.
  double timeout_s = 5;
  /// DuckDB memory limit and threads of the workbench's instance (apart from the analyses' one).
  std::size_t memory_bytes = std::size_t{256} << 20;
  std::size_t threads = 1;
  /// Rows and bytes (of cell text) of a result at most; beyond, the response says it was truncated.
  std::size_t max_rows = 10000;
  std::size_t max_result_bytes = std::size_t{8} << 20;
  /// Longest query text accepted.
  std::size_t max_query_bytes = std::size_t{16} << 10;
  /// Queries running at once, per client and over all clients (429 beyond).
  std::size_t max_concurrent_per_client = 2;
  std::size_t max_concurrent = 4;
  /// Queries per minute per client, sustained, and per client in a burst.
  double rate_per_minute = 30;
  std::size_t burst = 10;
};

struct Config {
  Environment environment = Environment::Local;
  /// Text of the environment badge in the UI.
  std::string badge = "LOCAL";
  ServerConfig server;
  DataConfig data;
  S3Config s3;
  /// Bound of the analysis result cache.
  std::size_t cache_bytes = std::size_t{64} << 20;
  /// DuckDB's memory limit while serving (its block cache and query memory): the analyses and the explorer
  /// run from their own structures, DuckDB only answers the per-recipe, per-user and per-contributor queries.
  std::size_t db_memory_bytes = std::size_t{64} << 20;
  LogSettings log;
  /// Token that authorises admin routes; empty = admin routes refused. Secret: never printed.
  std::string admin_token;
  EventsConfig events;
  SqlConfig sql;
  /// The config file read, empty when none.
  std::string file;
  /// Origin of every key (see config_keys()).
  std::map<std::string, ConfigOrigin> origins;

  [[nodiscard]] const ConfigOrigin& origin(const std::string& key) const;
};

/// Description of one key, for `mangetamain config`, the docs and the flag table.
struct ConfigKeyInfo {
  std::string key;
  std::string env;
  std::string description;
  bool secret = false;
};

/// Every key in display order ("app.env", "server.port", …).
const std::vector<ConfigKeyInfo>& config_keys();

/// Returns a variable's value, or nullopt when unset or empty.
using ConfigEnvLookup = std::function<std::optional<std::string>(const std::string&)>;

struct ConfigInputs {
  /// Flag values keyed by config key; value first, then the flag as the user typed it (for messages).
  std::map<std::string, std::pair<std::string, std::string>> flags;
  /// --config value; empty = MANGETAMAIN_CONFIG, else no file.
  std::string config_file;
  ConfigEnvLookup env;
  /// Directory whose path may name the environment (10_preprod, 20_prod).
  std::string cwd;
};

/// The process environment as a ConfigEnvLookup.
ConfigEnvLookup process_environment();

/// Resolve every key; throws ConfigurationError naming the flag, variable or file:line of a bad value,
/// an unknown key or section in the file, or a missing/unreadable file.
Config load_config(const ConfigInputs& inputs);

/// One printable line of the effective configuration: secrets masked ("********" when set).
struct ConfigLine {
  std::string key;
  std::string value;
  ConfigOrigin origin;
};
std::vector<ConfigLine> describe_config(const Config& config);

/// "default", "file", "environment" or "flag".
std::string_view config_source_name(ConfigSource source);

/// Parse "65536", "64K", "10M", "1G" (binary multiples, optional "iB"/"B"); nullopt when malformed.
std::optional<std::size_t> parse_byte_size(std::string_view text);

}  // namespace mtm
