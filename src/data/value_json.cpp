#include "data/value_json.hpp"

namespace mtm::db {

nlohmann::json to_json(const Value& value) {
  struct Visitor {
    nlohmann::json operator()(std::monostate) const { return nullptr; }
    nlohmann::json operator()(bool b) const { return b; }
    nlohmann::json operator()(std::int64_t i) const { return i; }
    nlohmann::json operator()(double d) const { return d; }
    nlohmann::json operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, value);
}

nlohmann::json rows_to_json(Result& result) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < result.column_count(); ++c) names.push_back(result.column_name(c));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& row : result.rows()) {
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t c = 0; c < names.size(); ++c) object[names[c]] = to_json(row[c]);
    out.push_back(std::move(object));
  }
  return out;
}

}  // namespace mtm::db
