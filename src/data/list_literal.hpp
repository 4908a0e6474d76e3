// Parser for the Python `repr` list literals of the Food.com CSVs (tags, steps, ingredients, nutrition):
// ['a', "it's", 'x, y'] with single- or double-quoted items, backslash escapes, empty lists and items.
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mtm::data {

/// Why a literal was rejected; offset is the 0-based byte offset in the literal where it went wrong.
struct ListParseError {
  std::size_t offset = 0;
  std::string message;
};

/// Parse a list of Python strings into out (cleared first); nullopt on success.
std::optional<ListParseError> parse_string_list(std::string_view text, std::vector<std::string>& out);

/// Parse a list of Python numbers (ints or floats, also nan/inf) into out (cleared first); nullopt on success.
std::optional<ListParseError> parse_number_list(std::string_view text, std::vector<double>& out);

}  // namespace mtm::data
