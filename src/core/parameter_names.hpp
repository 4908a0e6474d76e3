// The one check of a request's parameter names, shared by the HTTP routes (server/param_reader.cpp) and the
// analysis filters (analysis/filters.cpp, also read from the CLI): every name must be one the caller accepts
// ("lang" always is) and appear once. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mtm {

struct BadParameterName {
  enum class Problem { Unknown, Repeated };
  Problem problem;
  std::string name;
  /// The accepted names, lang last, comma-separated (for the message).
  std::string accepted;
};

/// The first unknown or repeated name of params, in their order; nullopt when every name is fine.
std::optional<BadParameterName> first_bad_name(const std::vector<std::pair<std::string, std::string>>& params,
                                               const std::vector<std::string>& accepted);

}  // namespace mtm
