// The Overview's key findings: what the data in service says, read from the page analyses' own results (peak
// year, the seasonal and weekday swings of posting, the biggest rising and falling ingredients, the rating drift,
// weekend against weekday ratings), each with an effect size, its p-value and a sentence in each language, ranked
// so that a reader meets the strongest established effects first.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "data/duckdb.hpp"

namespace mtm::analysis {

/// Cohen's conventional size of an effect: "negligible", "small", "medium" or "large", from the thresholds of its
/// measure (w and r: 0.1 / 0.3 / 0.5; d and h: 0.2 / 0.5 / 0.8). Unknown measures are "negligible".
std::string effect_strength(const std::string& measure, double effect);

/// |effect| in units of its measure's "large" threshold, so that effects of different measures can be ranked.
double effect_magnitude(const std::string& measure, double effect);

/// {"findings": [{id, page, analysis, chart, effect_name, effect, magnitude, strength, p, significant, text{en,fr}}]}:
/// the significant findings (p < 0.05) by decreasing magnitude, then the others by decreasing magnitude.
nlohmann::json key_findings(db::Connection& connection);

}  // namespace mtm::analysis
