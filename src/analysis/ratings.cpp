// Placeholder: the ratings analyses land here.
#include "analysis/registry.hpp"

namespace mtm::analysis {

void register_ratings(std::vector<Analysis>& /*out*/) {}

}  // namespace mtm::analysis
