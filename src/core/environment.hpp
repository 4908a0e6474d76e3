// The deployment environment (PROD, PREPROD or LOCAL), read from APP_ENV as the original app does.
// It selects the defaults of the configuration (core/config.hpp) and the badge shown in the UI. Pure functions;
// thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace mtm {

enum class Environment { Prod, Preprod, Local };

/// Parse "prod", "preprod" or "local" in any letter case; nullopt for anything else.
std::optional<Environment> parse_environment(std::string_view text);
/// The environment a deployment directory implies, as the original app's layout does: a path containing
/// "10_preprod" is PREPROD, one containing "20_prod" is PROD; nullopt otherwise.
std::optional<Environment> environment_from_path(std::string_view path);
/// $APP_ENV when it names an environment, else the current directory's path, else LOCAL.
Environment detect_environment();
/// Upper-case display name: "PROD", "PREPROD" or "LOCAL".
std::string_view environment_name(Environment environment);

}  // namespace mtm
