#include "present/render.hpp"

#include "present/message.hpp"

namespace mtm::present {
namespace {

nlohmann::json rendered_params(const nlohmann::json& params, std::string_view lang, const Catalog& catalog) {
  if (!params.is_object()) return nlohmann::json::object();
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : params.items()) {
    if (is_message_node(value)) {
      const bool bare = value.contains("str");
      const std::string id = value.at(bare ? "str" : "msg").get<std::string>();
      out[name] =
          catalog.format(lang, id, rendered_params(value.value("params", nlohmann::json::object()), lang, catalog));
    } else {
      out[name] = value;
    }
  }
  return out;
}

}  // namespace

nlohmann::json render(const nlohmann::json& result, std::string_view lang, const Catalog& catalog) {
  if (is_message_node(result)) {
    const bool bare = result.contains("str");
    const std::string id = result.at(bare ? "str" : "msg").get<std::string>();
    nlohmann::json params = rendered_params(result.value("params", nlohmann::json::object()), lang, catalog);
    std::string text = catalog.format(lang, id, params);
    if (bare) return text;
    return {{"id", id}, {"params", std::move(params)}, {"text", std::move(text)}};
  }
  if (result.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : result) out.push_back(render(item, lang, catalog));
    return out;
  }
  if (result.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : result.items()) out[key] = render(value, lang, catalog);
    return out;
  }
  return result;
}

}  // namespace mtm::present
