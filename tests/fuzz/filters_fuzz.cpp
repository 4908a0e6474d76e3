// A query string as the server receives it: decoded by the HTTP core's parse_query, then validated by parse_filters.
// Every outcome must be a Filters value within its documented ranges or a ValidationError with a
// message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "analysis/filters.hpp"
#include "core/errors.hpp"
#include "server/handler_types.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

const std::vector<std::string>& every_filter() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& spec : mtm::analysis::filter_specs()) out.push_back(spec.name);
    return out;
  }();
  return names;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string query(reinterpret_cast<const char*>(data), size);
  const mtm::server::Params decoded = mtm::server::parse_query(query);
  std::vector<std::pair<std::string, std::string>> params(decoded.begin(), decoded.end());
  try {
    const auto filters = mtm::analysis::parse_filters(params, every_filter());
    require(filters.year_from <= filters.year_to);
    require(filters.band_low <= filters.band_high);
    require(filters.lang == "en" || filters.lang == "fr");
    require(filters.selected_days().size() <= 7 && filters.selected_seasons().size() <= 4);
    require(!filters.canonical().empty());
  } catch (const mtm::ValidationError& error) {
    require(error.what()[0] != '\0');
  }
  return 0;
}
