#include "analysis/preload.hpp"

#include <chrono>

#include "analysis/registry.hpp"

namespace mtm::analysis {

double preload(db::Connection& connection) {
  const auto start = std::chrono::steady_clock::now();
  for (const auto& analysis : analyses()) analysis.run(connection, analysis.defaults);
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace mtm::analysis
