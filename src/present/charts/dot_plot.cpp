#include "present/charts/dot_plot.hpp"

#include <cmath>

namespace mtm::present::charts {
namespace {

nlohmann::json value(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json dot_plot(const std::vector<DotGroup>& groups, const DotPlotNames& names, std::string_view median_color) {
  nlohmann::json x = nlohmann::json::array(), means = nlohmann::json::array(), medians = nlohmann::json::array();
  nlohmann::json up = nlohmann::json::array(), down = nlohmann::json::array(), colors = nlohmann::json::array();
  for (const DotGroup& g : groups) {
    x.push_back(g.name);
    means.push_back(value(g.mean));
    medians.push_back(value(g.median));
    up.push_back(value(g.q3 - g.median));
    down.push_back(value(g.median - g.q1));
    colors.push_back(g.color);
  }
  nlohmann::json traces = nlohmann::json::array(
      {{{"type", "bar"}, {"name", names.mean}, {"x", x}, {"y", means}, {"marker", {{"color", colors}}}},
       {{"type", "scatter"},
        {"mode", "markers"},
        {"name", names.median},
        {"x", x},
        {"y", medians},
        {"marker", {{"color", median_color}, {"symbol", "square"}, {"size", 10}}},
        {"error_y", {{"type", "data"}, {"symmetric", false}, {"array", up}, {"arrayminus", down}}}}});
  nlohmann::json layout = {{"xaxis", {{"title", {{"text", names.x_title}}}}},
                           {"yaxis", {{"title", {{"text", names.y_title}}}}}};
  return {{"traces", std::move(traces)}, {"layout", std::move(layout)}};
}

}  // namespace mtm::present::charts
