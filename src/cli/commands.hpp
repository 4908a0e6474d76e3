// The subcommands of the mangetamain binary. Each one has setup_<name>(CLI::App&) that declares its
// options and runs the command from the option callback (CLI11's subcom_in_files shape).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace mtm::cli {

void setup_query(CLI::App& app);
void setup_ingest(CLI::App& app);
void setup_generate(CLI::App& app);
void setup_analyze(CLI::App& app);
void setup_serve(CLI::App& app);
void setup_fetch(CLI::App& app);
void setup_config(CLI::App& app);
void setup_healthcheck(CLI::App& app);

/// Every configuration key: serve and config accept flags for all of them.
std::vector<std::string> serve_config_keys();

}  // namespace mtm::cli
