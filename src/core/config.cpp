#include "core/config.hpp"

#include <fmt/format.h>
#include <spdlog/common.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "core/errors.hpp"
#include "core/ini.hpp"

namespace mtm {

namespace {

/// Parses text into the field; returns an explanation of what was expected when it cannot.
using Setter = std::function<std::optional<std::string>(Config&, const std::string&)>;
using Getter = std::function<std::string(const Config&)>;

struct KeySpec {
  ConfigKeyInfo info;
  Setter set;
  Getter get;
};

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return std::string(text);
}

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

template <typename Integer>
std::optional<Integer> parse_integer(std::string_view text) {
  Integer value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Field accessors usable on a Config and on a const Config, so one object both sets and prints a key.
template <auto Section, auto Field>
struct Member {
  auto& operator()(Config& c) const { return (c.*Section).*Field; }
  const auto& operator()(const Config& c) const { return (c.*Section).*Field; }
};

template <auto Field>
struct Top {
  auto& operator()(Config& c) const { return c.*Field; }
  const auto& operator()(const Config& c) const { return c.*Field; }
};

template <typename Access>
KeySpec text_key(ConfigKeyInfo info, Access access) {
  return {std::move(info),
          [access](Config& c, const std::string& text) -> std::optional<std::string> {
            access(c) = text;
            return std::nullopt;
          },
          [access](const Config& c) { return std::string(access(c)); }};
}

template <typename Access>
KeySpec integer_key(ConfigKeyInfo info, Access access, std::int64_t minimum, std::int64_t maximum) {
  return {std::move(info),
          [access, minimum, maximum](Config& c, const std::string& text) -> std::optional<std::string> {
            const auto value = parse_integer<std::int64_t>(text);
            if (!value || *value < minimum || *value > maximum)
              return fmt::format("expected an integer between {} and {}", minimum, maximum);
            access(c) = static_cast<std::remove_reference_t<decltype(access(c))>>(*value);
            return std::nullopt;
          },
          [access](const Config& c) { return std::to_string(access(c)); }};
}

template <typename Access>
KeySpec bytes_key(ConfigKeyInfo info, Access access, std::size_t minimum) {
  return {std::move(info),
          [access, minimum](Config& c, const std::string& text) -> std::optional<std::string> {
            const auto value = parse_byte_size(text);
            if (!value || *value < minimum)
              return fmt::format("expected a size of at least {} bytes, e.g. 65536, 64K, 10M or 1G", minimum);
            access(c) = *value;
            return std::nullopt;
          },
          [access](const Config& c) { return std::to_string(access(c)); }};
}

template <typename Access>
KeySpec number_key(ConfigKeyInfo info, Access access, double minimum) {
  return {std::move(info),
          [access, minimum](Config& c, const std::string& text) -> std::optional<std::string> {
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value) || value < minimum)
              return fmt::format("expected a number of at least {}", minimum);
            access(c) = value;
            return std::nullopt;
          },
          [access](const Config& c) { return fmt::format("{}", access(c)); }};
}

template <typename Access>
KeySpec bool_key(ConfigKeyInfo info, Access access) {
  return {std::move(info),
          [access](Config& c, const std::string& text) -> std::optional<std::string> {
            const std::string value = lowered(text);
            if (value == "true" || value == "yes" || value == "on" || value == "1") {
              access(c) = true;
            } else if (value == "false" || value == "no" || value == "off" || value == "0") {
              access(c) = false;
            } else {
              return std::string("expected true or false");
            }
            return std::nullopt;
          },
          [access](const Config& c) { return std::string(access(c) ? "true" : "false"); }};
}

template <typename Access>
KeySpec level_key(ConfigKeyInfo info, Access access) {
  return {std::move(info),
          [access](Config& c, const std::string& text) -> std::optional<std::string> {
            const std::string value = lowered(text);
            static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "critical", "off"};
            if (kLevels.count(value) == 0)
              return std::string("expected trace, debug, info, warn, error, critical or off");
            access(c) = value;
            return std::nullopt;
          },
          [access](const Config& c) { return std::string(access(c)); }};
}

KeySpec environment_key() {
  return {{"app.env", "APP_ENV", "Environment: prod, preprod or local (selects the defaults below)", false},
          [](Config& c, const std::string& text) -> std::optional<std::string> {
            const auto parsed = parse_environment(text);
            if (!parsed) return std::string("expected prod, preprod or local");
            c.environment = *parsed;
            return std::nullopt;
          },
          [](const Config& c) { return lowered(environment_name(c.environment)); }};
}

const std::vector<KeySpec>& key_specs() {
  static const std::vector<KeySpec> kSpecs = [] {
    std::vector<KeySpec> specs;
    specs.push_back(environment_key());
    specs.push_back(
        text_key({"app.badge", "MANGETAMAIN_BADGE", "Text of the environment badge in the UI"}, Top<&Config::badge>{}));
    specs.push_back(text_key({"server.host", "MANGETAMAIN_HOST", "Address to listen on"},
                             Member<&Config::server, &ServerConfig::host>{}));
    specs.push_back(integer_key({"server.port", "MANGETAMAIN_PORT", "TCP port (0 = any free port, printed at start)"},
                                Member<&Config::server, &ServerConfig::port>{}, 0, 65535));
    specs.push_back(integer_key(
        {"server.threads", "MANGETAMAIN_SERVER_THREADS", "I/O threads and as many work threads (0 = hardware threads)"},
        Member<&Config::server, &ServerConfig::threads>{}, 0, 1024));
    specs.push_back(integer_key({"server.work_queue", "MANGETAMAIN_SERVER_WORK_QUEUE",
                                 "Blocking requests waiting for a work thread, at most (503 beyond)"},
                                Member<&Config::server, &ServerConfig::work_queue>{}, 1, 1000000));
    specs.push_back(integer_key({"server.max_connections", "MANGETAMAIN_SERVER_MAX_CONNECTIONS",
                                 "Open connections at most (a fast 503 beyond)"},
                                Member<&Config::server, &ServerConfig::max_connections>{}, 1, 1000000));
    specs.push_back(bytes_key({"server.max_header_bytes", "MANGETAMAIN_SERVER_MAX_HEADER_BYTES",
                               "Request header fields in bytes (431 beyond)"},
                              Member<&Config::server, &ServerConfig::max_header_bytes>{}, 1024));
    specs.push_back(integer_key({"server.max_header_count", "MANGETAMAIN_SERVER_MAX_HEADER_COUNT",
                                 "Request header fields in number (431 beyond)"},
                                Member<&Config::server, &ServerConfig::max_header_count>{}, 8, 100000));
    specs.push_back(bytes_key({"server.max_target_bytes", "MANGETAMAIN_SERVER_MAX_TARGET_BYTES",
                               "Request target (path and query) in bytes (414 beyond)"},
                              Member<&Config::server, &ServerConfig::max_target_bytes>{}, 256));
    specs.push_back(number_key({"server.head_timeout_s", "MANGETAMAIN_SERVER_HEAD_TIMEOUT_S",
                                "Seconds for the whole request head, from its first byte"},
                               Member<&Config::server, &ServerConfig::head_timeout_s>{}, 0.1));
    specs.push_back(number_key({"server.body_timeout_s", "MANGETAMAIN_SERVER_BODY_TIMEOUT_S",
                                "Seconds for the whole request body (and for writing a response)"},
                               Member<&Config::server, &ServerConfig::body_timeout_s>{}, 0.1));
    specs.push_back(number_key({"server.idle_timeout_s", "MANGETAMAIN_SERVER_IDLE_TIMEOUT_S",
                                "Seconds a kept-alive connection may wait for its next request"},
                               Member<&Config::server, &ServerConfig::idle_timeout_s>{}, 0.1));
    specs.push_back(bytes_key(
        {"server.max_request_bytes", "MANGETAMAIN_SERVER_MAX_REQUEST_BYTES", "Largest request body (413 above)"},
        Member<&Config::server, &ServerConfig::max_request_bytes>{}, 1024));
    specs.push_back(number_key({"server.slow_request_ms", "MANGETAMAIN_SERVER_SLOW_REQUEST_MS",
                                "Requests slower than this are logged with their timings"},
                               Member<&Config::server, &ServerConfig::slow_request_ms>{}, 0));
    specs.push_back(bool_key({"server.access_log", "MANGETAMAIN_SERVER_ACCESS_LOG", "One log line per request"},
                             Member<&Config::server, &ServerConfig::access_log>{}));
    specs.push_back(
        text_key({"data.db", "MANGETAMAIN_DB", "DuckDB database file"}, Member<&Config::data, &DataConfig::db>{}));
    specs.push_back(text_key({"data.source", "MANGETAMAIN_DATA", "Data source: local path or s3://bucket/prefix"},
                             Member<&Config::data, &DataConfig::source>{}));
    specs.push_back(text_key({"data.cache_dir", "MANGETAMAIN_DATA_CACHE_DIR", "Download cache of an S3 source"},
                             Member<&Config::data, &DataConfig::cache_dir>{}));
    specs.push_back(integer_key(
        {"data.ingest_threads", "MANGETAMAIN_DATA_INGEST_THREADS", "DuckDB threads while ingest builds a database"},
        Member<&Config::data, &DataConfig::ingest_threads>{}, 1, 256));
    specs.push_back(bytes_key({"data.ingest_memory", "MANGETAMAIN_DATA_INGEST_MEMORY",
                               "DuckDB's memory limit while ingest builds a database"},
                              Member<&Config::data, &DataConfig::ingest_memory_bytes>{}, std::size_t{64} << 20));
    specs.push_back(text_key({"data.exports_dir", "MANGETAMAIN_DATA_EXPORTS_DIR",
                              "Directory of the Parquet/CSV exports (empty: 'exports' beside the database)"},
                             Member<&Config::data, &DataConfig::exports_dir>{}));
    specs.push_back(text_key({"s3.endpoint", "MANGETAMAIN_S3_ENDPOINT", "S3 endpoint URL"},
                             Member<&Config::s3, &S3Config::endpoint>{}));
    specs.push_back(text_key({"s3.region", "MANGETAMAIN_S3_REGION", "S3 signing region"},
                             Member<&Config::s3, &S3Config::region>{}));
    specs.push_back(text_key({"s3.profile", "MANGETAMAIN_S3_PROFILE", "Profile in the credentials file"},
                             Member<&Config::s3, &S3Config::profile>{}));
    specs.push_back(text_key({"s3.credentials_file", "MANGETAMAIN_S3_CREDENTIALS_FILE", "INI credentials file"},
                             Member<&Config::s3, &S3Config::credentials_file>{}));
    specs.push_back(bytes_key({"cache.bytes", "MANGETAMAIN_CACHE_BYTES", "Bound of the analysis result cache"},
                              Top<&Config::cache_bytes>{}, 1024));
    specs.push_back(bytes_key({"data.db_memory", "MANGETAMAIN_DATA_DB_MEMORY",
                               "DuckDB's memory limit while serving (block cache and query memory)"},
                              Top<&Config::db_memory_bytes>{}, std::size_t{16} << 20));
    specs.push_back(text_key({"log.dir", "MANGETAMAIN_LOG_DIR", "Log directory (created if missing)"},
                             Member<&Config::log, &LogSettings::dir>{}));
    specs.push_back(level_key({"log.level", "MANGETAMAIN_LOG_LEVEL", "Lowest level written to {env}_debug.log"},
                              Member<&Config::log, &LogSettings::level>{}));
    specs.push_back(level_key({"log.console_level", "MANGETAMAIN_LOG_CONSOLE_LEVEL", "Lowest level on the console"},
                              Member<&Config::log, &LogSettings::console_level>{}));
    specs.push_back(bool_key({"log.console_color", "MANGETAMAIN_LOG_CONSOLE_COLOR", "Colour on the console"},
                             Member<&Config::log, &LogSettings::console_color>{}));
    specs.push_back(bool_key(
        {"log.console_access", "MANGETAMAIN_LOG_CONSOLE_ACCESS", "Access lines on the console too (default off)"},
        Member<&Config::log, &LogSettings::console_access>{}));
    specs.push_back(bytes_key({"log.debug_max_bytes", "MANGETAMAIN_LOG_DEBUG_MAX_BYTES", "Size of one debug log file"},
                              Member<&Config::log, &LogSettings::debug_max_bytes>{}, 1024));
    specs.push_back(integer_key({"log.debug_files", "MANGETAMAIN_LOG_DEBUG_FILES", "Rotated debug log files kept"},
                                Member<&Config::log, &LogSettings::debug_files>{}, 1, 1000));
    specs.push_back(bytes_key({"log.errors_max_bytes", "MANGETAMAIN_LOG_ERRORS_MAX_BYTES", "Size of one errors file"},
                              Member<&Config::log, &LogSettings::errors_max_bytes>{}, 1024));
    specs.push_back(integer_key({"log.errors_files", "MANGETAMAIN_LOG_ERRORS_FILES", "Rotated errors files kept"},
                                Member<&Config::log, &LogSettings::errors_files>{}, 1, 1000));
    specs.push_back(bytes_key({"log.access_max_bytes", "MANGETAMAIN_LOG_ACCESS_MAX_BYTES", "Size of one access file"},
                              Member<&Config::log, &LogSettings::access_max_bytes>{}, 1024));
    specs.push_back(integer_key({"log.access_files", "MANGETAMAIN_LOG_ACCESS_FILES", "Rotated access files kept"},
                                Member<&Config::log, &LogSettings::access_files>{}, 1, 1000));
    specs.push_back(integer_key(
        {"log.interactions_days", "MANGETAMAIN_LOG_INTERACTIONS_DAYS", "Days of user-interaction logs kept"},
        Member<&Config::log, &LogSettings::interactions_days>{}, 1, 3650));
    specs.push_back(text_key({"admin.token", "MANGETAMAIN_ADMIN_TOKEN", "Token for admin routes (secret)", true},
                             Top<&Config::admin_token>{}));
    specs.push_back(bytes_key({"events.max_bytes", "MANGETAMAIN_EVENTS_MAX_BYTES", "Largest event body"},
                              Member<&Config::events, &EventsConfig::max_bytes>{}, 256));
    specs.push_back(number_key(
        {"events.rate_per_minute", "MANGETAMAIN_EVENTS_RATE_PER_MINUTE", "Events per minute per client, sustained"},
        Member<&Config::events, &EventsConfig::rate_per_minute>{}, 0.001));
    specs.push_back(integer_key({"events.burst", "MANGETAMAIN_EVENTS_BURST", "Events per client in a burst"},
                                Member<&Config::events, &EventsConfig::burst>{}, 1, 100000));
    specs.push_back(text_key({"events.trusted_proxies", "MANGETAMAIN_EVENTS_TRUSTED_PROXIES",
                              "Proxy addresses whose X-Forwarded-For names the client (comma-separated)"},
                             Member<&Config::events, &EventsConfig::trusted_proxies>{}));
    specs.push_back(number_key({"events.global_rate_per_minute", "MANGETAMAIN_EVENTS_GLOBAL_RATE_PER_MINUTE",
                                "Events per minute over all clients, sustained"},
                               Member<&Config::events, &EventsConfig::global_rate_per_minute>{}, 0.001));
    specs.push_back(
        integer_key({"events.global_burst", "MANGETAMAIN_EVENTS_GLOBAL_BURST", "Events over all clients in a burst"},
                    Member<&Config::events, &EventsConfig::global_burst>{}, 1, 10000000));
    specs.push_back(bytes_key({"events.max_bytes_per_day", "MANGETAMAIN_EVENTS_MAX_BYTES_PER_DAY",
                               "Bytes of user-interaction log per UTC day; events beyond are dropped"},
                              Member<&Config::events, &EventsConfig::max_bytes_per_day>{}, 1024));
    specs.push_back(bool_key({"sql.enabled", "MANGETAMAIN_SQL_ENABLED", "The read-only SQL workbench (/api/v1/sql)"},
                             Member<&Config::sql, &SqlConfig::enabled>{}));
    specs.push_back(
        number_key({"sql.timeout_s", "MANGETAMAIN_SQL_TIMEOUT_S", "Seconds before a SQL query is interrupted"},
                   Member<&Config::sql, &SqlConfig::timeout_s>{}, 0.01));
    specs.push_back(bytes_key({"sql.memory", "MANGETAMAIN_SQL_MEMORY", "DuckDB memory limit of the SQL workbench"},
                              Member<&Config::sql, &SqlConfig::memory_bytes>{}, std::size_t{16} << 20));
    specs.push_back(integer_key({"sql.threads", "MANGETAMAIN_SQL_THREADS", "DuckDB threads of the SQL workbench"},
                                Member<&Config::sql, &SqlConfig::threads>{}, 1, 256));
    specs.push_back(
        integer_key({"sql.max_rows", "MANGETAMAIN_SQL_MAX_ROWS", "Rows of a SQL result at most (truncated)"},
                    Member<&Config::sql, &SqlConfig::max_rows>{}, 1, 10000000));
    specs.push_back(bytes_key({"sql.max_result_bytes", "MANGETAMAIN_SQL_MAX_RESULT_BYTES",
                               "Bytes of a SQL result's cells at most (truncated)"},
                              Member<&Config::sql, &SqlConfig::max_result_bytes>{}, 1024));
    specs.push_back(bytes_key({"sql.max_query_bytes", "MANGETAMAIN_SQL_MAX_QUERY_BYTES", "Longest SQL query text"},
                              Member<&Config::sql, &SqlConfig::max_query_bytes>{}, 64));
    specs.push_back(integer_key({"sql.max_concurrent_per_client", "MANGETAMAIN_SQL_MAX_CONCURRENT_PER_CLIENT",
                                 "SQL queries running at once per client (429 beyond)"},
                                Member<&Config::sql, &SqlConfig::max_concurrent_per_client>{}, 1, 1000));
    specs.push_back(integer_key({"sql.max_concurrent", "MANGETAMAIN_SQL_MAX_CONCURRENT",
                                 "SQL queries running at once over all clients (429 beyond)"},
                                Member<&Config::sql, &SqlConfig::max_concurrent>{}, 1, 10000));
    specs.push_back(number_key(
        {"sql.rate_per_minute", "MANGETAMAIN_SQL_RATE_PER_MINUTE", "SQL queries per minute per client, sustained"},
        Member<&Config::sql, &SqlConfig::rate_per_minute>{}, 0.001));
    specs.push_back(integer_key({"sql.burst", "MANGETAMAIN_SQL_BURST", "SQL queries per client in a burst"},
                                Member<&Config::sql, &SqlConfig::burst>{}, 1, 100000));
    return specs;
  }();
  return kSpecs;
}

const KeySpec* find_spec(const std::string& key) {
  for (const auto& spec : key_specs())
    if (spec.info.key == key) return &spec;
  return nullptr;
}

/// The defaults of an environment: the original app's ports, debug logs outside PROD, longer
/// retention of errors in PROD and of user interactions in PREPROD.
Config defaults_for(Environment environment) {
  Config config;
  config.environment = environment;
  config.badge = std::string(environment_name(environment));
  switch (environment) {
    case Environment::Prod:
      config.server.port = 8501;
      config.log.level = "info";
      config.log.console_level = "warn";
      config.log.console_color = false;
      config.log.errors_files = 30;
      config.log.interactions_days = 30;
      break;
    case Environment::Preprod:
      config.server.port = 8500;
      config.log.errors_files = 7;
      config.log.interactions_days = 90;
      break;
    case Environment::Local:
      config.server.port = 8501;
      config.log.errors_files = 7;
      config.log.interactions_days = 7;
      break;
  }
  return config;
}

std::string read_file(const std::string& path, const std::string& named_by) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigurationError(fmt::format("config file '{}' (from {}) cannot be read", path, named_by));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct FileValue {
  // cppcheck-suppress unusedStructMember ; read through map iterators, which cppcheck does not follow
  std::string value;
  std::int64_t line;
};

std::map<std::string, FileValue> read_config_file(const std::string& path, const std::string& named_by) {
  IniDocument doc;
  try {
    doc = parse_ini_document(read_file(path, named_by), path);
  } catch (const DataLoadError& e) {
    throw ConfigurationError(e.what());
  }
  std::set<std::string> sections;
  for (const auto& spec : key_specs()) sections.insert(spec.info.key.substr(0, spec.info.key.find('.')));
  std::map<std::string, FileValue> values;
  for (const auto& entry : doc.entries) {
    const std::string key = lowered(entry.section) + "." + entry.key;
    if (find_spec(key) == nullptr) {
      const std::string what = sections.count(lowered(entry.section)) == 0
                                   ? fmt::format("unknown section [{}]", entry.section)
                                   : fmt::format("unknown key '{}' in [{}]", entry.key, entry.section);
      throw ConfigurationError(fmt::format("{}:{}: {}", path, entry.line, what));
    }
    std::string value = entry.value;
    // Quotes let a value keep a '#' or surrounding blanks; they are not part of it.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    values[key] = {std::move(value), entry.line};
  }
  return values;
}

void apply(Config& config, const KeySpec& spec, const std::string& value, ConfigOrigin origin,
           const std::string& shown_as) {
  if (auto problem = spec.set(config, value)) {
    const std::string shown = spec.info.secret ? std::string("********") : value;
    throw ConfigurationError(fmt::format("{}: {} '{}' is invalid: {}", shown_as, spec.info.key, shown, *problem));
  }
  config.origins[spec.info.key] = std::move(origin);
}

}  // namespace

const ConfigOrigin& Config::origin(const std::string& key) const {
  static const ConfigOrigin kUnknown{};
  const auto found = origins.find(key);
  return found == origins.end() ? kUnknown : found->second;
}

const std::vector<ConfigKeyInfo>& config_keys() {
  static const std::vector<ConfigKeyInfo> kKeys = [] {
    std::vector<ConfigKeyInfo> keys;
    for (const auto& spec : key_specs()) keys.push_back(spec.info);
    return keys;
  }();
  return kKeys;
}

ConfigEnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

std::optional<std::size_t> parse_byte_size(std::string_view text) {
  std::string value = lowered(trimmed(text));
  std::size_t multiplier = 1;
  for (const std::string_view suffix : {"ib", "b"}) {
    if (value.size() > suffix.size() && value.ends_with(suffix)) {
      value.resize(value.size() - suffix.size());
      break;
    }
  }
  if (!value.empty()) {
    switch (value.back()) {
      case 'k': multiplier = std::size_t{1} << 10; break;
      case 'm': multiplier = std::size_t{1} << 20; break;
      case 'g': multiplier = std::size_t{1} << 30; break;
      default: break;
    }
    if (multiplier != 1) value.pop_back();
  }
  const auto number = parse_integer<std::size_t>(value);
  if (!number || *number > std::numeric_limits<std::size_t>::max() / multiplier) return std::nullopt;
  return *number * multiplier;
}

std::string_view config_source_name(ConfigSource source) {
  switch (source) {
    case ConfigSource::Default: return "default";
    case ConfigSource::File: return "file";
    case ConfigSource::Environment: return "environment";
    case ConfigSource::Flag: return "flag";
  }
  return "default";
}

Config load_config(const ConfigInputs& inputs) {
  const ConfigEnvLookup env = inputs.env ? inputs.env : process_environment();
  for (const auto& [key, flag] : inputs.flags) {
    if (find_spec(key) == nullptr) {
      throw ConfigurationError(fmt::format("{}: unknown configuration key '{}'", flag.second, key));
    }
  }

  std::string file_path = inputs.config_file;
  std::string file_named_by = "--config";
  if (file_path.empty()) {
    if (auto from_env = env("MANGETAMAIN_CONFIG")) {
      file_path = *from_env;
      file_named_by = "MANGETAMAIN_CONFIG";
    }
  }
  const auto file_values =
      file_path.empty() ? std::map<std::string, FileValue>{} : read_config_file(file_path, file_named_by);

  // The environment comes first: every other default depends on it.
  Config probe;
  const KeySpec& env_spec = *find_spec("app.env");
  ConfigOrigin env_origin{ConfigSource::Default, "LOCAL default"};
  if (const auto flag = inputs.flags.find("app.env"); flag != inputs.flags.end()) {
    apply(probe, env_spec, flag->second.first, {ConfigSource::Flag, flag->second.second}, flag->second.second);
  } else if (auto value = env("APP_ENV")) {
    apply(probe, env_spec, *value, {ConfigSource::Environment, "APP_ENV"}, "APP_ENV");
  } else if (const auto in_file = file_values.find("app.env"); in_file != file_values.end()) {
    const std::string where = fmt::format("{}:{}", file_path, in_file->second.line);
    apply(probe, env_spec, in_file->second.value, {ConfigSource::File, where}, where);
  } else if (auto from_path = environment_from_path(inputs.cwd)) {
    probe.environment = *from_path;
    probe.origins["app.env"] = {ConfigSource::Default, "path " + inputs.cwd};
  } else {
    probe.origins["app.env"] = env_origin;
  }

  Config config = defaults_for(probe.environment);
  config.file = file_path;
  const std::string default_label = fmt::format("{} default", environment_name(config.environment));
  for (const auto& spec : key_specs()) config.origins[spec.info.key] = {ConfigSource::Default, default_label};
  config.origins["app.env"] = probe.origins["app.env"];

  for (const auto& spec : key_specs()) {
    const std::string& key = spec.info.key;
    if (key == "app.env") continue;
    if (const auto flag = inputs.flags.find(key); flag != inputs.flags.end()) {
      apply(config, spec, flag->second.first, {ConfigSource::Flag, flag->second.second}, flag->second.second);
    } else if (auto value = env(spec.info.env)) {
      apply(config, spec, *value, {ConfigSource::Environment, spec.info.env}, spec.info.env);
    } else if (const auto in_file = file_values.find(key); in_file != file_values.end()) {
      const std::string where = fmt::format("{}:{}", file_path, in_file->second.line);
      apply(config, spec, in_file->second.value, {ConfigSource::File, where}, where);
    }
  }
  return config;
}

std::vector<ConfigLine> describe_config(const Config& config) {
  std::vector<ConfigLine> lines;
  for (const auto& spec : key_specs()) {
    std::string value = spec.get(config);
    if (spec.info.secret) value = value.empty() ? "(unset)" : "********";
    lines.push_back({spec.info.key, std::move(value), config.origin(spec.info.key)});
  }
  return lines;
}

}  // namespace mtm
