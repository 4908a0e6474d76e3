// A sentence, label or unit as data: a catalog id and its parameters, never words. Analyses put these
// nodes in their language-free results; render() (render.hpp) turns them into the request's language at
// the last moment, so one computation serves every language.
//   message(id, params) -> {"msg": id, "params": {...}}  rendered as {"id", "params", "text"} (people read
//                                                        text, machines read id and params)
//   label(id, params)   -> {"str": id, "params": {...}}  rendered as the bare string (chart trace names,
//                                                        axis titles, category labels: Plotly wants strings)
// A parameter may itself be a node; it is rendered first and passed as text.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace mtm::present {

[[nodiscard]] nlohmann::json message(std::string_view id, nlohmann::json params = nlohmann::json::object());
[[nodiscard]] nlohmann::json label(std::string_view id, nlohmann::json params = nlohmann::json::object());

/// True for a node made by message() or label().
[[nodiscard]] bool is_message_node(const nlohmann::json& node);

}  // namespace mtm::present
