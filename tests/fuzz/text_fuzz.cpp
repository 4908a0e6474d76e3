// The explorer's text handling on any bytes: folding and tokenising (ICU), the two typo measures, the match
// ranges of the highlights and the snippets cut from a text. Input: one byte for the snippet's length, then
// a query and a text separated by the first newline (invalid UTF-8 included: recipe text comes from CSVs).
// Every word is non-empty, folds to itself and comes from a byte range inside the text; within_one_edit
// agrees with edit_distance, which is symmetric; every snippet fits its length, holds its ranges, and is
// valid UTF-8 when the text is.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/explorer/highlight.hpp"
#include "analysis/explorer/text.hpp"

namespace {

namespace ex = mtm::analysis::explorer;

void require(bool condition) {
  if (!condition) std::abort();
}

// Well-formed UTF-8 as ICU reads it (no overlong forms, surrogates or code points past U+10FFFF): other
// bytes read as U+FFFD, so two different invalid texts may be the same characters.
bool valid_utf8(std::string_view text) {
  const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned c = byte(i);
    std::size_t length = 0;
    unsigned low = 0x80;
    unsigned high = 0xBF;
    if (c < 0x80) {
      length = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    }
    if (length == 0 || i + length > text.size()) return false;
    if (length > 1 && (byte(i + 1) < low || byte(i + 1) > high)) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if ((byte(i + k) & 0xC0U) != 0x80U) return false;
    }
    i += length;
  }
  return true;
}

void check_words(std::string_view text) {
  std::size_t last_begin = 0;
  ex::for_each_word_at(text, [&](std::string_view word, std::size_t begin, std::size_t end) {
    require(!word.empty() && word.find(' ') == std::string_view::npos);
    require(begin < end && end <= text.size() && begin >= last_begin);
    last_begin = begin;
    // A folded word is its own fold: the index and the query meet on it.
    require(ex::tokenize(word) == std::vector<std::string>{std::string(word)});
  });
}

void check_edits(std::string_view a, std::string_view b) {
  const std::size_t distance = ex::edit_distance(a, b, 2);
  require(distance <= 3 && distance == ex::edit_distance(b, a, 2));
  require(ex::within_one_edit(a, b) == (distance <= 1));
  require((distance == 0) == (a == b) || !valid_utf8(a) || !valid_utf8(b));
  require(ex::edit_distance(a, a, 2) == 0);
}

void check_snippet(std::string_view text, const std::vector<ex::WordMatch>& words, std::size_t max_chars) {
  const auto snippet = ex::snippet_of(text, words, max_chars);
  require(ex::char_count(snippet.text) <= max_chars);
  require(!valid_utf8(text) || valid_utf8(snippet.text));
  std::size_t after = 0;
  for (const auto& [begin, end] : snippet.ranges) {
    require(begin >= after && begin < end && end <= snippet.text.size());
    after = end;
  }
  // Without its ellipses (a text may begin or end with one of its own), a snippet is a piece of the text.
  const std::string_view shown = snippet.text;
  const bool cut_before = shown.substr(0, ex::kEllipsis.size()) == ex::kEllipsis;
  const bool cut_after =
      shown.size() >= ex::kEllipsis.size() && shown.substr(shown.size() - ex::kEllipsis.size()) == ex::kEllipsis;
  bool piece = false;
  for (const bool strip_before : {false, true}) {
    for (const bool strip_after : {false, true}) {
      std::string_view inner = shown;
      if (strip_before && cut_before) inner.remove_prefix(ex::kEllipsis.size());
      if (strip_after && cut_after && inner.size() >= ex::kEllipsis.size()) inner.remove_suffix(ex::kEllipsis.size());
      piece = piece || text.find(inner) != std::string_view::npos;
    }
  }
  require(piece);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 4096) return 0;
  const std::size_t max_chars = 3 + data[0] % 200;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t newline = input.find('\n');
  const std::string_view query = newline == std::string_view::npos ? input : input.substr(0, newline);
  const std::string_view text = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  check_words(query);
  check_words(text);
  const auto query_words = ex::tokenize(query);
  const auto text_words = ex::tokenize(text);
  std::vector<ex::WordMatch> matches;
  for (const auto& word : query_words) matches.push_back({word, {{word, ex::MatchKind::Exact}}, {}});
  // Typo measures between the query's words and the text's (bounded: the distance is quadratic).
  for (std::size_t i = 0; i < query_words.size() && i < 8; ++i) {
    for (std::size_t j = 0; j < text_words.size() && j < 8; ++j)
      check_edits(query_words[i].substr(0, 64), text_words[j].substr(0, 64));
  }
  check_edits(query.substr(0, 64), text.substr(0, 64));

  // Every highlighted range is a word of the text that folds to a query word.
  for (const auto& [begin, end] : ex::match_ranges(text, matches)) {
    require(begin < end && end <= text.size());
    bool found = false;
    for (const auto& word : ex::tokenize(text.substr(begin, end - begin))) {
      for (const auto& q : query_words) found = found || word == q;
    }
    require(found);
  }
  check_snippet(text, matches, max_chars);
  return 0;
}
