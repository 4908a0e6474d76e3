// Box plots per group from precomputed quartiles and Tukey fences (no raw points are sent): one box
// trace per group. Names and titles are label nodes (present/message.hpp) or plain data strings.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace mtm::present::charts {

struct BoxGroup {
  nlohmann::json name;  ///< the group's label (category and trace name)
  double q1 = 0, median = 0, q3 = 0, lower_fence = 0, upper_fence = 0, mean = 0, sd = 0;
  std::string_view color;
};

/// {"traces": [...], "layout": {...}}: one box per group, x the group names.
[[nodiscard]] nlohmann::json box(const std::vector<BoxGroup>& groups, const nlohmann::json& x_title,
                                 const nlohmann::json& y_title);

}  // namespace mtm::present::charts
