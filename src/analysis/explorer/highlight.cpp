#include "analysis/explorer/highlight.hpp"

#include <algorithm>

#include "analysis/explorer/text.hpp"

namespace mtm::analysis::explorer {

namespace {

bool starts_character(std::string_view text, std::size_t at) {
  return at == 0 || at >= text.size() || (static_cast<unsigned char>(text[at]) & 0xC0U) != 0x80U;
}

// Byte position n characters after from (at most text.size()): counted as char_count counts them, so a
// stray continuation byte belongs to the character before it and is never split from it.
std::size_t forward_chars(std::string_view text, std::size_t from, std::size_t n) {
  std::size_t at = from;
  for (std::size_t i = 0; i < n && at < text.size(); ++i) {
    ++at;
    while (!starts_character(text, at)) ++at;
  }
  return at;
}

// Byte position n characters before from (at least 0).
std::size_t backward_chars(std::string_view text, std::size_t from, std::size_t n) {
  std::size_t at = from;
  for (std::size_t i = 0; i < n && at > 0; ++i) {
    --at;
    while (!starts_character(text, at)) --at;
  }
  return at;
}

// The first word start at or after from, and not after limit (limit when no space comes before it).
std::size_t word_start(std::string_view text, std::size_t from, std::size_t limit) {
  if (from == 0 || text[from - 1] == ' ') return from;
  const std::size_t space = text.find(' ', from);
  return space != std::string_view::npos && space < limit ? space + 1 : limit;
}

bool is_separator(char c) {
  return c == ' ' || c == ',' || c == ';' || c == ':';
}

// Where a snippet starting at start ends: the last space before max_chars - 1 characters (one is left for the
// ellipsis), unless it would cut off the first match, then the character boundary there.
std::size_t snippet_end(std::string_view text, std::size_t start, std::size_t chars, std::size_t keep_until) {
  if (forward_chars(text, start, chars) >= text.size()) return text.size();
  const std::size_t limit = forward_chars(text, start, chars - 1);
  const std::size_t space = text.rfind(' ', limit);
  std::size_t end = space != std::string_view::npos && space > start && space >= keep_until ? space : limit;
  while (end > start && is_separator(text[end - 1])) --end;
  return end;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> match_ranges(std::string_view text,
                                                              const std::vector<WordMatch>& words) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for_each_word_at(text, [&](std::string_view word, std::size_t begin, std::size_t end) {
    const bool matched = std::any_of(words.begin(), words.end(), [&](const WordMatch& w) {
      return std::any_of(w.matches.begin(), w.matches.end(), [&](const auto& m) { return m.first == word; });
    });
    if (!matched) return;
    if (!ranges.empty() && ranges.back().first == begin) return;  // one source range folded into several words
    ranges.emplace_back(begin, end);
  });
  return ranges;
}

Snippet snippet_of(std::string_view text, const std::vector<WordMatch>& words, std::size_t max_chars) {
  max_chars = std::max<std::size_t>(max_chars, 3);
  auto ranges = match_ranges(text, words);
  if (char_count(text) <= max_chars) return {std::string(text), std::move(ranges)};
  const std::size_t focus = ranges.empty() ? 0 : ranges.front().first;
  const std::size_t focus_end = ranges.empty() ? 0 : ranges.front().second;
  // At most a quarter of the room before the match, so the match and what follows it fit.
  const std::size_t lead = std::min(kSnippetLead, max_chars / 4);
  std::size_t start = word_start(text, backward_chars(text, focus, lead), focus);
  // Near the end of the text, start earlier: the piece then ends with the text, using all the room.
  const std::size_t tail = backward_chars(text, text.size(), max_chars - 1);
  if (start > 0 && tail < start) start = word_start(text, tail, start);
  const std::size_t end = snippet_end(text, start, start > 0 ? max_chars - 1 : max_chars, focus_end);

  Snippet out;
  if (start > 0) out.text += kEllipsis;
  const std::size_t shift = out.text.size();
  out.text.append(text.substr(start, end - start));
  if (end < text.size()) out.text += kEllipsis;
  for (const auto& [begin, finish] : ranges) {
    if (finish <= start || begin >= end) continue;
    out.ranges.emplace_back(std::max(begin, start) - start + shift, std::min(finish, end) - start + shift);
  }
  return out;
}

}  // namespace mtm::analysis::explorer
