// Builds the JSON result every analysis returns: metric cards, Plotly-ready charts (each with the exact
// data table it shows, for CSV download), statistical test rows and bilingual narratives. One Report
// per request; not shared between threads.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/filters.hpp"

namespace mtm::analysis {

/// Words shown to a reader: a catalog message node (present/message.hpp), rendered in the request's language
/// only after the language-free result is cached. Made by msg().
struct Text {
  nlohmann::json node;
  [[nodiscard]] const nlohmann::json& to_json() const { return node; }
};

/// A catalog message (i18n/<lang>.json) with its parameters, as Text.
Text msg(std::string_view id, nlohmann::json params = nlohmann::json::object());

/// The result in one language: message nodes rendered (present/render.hpp), a literal narrative pair
/// reduced to lang. What the API and the CLI send.
nlohmann::json localize(const nlohmann::json& result, const std::string& lang);

class Report {
 public:
  Report(std::string id, const Text& title);

  /// A metric card; value may be NaN (shown as "n/a").
  Report& metric(const std::string& id, const Text& label, double value, const std::string& unit, int decimals,
                 const Text& help = {});
  /// A chart: traces and layout in Plotly form (names already in the request's language), plus the
  /// table of exactly the plotted data (columns + rows) for the CSV download.
  Report& chart(const std::string& id, const Text& title, nlohmann::json traces, nlohmann::json layout,
                std::vector<std::string> columns, nlohmann::json rows);
  /// A statistical test row. effect_name empty when none.
  Report& test(const std::string& id, const Text& name, const std::string& statistic_name, double statistic, double p,
               std::size_t n, const std::string& effect_name = "", double effect = 0.0, double p_adjusted = -1.0,
               double df = -1.0);
  /// A data table (e.g. per-day statistics).
  Report& table(const std::string& id, const Text& title, std::vector<std::string> columns, nlohmann::json rows);
  /// One insight sentence.
  Report& say(const Text& sentence);
  /// Any extra field.
  Report& set(const std::string& key, nlohmann::json value);

  [[nodiscard]] nlohmann::json to_json() const { return json_; }

 private:
  nlohmann::json json_;
};

/// NaN and infinities become JSON null (JSON has no NaN).
nlohmann::json number(double value);

}  // namespace mtm::analysis
