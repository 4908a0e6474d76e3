// The list-literal parser either rejects a text with an offset inside it, or parses items that survive
// a round trip through Python's repr syntax unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "data/list_literal.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

std::string render(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += '\'';
    for (char c : items[i]) {
      if (c == '\\' || c == '\'') out += '\\';
      out += c;
    }
    out += '\'';
  }
  return out + "]";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::vector<std::string> strings;
  if (auto error = mtm::data::parse_string_list(text, strings)) {
    require(error->offset <= size && !error->message.empty());
  } else {
    std::vector<std::string> again;
    require(!mtm::data::parse_string_list(render(strings), again));
    require(again == strings);
  }

  std::vector<double> numbers;
  if (auto error = mtm::data::parse_number_list(text, numbers)) {
    require(error->offset <= size && !error->message.empty());
  } else {
    require(numbers.size() <= size);
  }
  return 0;
}
