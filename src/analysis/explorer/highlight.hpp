// Highlighting: where the words a query matched are in a text (a recipe's name, a result's snippet), and
// the snippet itself, a short piece of a text around its first matched word. Text only (no index), so the
// fuzz target exercises it with the tokenizer alone.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mtm::analysis::explorer {

enum class MatchKind { Exact, Stem, Prefix, Typo };

struct WordMatch {
  std::string word;  ///< the query word, folded (after translation when it was French)
  /// Index words it matched, with how; empty when nothing matched.
  std::vector<std::pair<std::string, MatchKind>> matches;
  /// When nothing matched: index words within two edits, most used first ("did you mean").
  std::vector<std::string> suggestions;
};

/// Byte ranges [begin, end) of text's words that are among the matched index words (for highlighting).
std::vector<std::pair<std::size_t, std::size_t>> match_ranges(std::string_view text,
                                                              const std::vector<WordMatch>& words);

/// Longest snippet, in characters (code points), ellipses included.
inline constexpr std::size_t kSnippetChars = 160;
/// Characters of context kept before the first matched word, when the text must be cut (at most a quarter
/// of the snippet's length).
inline constexpr std::size_t kSnippetLead = 40;
/// What marks a cut: U+2026 HORIZONTAL ELLIPSIS (one character, three bytes).
inline constexpr std::string_view kEllipsis = "\u2026";

struct Snippet {
  std::string text;
  /// Byte ranges [begin, end) of text's matched words (match_ranges), ascending.
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
};

/// text itself when it has at most max_chars characters; else a piece of at most max_chars characters
/// (max_chars at least 3), ellipses included: from a word up to kSnippetLead characters (or max_chars / 4) before the
/// first matched word (or from the beginning when none matched; earlier when the end of the text is near), to a word
/// boundary, with an ellipsis at each end that was cut. A cut never falls inside a UTF-8 character, and separators
/// (spaces, commas) before a trailing ellipsis are dropped.
Snippet snippet_of(std::string_view text, const std::vector<WordMatch>& words, std::size_t max_chars = kSnippetChars);

}  // namespace mtm::analysis::explorer
