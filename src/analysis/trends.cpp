// Placeholder: the trends analyses land here.
#include "analysis/registry.hpp"

namespace mtm::analysis {

void register_trends(std::vector<Analysis>& /*out*/) {}

}  // namespace mtm::analysis
