// `mangetamain fetch`: download the raw CSVs (or one prebuilt object) from an S3-compatible store into a
// directory that doubles as an ETag cache (see docs/s3.md).
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/config_options.hpp"
#include "cli/s3_source.hpp"
#include "core/errors.hpp"
#include "data/s3/s3_cache.hpp"
#include "data/s3/s3_client.hpp"

namespace mtm::cli {

namespace {

struct FetchCliOptions {
  std::string out = "data/raw";
  std::string object;
  bool quiet = false;
};

const char* status_name(data::s3::FetchStatus s) {
  switch (s) {
    case data::s3::FetchStatus::Downloaded: return "downloaded";
    case data::s3::FetchStatus::NotModified: return "up to date";
    case data::s3::FetchStatus::CachedOffline: return "cached (offline)";
  }
  return "?";
}

void run(const FetchCliOptions& o, const Config& config) {
  if (config.data.source.empty()) {
    throw ConfigurationError("no data source: give --data s3://bucket/prefix (or MANGETAMAIN_DATA, or data.source)");
  }
  const std::string where = config.origin("data.source").where;
  data::s3::FetchRequest request;
  request.location = data::s3::parse_s3_url(config.data.source, where);
  request.object = o.object;
  request.out_dir = o.out;
  const data::s3::Credentials creds = s3_credentials_from(config);
  const data::s3::S3Client client(creds);
  const data::s3::FetchResult result = data::s3::fetch_objects(client, request);
  for (const auto& w : result.warnings) fmt::print(stderr, "warning: {}\n", w);
  if (o.quiet) return;
  fmt::print("fetched {} from {} (key {} from {})\n", config.data.source, creds.endpoint,
             data::s3::mask_secret(creds.access_key_id), creds.origin);
  for (const auto& obj : result.objects) {
    fmt::print("{:<32} {:>14} {:<18} {}\n", obj.path.filename().string(), obj.bytes, status_name(obj.status), obj.etag);
  }
  fmt::print("{} downloaded, {} up to date, {} from cache while offline\n", result.downloaded, result.not_modified,
             result.offline);
}

}  // namespace

void setup_fetch(CLI::App& app) {
  auto o = std::make_shared<FetchCliOptions>();
  CLI::App* sub = app.add_subcommand("fetch", "Download the raw CSVs or a prebuilt database from S3");
  auto flags =
      add_config_options(sub, {"data.source", "s3.endpoint", "s3.region", "s3.profile", "s3.credentials_file"});
  sub->add_option("--out", o->out, "Directory to download into; also the ETag cache")->capture_default_str();
  sub->add_option("--object", o->object, "Fetch only this object under the prefix, e.g. mangetamain.duckdb");
  sub->add_flag("--quiet", o->quiet, "Print only problems");
  sub->callback([o, flags] { run(*o, resolve_config(*flags)); });
}

}  // namespace mtm::cli
