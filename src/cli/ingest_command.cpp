// `mangetamain ingest`: read the Food.com CSVs into a DuckDB database (see docs/data-model.md).
#include <fmt/format.h>

#include <memory>

#include "cli/commands.hpp"
#include "data/ingest.hpp"

namespace mtm::cli {

namespace {

struct IngestCliOptions {
  data::IngestOptions ingest;
  std::string raw_dir;
  std::string recipes;
  std::string interactions;
  std::string db = "data/mangetamain.duckdb";
  bool quiet = false;
};

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

void run(IngestCliOptions& o) {
  data::IngestOptions& options = o.ingest;
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
  sub->add_option("--recipes", o->recipes, "Recipes CSV (default <raw-dir>/RAW_recipes.csv)");
  sub->add_option("--interactions", o->interactions, "Interactions CSV (default <raw-dir>/RAW_interactions.csv)");
  sub->add_option("--db", o->db, "DuckDB file to write (replaced atomically)")
      ->envname("MANGETAMAIN_DB")
      ->capture_default_str();
  sub->add_flag("--strict", o->ingest.strict, "Fail on the first per-row problem");
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
  sub->callback([o] { run(*o); });
}

}  // namespace mtm::cli
