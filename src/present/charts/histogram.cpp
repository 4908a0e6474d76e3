#include "present/charts/histogram.hpp"

namespace mtm::present::charts {

nlohmann::json histogram(const HistogramSpec& spec) {
  nlohmann::json x = nlohmann::json::array();
  for (std::size_t b = 0; b < spec.counts.size(); ++b)
    x.push_back(spec.lo + (static_cast<double>(b) + 0.5) * spec.width);
  nlohmann::json trace = {{"type", "bar"},       {"name", spec.name},
                          {"x", std::move(x)},   {"y", spec.counts},
                          {"width", spec.width}, {"marker", {{"color", spec.color}, {"opacity", 0.7}}}};
  nlohmann::json y_axis = {{"title", {{"text", spec.y_title}}}};
  if (spec.log_y) y_axis["type"] = "log";
  return {{"traces", nlohmann::json::array({std::move(trace)})},
          {"layout", {{"xaxis", {{"title", {{"text", spec.x_title}}}}}, {"yaxis", std::move(y_axis)}, {"bargap", 0}}}};
}

}  // namespace mtm::present::charts
