#include "present/charts/pie.hpp"

#include <cmath>

namespace mtm::present::charts {

nlohmann::json pie(const nlohmann::json& labels, const std::vector<double>& values,
                   const std::vector<std::string>& colors) {
  nlohmann::json numbers = nlohmann::json::array();
  for (double v : values) numbers.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr));
  nlohmann::json trace = {{"type", "pie"},
                          {"labels", labels},
                          {"values", std::move(numbers)},
                          {"textinfo", "label+percent"},
                          {"marker", {{"colors", colors}}}};
  return {{"traces", nlohmann::json::array({std::move(trace)})}, {"layout", nlohmann::json::object()}};
}

}  // namespace mtm::present::charts
