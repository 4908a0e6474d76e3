// run_ingest: open the inputs, lock the target, load the tables into a temp file of this process, check the
// rows' quality, apply the cleaning rules, write the report and publish the file by an atomic rename.
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <thread>

#include "core/errors.hpp"
#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "data/ingest/atomic_target.hpp"
#include "data/ingest/cleaning.hpp"
#include "data/ingest/input_files.hpp"
#include "data/ingest/interactions_loader.hpp"
#include "data/ingest/optional_tables.hpp"
#include "data/ingest/quality_gate.hpp"
#include "data/ingest/recipes_loader.hpp"
#include "data/ingest/schema.hpp"
#include "data/ingest_summaries.hpp"

namespace mtm::data {

namespace {

namespace fs = std::filesystem;
using namespace ingest;

// Wall-clock seconds per phase, in order.
class PhaseClock {
 public:
  explicit PhaseClock(IngestSummary& summary) : summary_(summary) {}
  void lap(const char* phase) {
    const auto now = std::chrono::steady_clock::now();
    summary_.phases.emplace_back(phase, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  IngestSummary& summary_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

void create_schema(db::Connection& con, const IngestOptions& options, const IngestInputs& inputs) {
  con.execute(fmt::format("SET threads = {}", options.threads));
  con.execute(fmt::format("SET memory_limit = '{}'", options.memory_limit));  // validated: digits and a unit
  con.execute(kSchema);
  for (const auto& [table, reader] : inputs.splits) {
    con.execute(fmt::format("CREATE TABLE {} {}", table, kSplitSchema));  // table: a fixed name from code
  }
  if (inputs.pp_users) {
    con.execute(
        "CREATE TABLE pp_users_stage (u BIGINT, techniques VARCHAR, items VARCHAR, n_items BIGINT, "
        "ratings VARCHAR, n_ratings BIGINT)");
  }
}

struct LoadedTables {
  RecipesResult recipes;
  InteractionsResult interactions;
  std::vector<TableSummary> extra;
};

// Recipes and interactions on two threads (the first failure cancels the other), then the optional tables.
LoadedTables load_tables(const db::Database& database, IngestInputs& inputs, const IngestOptions& options) {
  LoadedTables loaded;
  std::atomic<bool> stop{false};
  std::exception_ptr recipes_error;
  auto run_recipes = [&]() {
    try {
      loaded.recipes = load_recipes(database, std::move(*inputs.recipes), options, stop);
    } catch (const Cancelled&) {
    } catch (...) {
      recipes_error = std::current_exception();
      stop = true;
    }
  };
  std::thread worker;
  if (options.parallel) {
    worker = std::thread(run_recipes);
  } else {
    run_recipes();
  }
  std::exception_ptr interactions_error;
  try {
    if (!stop) loaded.interactions = load_interactions(database, std::move(*inputs.interactions), options, stop);
  } catch (const Cancelled&) {
  } catch (...) {
    interactions_error = std::current_exception();
    stop = true;
  }
  if (worker.joinable()) worker.join();
  if (recipes_error) std::rethrow_exception(recipes_error);
  if (interactions_error) std::rethrow_exception(interactions_error);
  loaded.extra.reserve(inputs.splits.size() + 1);
  for (auto& [table, reader] : inputs.splits) {
    loaded.extra.push_back(load_split(database, std::move(reader), table, options, stop));
  }
  if (inputs.pp_users) loaded.extra.push_back(load_pp_users(database, std::move(*inputs.pp_users), options, stop));
  return loaded;
}

std::vector<ReportRow> interactions_report(LoadedTables& loaded, const IngestOptions& options) {
  std::vector<ReportRow> report;
  InteractionsResult& interactions = loaded.interactions;
  const std::int64_t read = interactions.summary.rows_read;
  const std::int64_t kept = read - interactions.summary.rows_dropped;
  interactions.summary.rows_written = kept;
  report.push_back(step("interactions", "read", {{"file", interactions.summary.file}, {"dropped", "wrong field count"}},
                        read, kept));
  report.push_back(step("interactions", "parse_errors",
                        {{"rejected", "rows with an unparsable value (kept, is_clean=false)"}}, kept,
                        interactions.parsed_ok));
  report.push_back(step("interactions", "rating_range",
                        {{"min_rating", options.min_rating}, {"max_rating", options.max_rating}},
                        interactions.parsed_ok, interactions.rating_ok));
  report.push_back(step("interactions", "date_not_null", Json::object(), interactions.rating_ok, interactions.clean));
  for (auto& t : loaded.extra) {
    t.rows_written = t.rows_read - t.rows_dropped;
    report.push_back(
        step(t.table, "read", {{"file", t.file}, {"row_errors", t.row_errors}}, t.rows_read, t.rows_written));
  }
  return report;
}

// The row-quality rule and what it was given, last in the report so earlier rows keep their numbers.
ReportRow quality_report(const std::vector<TableSummary>& tables, const IngestOptions& options) {
  std::int64_t read = 0;
  std::int64_t bad = 0;
  Json per_table = Json::object();
  for (const auto& t : tables) {
    read += t.rows_read;
    bad += t.rows_bad;
    per_table[t.table] = t.rows_bad;
  }
  return step("all", "max_bad_rows",
              {{"max_bad_share", options.max_bad_share},
               {"date_order", std::string(date_order_name(options.date_order))},
               {"bad_rows", per_table}},
              read, read - bad);
}

std::vector<TableSummary> all_summaries(LoadedTables& loaded) {
  std::vector<TableSummary> tables;
  tables.push_back(std::move(loaded.recipes.summary));
  tables.push_back(std::move(loaded.interactions.summary));
  for (auto& t : loaded.extra) tables.push_back(std::move(t));
  return tables;
}

// Everything written into the temp database, after the loaders: cleaning rules, item and summary tables,
// dataset_info and the report.
void finish_database(db::Connection& con, LoadedTables& loaded, const IngestOptions& options, const SourceInfo& source,
                     const ReportRow& quality, PhaseClock& clock) {
  std::vector<ReportRow> report = clean_recipes(con, options, loaded.recipes);
  clock.lap("cleaning rules");
  loaded.recipes.summary.rows_written = loaded.recipes.summary.rows_read - loaded.recipes.summary.rows_dropped;
  loaded.recipes.summary.rows_clean = report.back().rows_out;
  for (auto& row : interactions_report(loaded, options)) report.push_back(std::move(row));
  loaded.recipes.ingredients.write(con, "recipe_ingredients");
  loaded.recipes.tags.write(con, "recipe_tags");
  clock.lap("item tables");
  build_summary_tables(con);
  clock.lap("summary tables");
  report.push_back(quality);
  write_dataset_info(con, source);
  write_report(con, report);
  con.execute("CHECKPOINT");
  clock.lap("checkpoint");
}

}  // namespace

void validate(const IngestOptions& options) {
  if (options.recipes.empty() && options.raw_dir.empty()) {
    throw ValidationError("--raw-dir", "give --raw-dir or --recipes/--interactions");
  }
  if (options.db_path.empty()) throw ValidationError("--db", "the database path is empty");
  if (options.min_minutes > options.max_minutes) {
    throw ValidationError("--min-minutes", fmt::format("--min-minutes ({}) is greater than --max-minutes ({})",
                                                       options.min_minutes, options.max_minutes));
  }
  if (!(options.band_low >= 0.0 && options.band_low <= 1.0)) {
    throw ValidationError("--band-low", "--band-low must be within [0, 1]");
  }
  if (!(options.band_high >= 0.0 && options.band_high <= 1.0)) {
    throw ValidationError("--band-high", "--band-high must be within [0, 1]");
  }
  if (options.band_low > options.band_high) {
    throw ValidationError("--band-low", "--band-low must not be greater than --band-high");
  }
  if (!(options.max_bad_share >= 0.0 && options.max_bad_share <= 1.0)) {
    throw ValidationError("--max-bad-rows", "--max-bad-rows is a share of the rows read, within [0, 1] (0.05 = 5 %)");
  }
  if (options.threads < 1) throw ValidationError("data.ingest_threads", "DuckDB needs at least one thread");
  const auto unit = options.memory_limit.find_first_not_of("0123456789");
  if (unit == 0 || unit == std::string::npos ||
      options.memory_limit.find_first_not_of("KMGTiB", unit) != std::string::npos) {
    throw ValidationError("data.ingest_memory",
                          fmt::format("'{}' is not a memory size such as 1GB or 512MiB", options.memory_limit));
  }
}

fs::path ingest_temp_path(const fs::path& db_path) {
  return {fmt::format("{}.ingest-tmp.{}", db_path.string(), ::getpid())};
}

fs::path ingest_lock_path(const fs::path& db_path) {
  return {db_path.string() + ".ingest-lock"};
}

IngestSummary run_ingest(const IngestOptions& options) {
  validate(options);
  const auto started = std::chrono::steady_clock::now();
  IngestInputs inputs = open_inputs(options);  // every input opened before anything is written
  const fs::path db_path = options.db_path;
  std::error_code ec;
  if (db_path.has_parent_path()) fs::create_directories(db_path.parent_path(), ec);
  const TargetLock lock(db_path);
  remove_leftovers(db_path);
  TempDatabaseFile temp(ingest_temp_path(db_path));

  IngestSummary summary;
  summary.source = inputs.source.source;
  summary.is_synthetic = inputs.source.is_synthetic;
  {
    db::Database database(temp.path().string());
    auto con = database.connect();
    create_schema(con, options, inputs);
    PhaseClock clock(summary);
    LoadedTables loaded = load_tables(database, inputs, options);
    clock.lap("load");
    std::vector<TableSummary> checked = {loaded.recipes.summary, loaded.interactions.summary};
    checked.insert(checked.end(), loaded.extra.begin(), loaded.extra.end());
    check_row_quality(checked, options.max_bad_share);
    finish_database(con, loaded, options, inputs.source, quality_report(checked, options), clock);
    summary.tables = all_summaries(loaded);
  }
  temp.commit(db_path);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace mtm::data
