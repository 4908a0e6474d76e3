#include "data/list_literal.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>

#include "core/utf8.hpp"

namespace mtm::data {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void skip_space(std::string_view text, std::size_t& i) {
  while (i < text.size() && is_space(text[i])) ++i;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses one quoted Python string starting at text[i] (the quote); on success i is past the closing quote.
std::optional<ListParseError> parse_string(std::string_view text, std::size_t& i, std::string& out) {
  const char quote = text[i];
  const std::size_t open = i;
  ++i;
  for (;;) {
    // Copy the plain run up to the next quote or backslash.
    const std::size_t run_start = i;
    while (i < text.size() && text[i] != quote && text[i] != '\\') ++i;
    out.append(text.data() + run_start, i - run_start);
    if (i >= text.size()) return ListParseError{open, "unterminated string item (quote opened here)"};
    if (text[i] == quote) {
      ++i;
      return std::nullopt;
    }
    // Backslash escape, as Python's repr writes them.
    if (i + 1 >= text.size()) return ListParseError{i, "backslash at end of literal"};
    const char e = text[i + 1];
    i += 2;
    switch (e) {
      case '\\': out.push_back('\\'); break;
      case '\'': out.push_back('\''); break;
      case '"': out.push_back('"'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'v': out.push_back('\v'); break;
      case '\n': break;  // line continuation
      case 'x':
      case 'u':
      case 'U': {
        const std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        std::uint32_t cp = 0;
        for (std::size_t k = 0; k < digits; ++k) {
          const int h = i + k < text.size() ? hex_value(text[i + k]) : -1;
          if (h < 0) return ListParseError{i - 2, fmt::format("bad \\{} escape: expected {} hex digits", e, digits)};
          cp = (cp << 4) | static_cast<std::uint32_t>(h);
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          return ListParseError{i - 2, "escape is not a valid Unicode code point"};
        }
        i += digits;
        mtm::append_utf8(out, cp);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          auto cp = static_cast<std::uint32_t>(e - '0');
          for (int k = 0; k < 2 && i < text.size() && text[i] >= '0' && text[i] <= '7'; ++k, ++i) {
            cp = cp * 8 + static_cast<std::uint32_t>(text[i] - '0');
          }
          mtm::append_utf8(out, cp);
        } else {
          // Python keeps unknown escapes verbatim.
          out.push_back('\\');
          out.push_back(e);
        }
    }
  }
}

// Walks "[item, item, ...]" calling parse_item at each item start; shared by both list kinds.
template <typename ParseItem>
std::optional<ListParseError> parse_list(std::string_view text, ParseItem&& parse_item) {
  std::size_t i = 0;
  skip_space(text, i);
  if (i >= text.size() || text[i] != '[') {
    return ListParseError{i, i >= text.size() ? "empty text, expected a list literal '[...]'" : "expected '['"};
  }
  ++i;
  skip_space(text, i);
  if (i < text.size() && text[i] == ']') {
    ++i;
  } else {
    for (;;) {
      if (i >= text.size()) return ListParseError{i, "unterminated list: expected ']'"};
      if (auto error = parse_item(i)) return error;
      skip_space(text, i);
      if (i >= text.size()) return ListParseError{i, "unterminated list: expected ',' or ']'"};
      if (text[i] == ']') {
        ++i;
        break;
      }
      if (text[i] != ',') return ListParseError{i, fmt::format("expected ',' or ']', found '{}'", text[i])};
      ++i;
      skip_space(text, i);
      if (i < text.size() && text[i] == ']') {  // Python allows a trailing comma.
        ++i;
        break;
      }
    }
  }
  skip_space(text, i);
  if (i != text.size()) return ListParseError{i, "unexpected text after the closing ']'"};
  return std::nullopt;
}

}  // namespace

std::optional<ListParseError> parse_string_list(std::string_view text, std::vector<std::string>& out) {
  out.clear();
  return parse_list(text, [&](std::size_t& i) -> std::optional<ListParseError> {
    if (text[i] != '\'' && text[i] != '"') {
      return ListParseError{i, fmt::format("expected a quoted string item, found '{}'", text[i])};
    }
    out.emplace_back();
    return parse_string(text, i, out.back());
  });
}

std::optional<ListParseError> parse_number_list(std::string_view text, std::vector<double>& out) {
  out.clear();
  return parse_list(text, [&](std::size_t& i) -> std::optional<ListParseError> {
    std::size_t start = i;
    if (text[start] == '+') ++start;  // from_chars does not take a leading '+'
    double value = 0;
    const char* first = text.data() + start;
    const char* last = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || ptr == first) {
      return ListParseError{i, "expected a number"};
    }
    i = static_cast<std::size_t>(ptr - text.data());
    out.push_back(value);
    return std::nullopt;
  });
}

}  // namespace mtm::data
