#include "present/charts/qq.hpp"

#include "present/charts/line.hpp"

namespace mtm::present::charts {
nlohmann::json qq(const QqSpec& spec) {
  nlohmann::json traces = nlohmann::json::array({{{"type", "scatter"},
                                                  {"mode", "markers"},
                                                  {"name", spec.points_name},
                                                  {"x", number_array(spec.theoretical)},
                                                  {"y", number_array(spec.ordered)},
                                                  {"marker", {{"color", spec.point_color}, {"size", 8}}}}});
  if (spec.line && !spec.theoretical.empty()) {
    const double lo = spec.theoretical.front();
    const double hi = spec.theoretical.back();
    traces.push_back(
        {{"type", "scatter"},
         {"mode", "lines"},
         {"name", spec.line_name},
         {"x", {lo, hi}},
         {"y", {spec.line->intercept + spec.line->slope * lo, spec.line->intercept + spec.line->slope * hi}},
         {"line", {{"color", spec.line_color}, {"dash", "dash"}}}});
  }
  return {
      {"traces", std::move(traces)},
      {"layout", {{"xaxis", {{"title", {{"text", spec.x_title}}}}}, {"yaxis", {{"title", {{"text", spec.y_title}}}}}}}};
}

}  // namespace mtm::present::charts
