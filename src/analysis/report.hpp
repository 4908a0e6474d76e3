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

/// Words shown to a reader: a catalog message (msg(), the form every analysis moves to: a message node of
/// present/message.hpp, rendered in the request's language after the language-free result is cached) or,
/// until an analysis is converted, a literal pair in both languages.
struct Text {
  std::string en;
  std::string fr;
  nlohmann::json node = nullptr;
  [[nodiscard]] const std::string& in(const std::string& lang) const { return lang == "fr" ? fr : en; }
  [[nodiscard]] nlohmann::json to_json() const {
    return node.is_null() ? nlohmann::json{{"en", en}, {"fr", fr}} : node;
  }
};

/// A catalog message (i18n/<lang>.json) with its parameters, as Text.
Text msg(std::string_view id, nlohmann::json params = nlohmann::json::object());

/// The result in one language: message nodes rendered (present/render.hpp), a literal narrative pair
/// reduced to lang. What the API and the CLI send.
nlohmann::json localize(const nlohmann::json& result, const std::string& lang);

/// Season and weekday names in both languages, in canonical order.
Text season_name(const std::string& season);
/// The season's name inside a sentence: French writes it in lower case ("en été"), English keeps the
/// chart label's form.
Text season_in_sentence(const std::string& season);
Text day_name(int iso_day);
Text day_short_name(int iso_day);

/// Format a number the way each language writes it ("12,345.6" / "12 345,6").
std::string format_number(double value, int decimals, const std::string& lang);
/// p-value as text: "< 1e-300", scientific below 0.001, else 4 decimals.
std::string format_p(double p, const std::string& lang = "en");
/// "p" and its value as a narrative writes them, after "p ": "= 0.0123", "= 1.00e-05", or "< 1e-300" when the
/// value underflows (never "p = < 1e-300").
std::string p_relation(double p, const std::string& lang = "en");

class Report {
 public:
  Report(std::string id, const Text& title, const Filters& filters);

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

  [[nodiscard]] const std::string& lang() const { return lang_; }
  [[nodiscard]] nlohmann::json to_json() const { return json_; }

 private:
  std::string lang_;
  nlohmann::json json_;
};

/// NaN and infinities become JSON null (JSON has no NaN).
nlohmann::json number(double value);

/// Wording for an effect: "negligible", "small", "medium", "large" by Cohen's thresholds on |d|.
Text effect_size_words(double d);
/// Significance wording after correction: "significant" when p < alpha.
Text significance_words(double p, double effect, double negligible_below);

}  // namespace mtm::analysis
