// A pie chart: one slice per category, each with its colour, labelled with its name and share. Plotly
// computes the percentages, so the page's locale (layout.separators) writes them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mtm::present::charts {

/// {traces, layout} of a pie: labels (strings or label nodes), values and one colour per slice.
[[nodiscard]] nlohmann::json pie(const nlohmann::json& labels, const std::vector<double>& values,
                                 const std::vector<std::string>& colors);

}  // namespace mtm::present::charts
