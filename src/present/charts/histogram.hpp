// Histogram chart: bars of equal width over bins the analysis counted (this builder draws, never bins).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace mtm::present::charts {

struct HistogramSpec {
  double lo = 0;               ///< left edge of the first bin
  double width = 0;            ///< width of every bin
  std::vector<double> counts;  ///< one count per bin
  nlohmann::json name;         ///< trace name (a label node or a string)
  nlohmann::json x_title;      ///< axis titles (label nodes or strings)
  nlohmann::json y_title;
  std::string_view color;
  bool log_y = false;  ///< counts on a log axis
};

/// {"traces": [one bar trace, bars centred in their bins], "layout": {xaxis, yaxis, bargap 0}}.
[[nodiscard]] nlohmann::json histogram(const HistogramSpec& spec);

}  // namespace mtm::present::charts
