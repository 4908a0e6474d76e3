#include "analysis/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "present/message.hpp"
#include "present/render.hpp"

namespace mtm::analysis {

Text season_name(const std::string& season) {
  if (season == "winter") return {"Winter", "Hiver"};
  if (season == "spring") return {"Spring", "Printemps"};
  if (season == "summer") return {"Summer", "Été"};
  if (season == "autumn") return {"Autumn", "Automne"};
  return {season, season};
}

Text season_in_sentence(const std::string& season) {
  Text name = season_name(season);
  if (season == "winter") name.fr = "hiver";
  if (season == "spring") name.fr = "printemps";
  if (season == "summer") name.fr = "été";
  if (season == "autumn") name.fr = "automne";
  return name;
}

Text day_name(int iso_day) {
  static const char* kEn[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static const char* kFr[] = {"Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"};
  if (iso_day < 1 || iso_day > 7) return {"?", "?"};
  return {kEn[iso_day - 1], kFr[iso_day - 1]};
}

Text day_short_name(int iso_day) {
  static const char* kEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* kFr[] = {"Lun", "Mar", "Mer", "Jeu", "Ven", "Sam", "Dim"};
  if (iso_day < 1 || iso_day > 7) return {"?", "?"};
  return {kEn[iso_day - 1], kFr[iso_day - 1]};
}

std::string format_number(double value, int decimals, const std::string& lang) {
  if (!std::isfinite(value)) return "n/a";
  std::string raw = fmt::format("{:.{}f}", std::fabs(value), decimals);
  std::string integer = raw.substr(0, raw.find('.'));
  std::string fraction = raw.find('.') == std::string::npos ? "" : raw.substr(raw.find('.') + 1);
  const std::string group = lang == "fr" ? "\u202f" : ",";
  std::string grouped;
  for (std::size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) grouped += group;
    grouped += integer[i];
  }
  std::string out = (value < 0 && std::stod(raw) != 0.0 ? "-" : "") + grouped;
  if (!fraction.empty()) out += (lang == "fr" ? "," : ".") + fraction;
  return out;
}

std::string format_p(double p, const std::string& lang) {
  if (!std::isfinite(p)) return "n/a";
  if (p < 1e-300) return "< 1e-300";
  std::string out = p < 0.001 ? fmt::format("{:.2e}", p) : fmt::format("{:.4f}", p);
  if (lang == "fr") std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

std::string p_relation(double p, const std::string& lang) {
  const std::string text = format_p(p, lang);
  return text.starts_with('<') ? text : "= " + text;
}

Text msg(std::string_view id, nlohmann::json params) {
  return {{}, {}, present::message(id, std::move(params))};
}

nlohmann::json localize(const nlohmann::json& result, const std::string& lang) {
  nlohmann::json out = present::render(result, lang);
  // A language-free result is shared by every language: the language it is written in is the request's.
  if (out.is_object() && out.contains("lang")) out["lang"] = lang;
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

Report::Report(std::string id, const Text& title, const Filters& filters) : lang_(filters.lang) {
  json_ = {{"id", std::move(id)},
           {"title", title.to_json()},
           {"lang", lang_},
           {"metrics", nlohmann::json::array()},
           {"charts", nlohmann::json::array()},
           {"tests", nlohmann::json::array()},
           {"tables", nlohmann::json::array()},
           {"narrative", nlohmann::json::array()}};
}

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

Text effect_size_words(double d) {
  const double a = std::fabs(d);
  if (!std::isfinite(a)) return {"undetermined", "indéterminé"};
  if (a < 0.2) return {"negligible", "négligeable"};
  if (a < 0.5) return {"small", "faible"};
  if (a < 0.8) return {"medium", "moyen"};
  return {"large", "fort"};
}

Text significance_words(double p, double effect, double negligible_below) {
  if (!std::isfinite(p)) return {"not testable", "non testable"};
  if (p >= 0.05) return {"not significant", "non significatif"};
  if (std::isfinite(effect) && std::fabs(effect) < negligible_below) {
    return {"significant but negligible", "significatif mais négligeable"};
  }
  return {"significant", "significatif"};
}

}  // namespace mtm::analysis
