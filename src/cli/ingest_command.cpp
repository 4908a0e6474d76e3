// `mangetamain ingest`: read the Food.com CSVs into a DuckDB database (see docs/data-model.md).
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/config_options.hpp"
#include "cli/s3_source.hpp"
#include "core/config.hpp"
#include "core/errors.hpp"
#include "data/ingest.hpp"
#include "data/s3/s3_cache.hpp"
#include "data/s3/s3_dataset.hpp"

namespace mtm::cli {

namespace {

struct IngestCliOptions {
  data::IngestOptions ingest;
  std::string raw_dir;
  std::string recipes;
  std::string interactions;
  std::string raw;
  std::string date_order;
  std::string db = "data/mangetamain.duckdb";
  bool quiet = false;
};

// Download the raw CSVs of an s3:// source into the cache (only what changed) and return that directory.
std::string fetch_raw_csvs(const Config& config, bool quiet) {
  const std::string& url = config.data.source;
  const data::s3::S3DataSource source = data::s3::parse_data_source(url, config.origin("data.source").where);
  if (!source.database.empty()) {
    throw ValidationError("--data", "'" + url +
                                        "' is a prebuilt database; ingest reads raw CSVs (serve it with "
                                        "`serve --data`, or download it with `fetch --object`)");
  }
  const data::s3::S3Client client(s3_credentials_from(config));
  data::s3::FetchRequest request;
  request.location = source.location;
  request.out_dir = std::filesystem::path(config.data.cache_dir) / "raw";
  const data::s3::FetchResult fetched = data::s3::fetch_objects(client, request);
  for (const auto& w : fetched.warnings) fmt::print(stderr, "warning: {}\n", w);
  if (!quiet) {
    fmt::print("fetched {}: {} downloaded, {} up to date, {} from cache while offline\n", url, fetched.downloaded,
               fetched.not_modified, fetched.offline);
  }
  return request.out_dir.string();
}

// The raw directory to ingest from the data source, or "" to read --raw-dir/--recipes/--interactions. A
// MANGETAMAIN_DATA or config file that names a local database (serve's source) is not ingest's business;
// a --data flag must be an s3:// prefix and replaces the local paths.
std::string raw_dir_from_source(const IngestCliOptions& o, const Config& config) {
  const bool flagged = config.origin("data.source").source == ConfigSource::Flag;
  const bool local_paths = !o.raw_dir.empty() || !o.recipes.empty() || !o.interactions.empty() || !o.raw.empty();
  if (flagged && local_paths) {
    throw ValidationError("--data", "--data replaces --raw-dir, --recipes and --interactions; give only one");
  }
  if (!data::s3::is_s3_url(config.data.source)) {
    if (flagged) {
      throw ValidationError(
          "--data", "'" + config.data.source + "' is not an s3:// prefix; give a local directory with --raw-dir");
    }
    return {};
  }
  if (local_paths) return {};
  return fetch_raw_csvs(config, o.quiet);
}

void print_summary(const data::IngestSummary& summary) {
  for (const auto& t : summary.tables) {
    if (t.row_errors == 0) continue;
    for (const auto& message : t.first_errors) fmt::print(stderr, "warning: {}\n", message);
    if (t.row_errors > static_cast<std::int64_t>(t.first_errors.size())) {
      fmt::print(stderr, "warning: {}: {} more row problem(s) not shown\n", t.file,
                 t.row_errors - static_cast<std::int64_t>(t.first_errors.size()));
    }
  }
}

void run(IngestCliOptions& o, const Config& config) {
  if (!o.raw.empty() && !o.raw_dir.empty()) {
    throw ValidationError("--raw", "--raw and --raw-dir both name the input; give one");
  }
  if (!o.raw.empty()) o.raw_dir = o.raw;
  if (std::string fetched = raw_dir_from_source(o, config); !fetched.empty()) o.raw_dir = std::move(fetched);
  data::IngestOptions& options = o.ingest;
  const auto order = data::ingest::parse_date_order(o.date_order);
  if (!order) throw ValidationError("--date-order", "'" + o.date_order + "' is not a date order: give mdy or dmy");
  options.date_order = *order;
  options.threads = static_cast<std::int64_t>(config.data.ingest_threads);
  options.memory_limit = std::to_string(config.data.ingest_memory_bytes >> 20) + "MiB";
  options.recipes = o.recipes;
  options.interactions = o.interactions;
  // With both files named explicitly, optional tables come only from an explicit --raw-dir.
  options.raw_dir = !o.raw_dir.empty() ? o.raw_dir : (o.recipes.empty() || o.interactions.empty() ? "data/raw" : "");
  options.db_path = o.db;
  const data::IngestSummary summary = data::run_ingest(options);
  print_summary(summary);
  if (o.quiet) return;
  fmt::print("ingested {} into {}\n", summary.source, o.db);
  fmt::print("{:<24} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "table", "read", "dropped", "written", "clean", "problems");
  for (const auto& t : summary.tables) {
    fmt::print("{:<24} {:>10} {:>10} {:>10} {:>10} {:>10}\n", t.table, t.rows_read, t.rows_dropped, t.rows_written,
               t.rows_clean >= 0 ? std::to_string(t.rows_clean) : std::string("-"), t.row_errors);
  }
  std::vector<std::string> phases;
  for (const auto& [phase, seconds] : summary.phases) phases.push_back(fmt::format("{} {:.2f} s", phase, seconds));
  fmt::print("done in {:.2f} s ({})\n", summary.seconds, fmt::join(phases, ", "));
}

}  // namespace

void setup_ingest(CLI::App& app) {
  auto o = std::make_shared<IngestCliOptions>();
  CLI::App* sub = app.add_subcommand("ingest", "Read the Food.com CSV files into a DuckDB database");
  sub->add_option("--raw-dir", o->raw_dir,
                  "Directory with RAW_recipes.csv, RAW_interactions.csv and optionally PP_users.csv, "
                  "interactions_{train,validation,test}.csv (default data/raw)");
  sub->add_option("--raw", o->raw,
                  "The Kaggle download as it comes (archive.zip, read without unpacking) or a directory of CSVs");
  sub->add_option("--recipes", o->recipes, "Recipes CSV (default <raw-dir>/RAW_recipes.csv)");
  sub->add_option("--interactions", o->interactions, "Interactions CSV (default <raw-dir>/RAW_interactions.csv)");
  sub->add_option("--db", o->db, "DuckDB file to write (replaced atomically)")
      ->envname("MANGETAMAIN_DB")
      ->capture_default_str();
  // --data s3://bucket/prefix: the raw CSVs are fetched into --cache-dir/raw (only what changed), then ingested.
  auto flags = add_config_options(sub, {"data.source", "data.cache_dir", "data.ingest_threads", "data.ingest_memory",
                                        "s3.endpoint", "s3.region", "s3.profile", "s3.credentials_file"});
  sub->add_flag("--strict", o->ingest.strict, "Fail on the first per-row problem");
  sub->add_option("--max-bad-rows", o->ingest.max_bad_share,
                  "Largest share of a table's rows that may be dropped or have a problem (0.01 = 1 %); beyond it "
                  "the ingest fails and the database is left as it was")
      ->capture_default_str();
  sub->add_option("--date-order", o->date_order,
                  "How to read dates written M/D/YYYY (mdy) or D/M/YYYY (dmy); YYYY-MM-DD and YYYY/M/D need none");
  sub->add_option("--min-minutes", o->ingest.min_minutes, "Cleaning: smallest kept minutes")->capture_default_str();
  sub->add_option("--max-minutes", o->ingest.max_minutes, "Cleaning: largest kept minutes")->capture_default_str();
  sub->add_option("--band-low", o->ingest.band_low, "Cleaning: lower quantile of the n_steps/n_ingredients band")
      ->capture_default_str();
  sub->add_option("--band-high", o->ingest.band_high, "Cleaning: upper quantile of the n_steps/n_ingredients band")
      ->capture_default_str();
  sub->add_option("--min-rating", o->ingest.min_rating, "Cleaning: smallest rating used by rating statistics")
      ->capture_default_str();
  sub->add_option("--max-rating", o->ingest.max_rating, "Cleaning: largest rating used by rating statistics")
      ->capture_default_str();
  sub->add_flag("--quiet", o->quiet, "Print only problems");
  sub->callback([o, flags] { run(*o, resolve_config(*flags)); });
}

}  // namespace mtm::cli
