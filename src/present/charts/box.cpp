#include "present/charts/box.hpp"

#include <cmath>

namespace mtm::present::charts {
namespace {

nlohmann::json value(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json box(const std::vector<BoxGroup>& groups, const nlohmann::json& x_title, const nlohmann::json& y_title) {
  nlohmann::json traces = nlohmann::json::array();
  for (const BoxGroup& g : groups) {
    traces.push_back({{"type", "box"},
                      {"name", g.name},
                      {"x", {g.name}},
                      {"q1", {value(g.q1)}},
                      {"median", {value(g.median)}},
                      {"q3", {value(g.q3)}},
                      {"lowerfence", {value(g.lower_fence)}},
                      {"upperfence", {value(g.upper_fence)}},
                      {"mean", {value(g.mean)}},
                      {"sd", {value(g.sd)}},
                      {"marker", {{"color", g.color}}}});
  }
  nlohmann::json layout = {{"xaxis", {{"title", {{"text", x_title}}}}}, {"yaxis", {{"title", {{"text", y_title}}}}}};
  return {{"traces", std::move(traces)}, {"layout", std::move(layout)}};
}

}  // namespace mtm::present::charts
