// The subcommands of the mangetamain binary. Each one has setup_<name>(CLI::App&) that declares its
// options and runs the command from the option callback (CLI11's subcom_in_files shape).
#pragma once

#include <CLI/CLI.hpp>

namespace mtm::cli {

void setup_query(CLI::App& app);
void setup_ingest(CLI::App& app);
void setup_generate(CLI::App& app);
void setup_analyze(CLI::App& app);
void setup_serve(CLI::App& app);
void setup_fetch(CLI::App& app);

}  // namespace mtm::cli
