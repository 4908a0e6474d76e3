// Q-Q plot: ordered sample values against theoretical quantiles, with the fitted reference line
// (the analysis computes both; see stats::normal_qq).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "present/theme.hpp"

namespace mtm::present::charts {

struct QqLine {
  double intercept = 0;
  double slope = 0;
};

// The implicit constructor only makes empty vectors, an empty optional and null JSON values: none throws.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct QqSpec {
  std::vector<double> theoretical;  ///< ascending theoretical quantiles
  std::vector<double> ordered;      ///< the sample, sorted, same length
  std::optional<QqLine> line;       ///< the reference line, drawn across the theoretical range; none when unfit
  nlohmann::json points_name;       ///< trace names and axis titles (label nodes or strings)
  nlohmann::json line_name;
  nlohmann::json x_title;
  nlohmann::json y_title;
  std::string_view point_color = theme::kGold;
  std::string_view line_color = theme::kErrorRed;
};

/// {"traces": [points, reference line], "layout": {xaxis, yaxis}}. Non-finite values become null.
[[nodiscard]] nlohmann::json qq(const QqSpec& spec);

}  // namespace mtm::present::charts
