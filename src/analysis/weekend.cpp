// Placeholder: the weekend analyses land here.
#include "analysis/registry.hpp"

namespace mtm::analysis {

void register_weekend(std::vector<Analysis>& /*out*/) {}

}  // namespace mtm::analysis
