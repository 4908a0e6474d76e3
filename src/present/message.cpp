#include "present/message.hpp"

namespace mtm::present {

nlohmann::json message(std::string_view id, nlohmann::json params) {
  return {{"msg", id}, {"params", std::move(params)}};
}

nlohmann::json label(std::string_view id, nlohmann::json params) {
  return {{"str", id}, {"params", std::move(params)}};
}

bool is_message_node(const nlohmann::json& node) {
  return node.is_object() && (node.contains("msg") || node.contains("str")) && node.size() <= 2;
}

}  // namespace mtm::present
