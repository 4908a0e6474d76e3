// Command-line side of the configuration: the flags a subcommand offers for config keys, plus --config
// FILE and --set KEY=VALUE for any key, collected during parsing and resolved by core/config.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace mtm::cli {

struct ConfigFlags {
  ConfigInputs inputs;
};

/// Declare --config, --set and the flags of the given keys (see the table in config_options.cpp) on sub.
std::shared_ptr<ConfigFlags> add_config_options(CLI::App* sub, const std::vector<std::string>& keys);
/// Resolve the configuration from the parsed flags, the process environment and the config file.
Config resolve_config(const ConfigFlags& flags);

}  // namespace mtm::cli
