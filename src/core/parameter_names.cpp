#include "core/parameter_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace mtm {

std::optional<BadParameterName> first_bad_name(const std::vector<std::pair<std::string, std::string>>& params,
                                               const std::vector<std::string>& accepted) {
  std::set<std::string> seen;
  for (const auto& [name, value] : params) {
    const bool known = name == "lang" || std::find(accepted.begin(), accepted.end(), name) != accepted.end();
    if (!known || !seen.insert(name).second) {
      std::vector<std::string> names = accepted;
      names.emplace_back("lang");
      return BadParameterName{known ? BadParameterName::Problem::Repeated : BadParameterName::Problem::Unknown, name,
                              fmt::format("{}", fmt::join(names, ", "))};
    }
  }
  return std::nullopt;
}

}  // namespace mtm
