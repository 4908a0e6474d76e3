// User-interaction events sent by the UI to POST /api/v1/events: the schema, checked field by field,
// and the JSON line written to {env}_user_interactions.log. Pure functions; thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace mtm::server {

/// Event types the UI reports.
inline constexpr std::array<std::string_view, 4> kEventTypes = {"page_view", "filter_change", "language_change",
                                                                "download"};

/// Check an event body: {"type", "page", "lang", "client_id", "params"?} and nothing else. Throws
/// ParameterError(InvalidValue) naming the first bad field ("body" when it is not a JSON object).
/// Returns the line to log: the event plus the server time "ts" (UTC, ISO 8601) and "env".
nlohmann::json checked_event(std::string_view body, std::string_view environment,
                             std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace mtm::server
