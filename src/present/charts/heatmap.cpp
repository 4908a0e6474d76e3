#include "present/charts/heatmap.hpp"

namespace mtm::present::charts {

nlohmann::json heatmap(const HeatmapSpec& spec) {
  nlohmann::json trace = {{"type", "heatmap"},
                          {"x", spec.x},
                          {"y", spec.y},
                          {"z", spec.z},
                          {"colorscale", spec.colorscale},
                          {"colorbar", {{"title", {{"text", spec.colorbar_title}}}}}};
  if (!spec.text.is_null()) {
    trace["text"] = spec.text;
    trace["texttemplate"] = "%{text}";
  }
  if (spec.reverse_scale) trace["reversescale"] = true;
  nlohmann::json layout = {{"yaxis", {{"autorange", "reversed"}}}};
  if (spec.left_margin > 0) layout["margin"] = {{"l", spec.left_margin}};
  return {{"traces", nlohmann::json::array({std::move(trace)})}, {"layout", std::move(layout)}};
}

}  // namespace mtm::present::charts
