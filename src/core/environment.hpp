// The deployment environment (PROD, PREPROD or LOCAL), read from APP_ENV as the original app does.
// It selects the badge shown in the UI. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace mtm {

enum class Environment { Prod, Preprod, Local };

/// Parse "prod", "preprod" or "local" in any letter case; nullopt for anything else.
std::optional<Environment> parse_environment(std::string_view text);
/// The environment named by $APP_ENV; LOCAL when unset or unrecognised.
Environment detect_environment();
/// Upper-case display name: "PROD", "PREPROD" or "LOCAL".
std::string_view environment_name(Environment environment);

}  // namespace mtm
