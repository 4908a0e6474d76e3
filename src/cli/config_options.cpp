#include "cli/config_options.hpp"

#include <filesystem>
#include <map>

#include "core/errors.hpp"

namespace mtm::cli {

namespace {

struct FlagSpec {
  // cppcheck-suppress unusedStructMember ; read through map iterators, which cppcheck does not follow
  const char* flag;
  // cppcheck-suppress unusedStructMember ; same
  const char* help;
};

// The short flags of the most used keys; every other key is reachable through --set KEY=VALUE.
const std::map<std::string, FlagSpec>& flag_table() {
  static const std::map<std::string, FlagSpec> kFlags = {
      {"app.env", {"--env", "Environment: prod, preprod or local (default: APP_ENV, then the path, then local)"}},
      {"server.host", {"--host", "Address to listen on (default 127.0.0.1)"}},
      {"server.port", {"--port", "TCP port (default 8501, PREPROD 8500; 0 = any free port, printed at start)"}},
      {"server.threads", {"--threads", "I/O threads and as many work threads (0 = CPU threads)"}},
      {"data.db", {"--db", "DuckDB database file"}},
      {"data.source",
       {"--data",
        "Data source instead of --db: s3://bucket/prefix (raw CSVs, fetched then ingested), "
        "s3://bucket/prefix/name.duckdb (a prebuilt database) or a local database file"}},
      {"data.cache_dir", {"--cache-dir", "Download cache of an s3:// data source (default data/s3-cache)"}},
      {"data.ingest_threads", {"--ingest-threads", "DuckDB threads while ingest builds the database (default 2)"}},
      {"data.ingest_memory",
       {"--ingest-memory", "DuckDB's memory limit while ingest builds the database (e.g. 1G, the default)"}},
      {"cache.bytes", {"--cache-bytes", "Bound of the analysis result cache (e.g. 64M)"}},
      {"log.dir", {"--log-dir", "Log directory, created if missing (default logs)"}},
      {"log.console_level", {"--log-level", "Console log level: trace, debug, info, warn, error, critical, off"}},
      {"s3.endpoint", {"--endpoint", "S3 endpoint URL (default AWS_ENDPOINT_URL or the profile's)"}},
      {"s3.region", {"--region", "Signing region (default AWS_REGION, the profile's, or us-east-1)"}},
      {"s3.profile", {"--profile", "Profile in the credentials file (default s3fast, then default)"}},
      {"s3.credentials_file",
       {"--credentials", "INI credentials file (default: 96_keys/credentials in this directory or a parent)"}},
  };
  return kFlags;
}

}  // namespace

std::shared_ptr<ConfigFlags> add_config_options(CLI::App* sub, const std::vector<std::string>& keys) {
  auto flags = std::make_shared<ConfigFlags>();
  sub->add_option("--config", flags->inputs.config_file,
                  "INI configuration file (default: MANGETAMAIN_CONFIG; flags and variables override it)");
  for (const auto& key : keys) {
    const auto found = flag_table().find(key);
    if (found == flag_table().end()) continue;
    const std::string flag = found->second.flag;
    sub->add_option_function<std::string>(
        flag,
        [flags, key, flag](const std::string& value) {
          flags->inputs.flags[key] = {value, flag};
        },
        found->second.help);
  }
  if (std::find(keys.begin(), keys.end(), "server.access_log") != keys.end()) {
    sub->add_flag_function(
        "--no-access-log",
        [flags](std::int64_t) {
          flags->inputs.flags["server.access_log"] = {"false", "--no-access-log"};
        },
        "Do not log one line per request");
  }
  sub->add_option_function<std::vector<std::string>>(
         "--set",
         [flags](const std::vector<std::string>& assignments) {
           for (const auto& assignment : assignments) {
             const auto eq = assignment.find('=');
             if (eq == std::string::npos || eq == 0) {
               throw ConfigurationError("--set '" + assignment + "': expected KEY=VALUE, e.g. --set log.dir=/var/log");
             }
             const std::string key = assignment.substr(0, eq);
             flags->inputs.flags[key] = {assignment.substr(eq + 1), "--set " + key};
           }
         },
         "Set any configuration key, e.g. --set server.slow_request_ms=500 (repeatable)")
      ->take_all()
      ->allow_extra_args(false);
  return flags;
}

Config resolve_config(const ConfigFlags& flags) {
  ConfigInputs inputs = flags.inputs;
  inputs.env = process_environment();
  std::error_code error;
  inputs.cwd = std::filesystem::current_path(error).string();
  return load_config(inputs);
}

}  // namespace mtm::cli
