#include "analysis/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "present/message.hpp"
#include "present/render.hpp"

namespace mtm::analysis {

Text msg(std::string_view id, nlohmann::json params) {
  return {present::message(id, std::move(params))};
}

nlohmann::json localize(const nlohmann::json& result, const std::string& lang) {
  nlohmann::json out = present::render(result, lang);
  // A language-free result is shared by every language: the language it is written in is the request's.
  if (out.is_object()) out["lang"] = lang;
  if (auto narrative = out.find("narrative"); narrative != out.end() && narrative->is_array()) {
    for (auto& sentence : *narrative) {
      if (sentence.contains("en") && sentence.contains("fr"))
        sentence = {{"text", sentence.value(lang, sentence["en"])}};
    }
  }
  return out;
}

nlohmann::json number(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

Report::Report(std::string id, const Text& title)
    : json_({{"id", std::move(id)},
             {"title", title.to_json()},
             {"metrics", nlohmann::json::array()},
             {"charts", nlohmann::json::array()},
             {"tests", nlohmann::json::array()},
             {"tables", nlohmann::json::array()},
             {"narrative", nlohmann::json::array()}}) {}

Report& Report::metric(const std::string& id, const Text& label, double value, const std::string& unit, int decimals,
                       const Text& help) {
  json_["metrics"].push_back({{"id", id},
                              {"label", label.to_json()},
                              {"value", number(value)},
                              {"unit", unit},
                              {"decimals", decimals},
                              {"help", help.to_json()}});
  return *this;
}

Report& Report::chart(const std::string& id, const Text& title, nlohmann::json traces, nlohmann::json layout,
                      std::vector<std::string> columns, nlohmann::json rows) {
  json_["charts"].push_back({{"id", id},
                             {"title", title.to_json()},
                             {"traces", std::move(traces)},
                             {"layout", std::move(layout)},
                             {"data", {{"columns", std::move(columns)}, {"rows", std::move(rows)}}}});
  return *this;
}

Report& Report::test(const std::string& id, const Text& name, const std::string& statistic_name, double statistic,
                     double p, std::size_t n, const std::string& effect_name, double effect, double p_adjusted,
                     double df) {
  nlohmann::json row = {{"id", id},
                        {"name", name.to_json()},
                        {"statistic_name", statistic_name},
                        {"statistic", number(statistic)},
                        {"p", number(p)},
                        {"n", n}};
  if (!effect_name.empty()) {
    row["effect_name"] = effect_name;
    row["effect"] = number(effect);
  }
  if (p_adjusted >= 0) row["p_adjusted"] = number(p_adjusted);
  if (df >= 0) row["df"] = number(df);
  json_["tests"].push_back(std::move(row));
  return *this;
}

Report& Report::table(const std::string& id, const Text& title, std::vector<std::string> columns, nlohmann::json rows) {
  json_["tables"].push_back(
      {{"id", id}, {"title", title.to_json()}, {"columns", std::move(columns)}, {"rows", std::move(rows)}});
  return *this;
}

Report& Report::say(const Text& sentence) {
  json_["narrative"].push_back(sentence.to_json());
  return *this;
}

Report& Report::set(const std::string& key, nlohmann::json value) {
  json_[key] = std::move(value);
  return *this;
}

}  // namespace mtm::analysis
