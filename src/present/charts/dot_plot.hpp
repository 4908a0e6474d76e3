// Mean and median per group: a bar for each group's mean, and its median drawn as a marker with the
// interquartile range as asymmetric error bars. Names and titles are label nodes or data strings.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace mtm::present::charts {

struct DotGroup {
  nlohmann::json name;  ///< the group's label (x category)
  double mean = 0, median = 0, q1 = 0, q3 = 0;
  std::string_view color;
};

struct DotPlotNames {
  nlohmann::json mean;    ///< the bars' trace name
  nlohmann::json median;  ///< the markers' trace name
  nlohmann::json x_title;
  nlohmann::json y_title;
};

/// {"traces": [bars of means, median markers with IQR], "layout": {...}}.
[[nodiscard]] nlohmann::json dot_plot(const std::vector<DotGroup>& groups, const DotPlotNames& names,
                                      std::string_view median_color);

}  // namespace mtm::present::charts
