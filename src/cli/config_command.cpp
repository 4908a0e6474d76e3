// `mangetamain config`: print the effective configuration and where each value came from, secrets masked.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/config_options.hpp"

namespace mtm::cli {

std::vector<std::string> serve_config_keys() {
  std::vector<std::string> keys;
  for (const auto& info : config_keys()) keys.push_back(info.key);
  return keys;
}

void setup_config(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("config", "Print the effective configuration and the source of each value");
  auto flags = add_config_options(sub, serve_config_keys());
  auto json_output = std::make_shared<bool>(false);
  sub->add_flag("--json", *json_output, "Print JSON instead of a table");
  sub->callback([flags, json_output] {
    const Config config = resolve_config(*flags);
    const auto lines = describe_config(config);
    if (*json_output) {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& line : lines) {
        out[line.key] = {{"value", line.value},
                         {"source", std::string(config_source_name(line.origin.source))},
                         {"from", line.origin.where}};
      }
      fmt::print("{}\n", out.dump(2));
      return;
    }
    fmt::print("# config file: {}\n", config.file.empty() ? "(none)" : config.file);
    for (const auto& line : lines) {
      fmt::print("{:<26} {:<28} {:<11} {}\n", line.key, line.value, config_source_name(line.origin.source),
                 line.origin.where);
    }
  });
}

}  // namespace mtm::cli
