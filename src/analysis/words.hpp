// The words every page shares, as catalog labels (present/message.hpp): season and weekday names, effect
// sizes, verdicts, p-values and numbers written the language's way. A parameter of a message may be one
// of these nodes; it is rendered first. Also the constants the pages share.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace mtm::analysis {

/// The significance level of every test and verdict.
inline constexpr double kSignificanceLevel = 0.05;

/// "Summer" / "Été" (a chart label); in_sentence: "summer" / "été" where French writes it in lower case.
nlohmann::json season_label(const std::string& season);
nlohmann::json season_in_sentence_label(const std::string& season);
/// "Monday" / "Lundi" and "Mon" / "Lun", ISO day 1 = Monday.
nlohmann::json day_label(int iso_day);
nlohmann::json day_short_label(int iso_day);
/// The day inside a sentence: "Monday" / "lundi" (French writes it in lower case).
nlohmann::json day_in_sentence_label(int iso_day);
/// "negligible", "small", "medium", "large" by Cohen's thresholds of the measure ("d" and "h": 0.2 / 0.5 /
/// 0.8; "w" and "r": 0.1 / 0.3 / 0.5); "undetermined" when NaN.
nlohmann::json effect_size_label(double effect, const std::string& measure = "d");
/// "significant", "significant but negligible" (|effect| < negligible_below), "not significant" or
/// "not testable", at kSignificanceLevel.
nlohmann::json significance_label(double p, double effect, double negligible_below);
/// "p" and its value as a sentence writes them after "p ": "= 0.0123", "= 1.23E-5", "< 1e-300".
nlohmann::json p_label(double p);
/// A number with fixed decimals in the language's digits ("12,345.6" / "12 345,6"); "n/a" when not finite.
nlohmann::json number_label(double value, int decimals);
/// The same with its sign always written ("+0.50", "-1.20").
nlohmann::json signed_label(double value, int decimals);

}  // namespace mtm::analysis
