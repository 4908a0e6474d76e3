#include "analysis/stats/multiple_testing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "analysis/stats/sorting.hpp"

namespace mtm::stats {

std::vector<double> benjamini_hochberg(std::span<const double> p_values) {
  std::vector<double> adjusted(p_values.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<std::uint32_t> order;
  order.reserve(p_values.size());
  for (std::size_t i = 0; i < p_values.size(); ++i) {
    if (!std::isnan(p_values[i])) order.push_back(static_cast<std::uint32_t>(i));
  }
  detail::stable_sort_by(p_values, order);
  const auto m = static_cast<double>(order.size());
  double running = 1.0;
  for (std::size_t k = order.size(); k-- > 0;) {
    const double candidate = p_values[order[k]] * m / static_cast<double>(k + 1);
    running = std::min(running, candidate);
    adjusted[order[k]] = running;
  }
  return adjusted;
}

}  // namespace mtm::stats
