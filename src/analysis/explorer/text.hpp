// Text helpers of the explorer: the tokenizer shared by the search index and its queries, display
// clean-up of recipe names and reviews, and the one-edit test behind typo tolerance.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace mtm::analysis::explorer {

/// Words of a text, folded for matching: runs of letters and digits, lowercased; a word with non-ASCII
/// characters is also Unicode-folded (see fold_unicode), so "Crème" and "creme" are the same word.
std::vector<std::string> tokenize(std::string_view text);

/// A word with non-ASCII characters folded for matching: compatibility decomposition (NFKD), case folding
/// and combining marks removed ("Crème" -> "creme", "Jalapeño" -> "jalapeno", "ﬁ" -> "fi", "Straße" ->
/// "strasse"); code points that are neither letters nor digits become spaces (they separate words).
std::string fold_unicode(std::string_view word);

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

/// Call fn with each folded word of text and the byte range [begin, end) of text it came from (one source
/// range may give several words when folding splits it). The view is valid during the call only. A
/// template, not a std::function: the index build calls it for every word of every recipe.
template <typename Fn>
void for_each_word_at(std::string_view text, Fn&& fn) {
  // Most words are lowercase ASCII already and are passed as views into text; a word with an upper-case
  // letter is lowercased into a buffer, and only a word with non-ASCII bytes (rare) goes through ICU.
  std::string lowered;
  const auto is_word = [](char c) { return detail::kWordByte[static_cast<unsigned char>(c)]; };
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && !is_word(text[i])) ++i;
    if (i == n) break;
    const std::size_t start = i;
    bool upper = false;
    bool wide = false;
    for (; i < n && is_word(text[i]); ++i) {
      upper = upper || (text[i] >= 'A' && text[i] <= 'Z');
      wide = wide || static_cast<unsigned char>(text[i]) >= 0x80;
    }
    const std::string_view word = text.substr(start, i - start);
    if (wide) {
      lowered = fold_unicode(word);
      std::size_t from = 0;
      while (from < lowered.size()) {
        std::size_t to = lowered.find(' ', from);
        if (to == std::string::npos) to = lowered.size();
        if (to > from) fn(std::string_view(lowered).substr(from, to - from), start, i);
        from = to + 1;
      }
      continue;
    }
    if (!upper) {
      fn(word, start, i);
      continue;
    }
    lowered.assign(word);
    for (auto& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    fn(std::string_view(lowered), start, i);
  }
}

/// Call fn with each folded word of text (as for_each_word_at, without the source range).
template <typename Fn>
void for_each_word(std::string_view text, Fn&& fn) {
  for_each_word_at(text, [&fn](std::string_view word, std::size_t, std::size_t) { fn(word); });
}

/// Number of characters (code points) of UTF-8 text.
std::size_t char_count(std::string_view text);

/// Whitespace runs collapsed to one space, leading and trailing whitespace removed.
std::string clean_spaces(std::string_view text);

/// Food.com stores reviews and descriptions HTML-escaped (&#039;, &amp;, &quot;, <br/>): decode the
/// entities and turn <br> into a line break, so the UI can show the text as text (it never renders
/// markup; a literal "<script>" in a review stays visible characters).
std::string decode_html(std::string_view text);

/// True when b can be made from a by at most one insertion, deletion, substitution or swap of two
/// adjacent characters (Damerau-Levenshtein distance <= 1), counted in characters, not bytes.
bool within_one_edit(std::string_view a, std::string_view b);

/// True when word is one of the words of item, ignoring a plural "s" on either side ("nuts" is in
/// "mixed nut"; "nut" is not in "walnuts").
/// Optimal-string-alignment distance between a and b in characters, or limit + 1 when it exceeds limit.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

bool item_has_word(std::string_view item, std::string_view word);

}  // namespace mtm::analysis::explorer
