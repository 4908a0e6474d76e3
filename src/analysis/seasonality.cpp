// Placeholder: the seasonality analyses land here.
#include "analysis/registry.hpp"

namespace mtm::analysis {

void register_seasonality(std::vector<Analysis>& /*out*/) {}

}  // namespace mtm::analysis
