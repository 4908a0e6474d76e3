// Text helpers of the explorer: the tokenizer shared by the search index and its queries, display
// clean-up of recipe names and reviews, and the one-edit test behind typo tolerance.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace mtm::analysis::explorer {

/// Words of a text: runs of ASCII letters and digits (lowercased) and non-ASCII bytes (kept, so
/// accented words stay whole); everything else separates words.
std::vector<std::string> tokenize(std::string_view text);

namespace detail {
// 1 for the bytes words are made of: ASCII letters and digits, and every non-ASCII byte.
inline constexpr std::array<bool, 256> kWordByte = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 256; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  }
  return table;
}();
}  // namespace detail

/// Call fn with each word of text, as tokenize() cuts them (the view is valid during the call only).
/// A template, not a std::function: the index build calls it for every word of every recipe.
template <typename Fn>
void for_each_word(std::string_view text, Fn&& fn) {
  // Most words are lowercase already and are passed as views into text; only a word with an upper-case
  // letter is copied, lowercased, into this buffer.
  std::string lowered;
  const auto is_word = [](char c) { return detail::kWordByte[static_cast<unsigned char>(c)]; };
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && !is_word(text[i])) ++i;
    if (i == n) break;
    const std::size_t start = i;
    bool upper = false;
    for (; i < n && is_word(text[i]); ++i) upper = upper || (text[i] >= 'A' && text[i] <= 'Z');
    const std::string_view word = text.substr(start, i - start);
    if (!upper) {
      fn(word);
      continue;
    }
    lowered.assign(word);
    for (auto& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    fn(std::string_view(lowered));
  }
}

/// Whitespace runs collapsed to one space, leading and trailing whitespace removed.
std::string clean_spaces(std::string_view text);

/// Food.com stores reviews and descriptions HTML-escaped (&#039;, &amp;, &quot;, <br/>): decode the
/// entities and turn <br> into a line break, so the UI can show the text as text (it never renders
/// markup; a literal "<script>" in a review stays visible characters).
std::string decode_html(std::string_view text);

/// True when b can be made from a by at most one insertion, deletion, substitution or swap of two
/// adjacent characters (Damerau-Levenshtein distance <= 1).
bool within_one_edit(std::string_view a, std::string_view b);

/// True when word is one of the words of item, ignoring a plural "s" on either side ("nuts" is in
/// "mixed nut"; "nut" is not in "walnuts").
bool item_has_word(std::string_view item, std::string_view word);

}  // namespace mtm::analysis::explorer
