// Heatmap chart: a matrix of values the analysis computed, one row per y category, one column per x
// category, first row at the top.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace mtm::present::charts {

struct HeatmapSpec {
  nlohmann::json x;                   ///< column categories (label nodes or strings)
  nlohmann::json y;                   ///< row categories
  nlohmann::json z;                   ///< rows of values (null for none), z[row][column]
  nlohmann::json text = nullptr;      ///< optional text per cell, same shape as z, drawn in the cell
  std::string colorscale = "YlOrRd";  ///< a Plotly colour scale name
  bool reverse_scale = false;
  nlohmann::json colorbar_title;  ///< label node or string
  int left_margin = 0;            ///< px for long row labels; 0 leaves Plotly's default
};

/// {"traces": [one heatmap trace], "layout": {yaxis top-down, margin}}.
[[nodiscard]] nlohmann::json heatmap(const HeatmapSpec& spec);

}  // namespace mtm::present::charts
