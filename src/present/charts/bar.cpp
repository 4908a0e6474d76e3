#include "present/charts/bar.hpp"

#include "present/charts/line.hpp"

namespace mtm::present::charts {

nlohmann::json bar(const BarChart& chart) {
  nlohmann::json traces = nlohmann::json::array();
  for (const auto& s : chart.series) {
    nlohmann::json trace = {
        {"type", "bar"}, {"name", s.name}, {"x", s.x}, {"y", s.y}, {"marker", {{"color", s.color}}}};
    if (!s.customdata.is_null()) trace["customdata"] = s.customdata;
    traces.push_back(std::move(trace));
  }
  nlohmann::json layout = {{"xaxis", titled_axis(chart.x_title)}, {"yaxis", titled_axis(chart.y_title)}};
  if (chart.series.size() > 1) layout["barmode"] = "group";
  return {{"traces", std::move(traces)}, {"layout", std::move(layout)}};
}

}  // namespace mtm::present::charts
