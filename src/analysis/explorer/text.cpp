#include "analysis/explorer/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>

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

// Code points of UTF-8 text (an invalid byte counts as one U+FFFD).
std::u32string code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

template <typename String>
bool one_edit_apart(const String& a_in, const String& b_in) {
  const String* a = &a_in;
  const String* b = &b_in;
  if (a->size() > b->size()) std::swap(a, b);
  if (b->size() - a->size() > 1) return false;
  std::size_t i = 0;
  while (i < a->size() && (*a)[i] == (*b)[i]) ++i;
  if (i == a->size()) return true;  // equal, or one character appended
  const auto tail_equal = [&](std::size_t from_a, std::size_t from_b) {
    return std::equal(a->begin() + static_cast<std::ptrdiff_t>(from_a), a->end(),
                      b->begin() + static_cast<std::ptrdiff_t>(from_b), b->end());
  };
  if (a->size() == b->size()) {
    if (tail_equal(i + 1, i + 1)) return true;  // substitution
    return i + 1 < a->size() && (*a)[i] == (*b)[i + 1] && (*a)[i + 1] == (*b)[i] && tail_equal(i + 2, i + 2);
  }
  return tail_equal(i, i + 1);  // insertion into a
}

}  // namespace

std::string fold_unicode(std::string_view word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKD normaliser unavailable");
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  // Case folding may compose again (rarely): decompose before and after it.
  icu::UnicodeString folded = nfkd->normalize(text, status);
  folded.foldCase();
  folded = nfkd->normalize(folded, status);
  if (U_FAILURE(status)) return std::string(word);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    const auto type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK) continue;
    kept.append(u_isalnum(c) ? c : UChar32{' '});
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

std::size_t char_count(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

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
  if (is_ascii(a) && is_ascii(b)) return one_edit_apart(a, b);
  return one_edit_apart(code_points(a), code_points(b));
}

std::size_t edit_distance(std::string_view a_text, std::string_view b_text, std::size_t limit) {
  const std::u32string a = code_points(a_text);
  const std::u32string b = code_points(b_text);
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  // Three rows of the optimal-string-alignment table (a swap of neighbours is one edit).
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], limit + 1);
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
