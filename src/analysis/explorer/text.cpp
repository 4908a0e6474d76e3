#include "analysis/explorer/text.hpp"

#include <cstdint>
#include <cstdlib>

#include "core/utf8.hpp"

namespace mtm::analysis::explorer {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool same_word(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() == b.size() + 1 && a.back() == 's' && a.substr(0, b.size()) == b) return true;
  return b.size() == a.size() + 1 && b.back() == 's' && b.substr(0, a.size()) == a;
}

}  // namespace

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> words;
  for_each_word(text, [&words](std::string_view word) { words.emplace_back(word); });
  return words;
}

std::string clean_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (const char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string decode_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      // <br>, <br/>, <br /> (any case) become a line break; any other '<' is kept as a character.
      std::size_t j = i + 1;
      if (j + 1 < text.size() && (text[j] == 'b' || text[j] == 'B') && (text[j + 1] == 'r' || text[j + 1] == 'R')) {
        j += 2;
        while (j < text.size() && (text[j] == ' ' || text[j] == '/')) ++j;
        if (j < text.size() && text[j] == '>') {
          out += '\n';
          i = j;
          continue;
        }
      }
      out += c;
      continue;
    }
    if (c != '&') {
      out += c;
      continue;
    }
    const std::size_t semi = text.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += c;
      continue;
    }
    const std::string_view entity = text.substr(i + 1, semi - i - 1);
    if (!entity.empty() && entity[0] == '#') {
      const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
      const std::string digits(entity.substr(hex ? 2 : 1));
      char* end = nullptr;
      const unsigned long cp = digits.empty() ? 0 : std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (digits.empty() || end == nullptr || *end != '\0') {
        out += c;
        continue;
      }
      auto code = static_cast<std::uint32_t>(cp);
      // A review's broken reference (NUL, beyond Unicode, a lone surrogate) shows as U+FFFD, not as bad bytes.
      if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
      mtm::append_utf8(out, code);
    } else if (entity == "amp") {
      out += '&';
    } else if (entity == "lt") {
      out += '<';
    } else if (entity == "gt") {
      out += '>';
    } else if (entity == "quot") {
      out += '"';
    } else if (entity == "apos") {
      out += '\'';
    } else if (entity == "nbsp") {
      out += ' ';
    } else {
      out += c;
      continue;
    }
    i = semi;
  }
  return out;
}

bool within_one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or one character appended
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
  }
  return a.substr(i) == b.substr(i + 1);  // insertion into a
}

bool item_has_word(std::string_view item, std::string_view word) {
  if (word.find(' ') != std::string_view::npos) return item == word;
  std::size_t start = 0;
  while (start <= item.size()) {
    std::size_t end = item.find(' ', start);
    if (end == std::string_view::npos) end = item.size();
    if (same_word(item.substr(start, end - start), word)) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace mtm::analysis::explorer
