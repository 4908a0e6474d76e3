// Bar chart builder: one series of bars, or several grouped side by side. Plain data in, Plotly
// {traces, layout} out; names and axis titles may be catalog label nodes (rendered later).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

namespace mtm::present::charts {

struct BarSeries {
  nlohmann::json name;
  nlohmann::json x;  ///< categories or numbers
  nlohmann::json y;
  nlohmann::json color;  ///< one colour, or one per bar
  nlohmann::json customdata = nullptr;
};

struct BarChart {
  std::vector<BarSeries> series;
  nlohmann::json x_title;
  nlohmann::json y_title;
};

/// {"traces": [one bar trace per series], "layout": {xaxis, yaxis titles, barmode "group" for several}}.
[[nodiscard]] nlohmann::json bar(const BarChart& chart);

}  // namespace mtm::present::charts
