#include "analysis/words.hpp"

#include <cmath>

#include "analysis/overview/findings.hpp"
#include "present/message.hpp"

namespace mtm::analysis {
namespace {

using present::label;

nlohmann::json number_node(const char* id, double value, int decimals) {
  if (!std::isfinite(value)) return label("fmt.not_available");
  return label(id, {{"value", value}, {"decimals", std::to_string(std::clamp(decimals, 0, 4))}});
}

}  // namespace

nlohmann::json season_label(const std::string& season) {
  return label("season.name", {{"season", season}});
}

nlohmann::json season_in_sentence_label(const std::string& season) {
  return label("season.in_sentence", {{"season", season}});
}

nlohmann::json day_label(int iso_day) {
  return label("day.name", {{"day", std::to_string(iso_day)}});
}

nlohmann::json day_in_sentence_label(int iso_day) {
  return label("day.in_sentence", {{"day", std::to_string(iso_day)}});
}

nlohmann::json day_short_label(int iso_day) {
  return label("day.short", {{"day", std::to_string(iso_day)}});
}

nlohmann::json effect_size_label(double effect, const std::string& measure) {
  const std::string size = std::isfinite(effect) ? effect_strength(measure, effect) : "undetermined";
  return label("effect.size", {{"size", size}});
}

nlohmann::json significance_label(double p, double effect, double negligible_below) {
  const char* verdict = "significant";
  if (!std::isfinite(p)) {
    verdict = "not_testable";
  } else if (p >= kSignificanceLevel) {
    verdict = "not_significant";
  } else if (std::isfinite(effect) && std::fabs(effect) < negligible_below) {
    verdict = "negligible";
  }
  return label("verdict.significance", {{"verdict", verdict}});
}

nlohmann::json p_label(double p) {
  if (!std::isfinite(p)) return label("fmt.not_available");
  const char* kind = p < 1e-300 ? "underflow" : p < 0.001 ? "scientific" : "decimal";
  return label("p.relation", {{"kind", kind}, {"p", p}});
}

nlohmann::json number_label(double value, int decimals) {
  return number_node("fmt.number", value, decimals);
}

nlohmann::json signed_label(double value, int decimals) {
  return number_node("fmt.signed", value, decimals);
}

}  // namespace mtm::analysis
