// Bars per season, each in its season's colour, optionally with a ± error bar on each (e.g. a 95 %
// interval half-width). Takes the labels and colours ready-made: no statistics here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mtm::present::charts {

struct SeasonBars {
  nlohmann::json categories = nlohmann::json::array();  ///< season labels (strings or label nodes), in order
  std::vector<double> values;
  std::vector<std::string> colors;  ///< one per bar (theme::season_color)
  std::vector<double> errors;       ///< ± half-widths, one per bar; empty for none
  nlohmann::json name;              ///< trace name (legend, hover)
  nlohmann::json x_title;           ///< axis titles; null for none
  nlohmann::json y_title;
};

/// {traces, layout} of the bars.
[[nodiscard]] nlohmann::json season_bars(const SeasonBars& spec);

}  // namespace mtm::present::charts
