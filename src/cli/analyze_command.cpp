// `mangetamain analyze`: run any analysis from the shell and print its JSON result, or list them.
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "cli/commands.hpp"
#include "core/errors.hpp"

namespace mtm::cli {

namespace {

struct AnalyzeOptions {
  std::string name;
  std::string db_path = "data/mangetamain.duckdb";
  bool list = false;
  bool pretty = false;
  bool json = true;
  std::vector<std::pair<std::string, std::string>> params;
};

void list_analyses() {
  for (const auto& a : analysis::analyses()) {
    fmt::print("{:<36} {}\n", a.id, a.title_in("en"));
    std::vector<std::string> described;
    for (const auto& f : a.filters) described.push_back("--" + f);
    fmt::print("{:<36} filters: {}\n", "", described.empty() ? "(none)" : fmt::format("{}", fmt::join(described, " ")));
  }
}

void run_analyze(const AnalyzeOptions& options) {
  if (options.list || options.name.empty()) {
    list_analyses();
    return;
  }
  const analysis::Analysis* a = analysis::find_analysis(options.name);
  if (a == nullptr) {
    throw ValidationError("NAME", fmt::format("unknown analysis '{}' (see mangetamain analyze --list)", options.name));
  }
  analysis::Filters filters = analysis::parse_filters(options.params, a->filters, a->defaults);
  if (!std::filesystem::exists(options.db_path)) {
    throw ValidationError("--db", fmt::format("database '{}' does not exist", options.db_path));
  }
  db::Database database(options.db_path, /*read_only=*/true);
  auto connection = database.connect();
  const nlohmann::json result = analysis::localize(a->run(connection, filters), filters.lang);
  fmt::print("{}\n", result.dump(options.pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

void setup_analyze(CLI::App& app) {
  auto options = std::make_shared<AnalyzeOptions>();
  CLI::App* sub = app.add_subcommand("analyze", "Run one analysis and print its result as JSON");
  sub->add_option("name", options->name, "Analysis id, e.g. trends.volume (see --list)");
  sub->add_flag("--list", options->list, "List every analysis with the filters it accepts");
  sub->add_option("--db", options->db_path, "DuckDB database file (opened read-only)")
      ->envname("MANGETAMAIN_DB")
      ->capture_default_str();
  sub->add_flag("--json", options->json, "Output JSON (the only format; kept for scripts)");
  sub->add_flag("--pretty", options->pretty, "Indent the JSON");
  // Every filter is a CLI option; only those given are passed on, so each analysis validates its own set.
  auto values = std::make_shared<std::vector<std::pair<std::string, std::string>>>();
  for (const auto& spec : analysis::filter_specs()) {
    sub->add_option_function<std::string>(
        "--" + spec.name, [values, name = spec.name](const std::string& v) { values->emplace_back(name, v); },
        spec.description);
  }
  sub->callback([options, values] {
    options->params = *values;
    run_analyze(*options);
  });
}

}  // namespace mtm::cli
