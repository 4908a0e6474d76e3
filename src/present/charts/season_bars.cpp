#include "present/charts/season_bars.hpp"

#include <cmath>

#include "present/theme.hpp"

namespace mtm::present::charts {
namespace {

nlohmann::json finite_or_null(const std::vector<double>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (double v : values) out.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
  return out;
}

}  // namespace

nlohmann::json season_bars(const SeasonBars& spec) {
  nlohmann::json trace = {{"type", "bar"},
                          {"name", spec.name},
                          {"x", spec.categories},
                          {"y", finite_or_null(spec.values)},
                          {"marker", {{"color", spec.colors}}}};
  if (!spec.errors.empty()) {
    trace["error_y"] = {{"type", "data"},
                        {"array", finite_or_null(spec.errors)},
                        {"visible", true},
                        {"color", std::string(theme::kErrorBar)}};
  }
  nlohmann::json layout = nlohmann::json::object();
  if (!spec.x_title.is_null()) layout["xaxis"] = {{"title", {{"text", spec.x_title}}}};
  if (!spec.y_title.is_null()) layout["yaxis"] = {{"title", {{"text", spec.y_title}}}};
  return {{"traces", nlohmann::json::array({std::move(trace)})}, {"layout", std::move(layout)}};
}

}  // namespace mtm::present::charts
