// The French -> English search lexicon: the ingredients, dishes and tags French readers search most, so
// "poulet" searches chicken on a site whose recipes are in English. The entries live in a data file
// (lexicon_fr_en.tsv) embedded in the binary at build time.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mtm::analysis::explorer {

struct LexiconEntry {
  std::string french;                      ///< as written in the file ("pomme de terre")
  std::string english;                     ///< as written in the file ("potatoes")
  std::vector<std::string> french_words;   ///< folded words of the French side
  std::vector<std::string> english_words;  ///< folded words of the English side
};

class FrenchLexicon {
 public:
  /// Parses "french<TAB>english" lines ('#' starts a comment line; blank lines are skipped). Throws
  /// std::invalid_argument naming the line for a line without exactly one tab or with an empty side.
  explicit FrenchLexicon(std::string_view tsv);

  /// The lexicon embedded in the binary.
  static const FrenchLexicon& embedded();

  [[nodiscard]] const std::vector<LexiconEntry>& entries() const noexcept { return entries_; }

  /// The entry whose French words begin words[at] (by French stem, so plurals match), the longest one
  /// when several do, with the number of words it covers; nullopt when none does.
  [[nodiscard]] std::optional<std::pair<const LexiconEntry*, std::size_t>> match_at(
      const std::vector<std::string>& words, std::size_t at) const;

  /// Entries whose folded French side, or one of its words, starts with the folded prefix.
  [[nodiscard]] std::vector<const LexiconEntry*> starting_with(std::string_view prefix) const;

 private:
  std::vector<LexiconEntry> entries_;
  std::map<std::string, std::size_t, std::less<>> by_stems_;  // French stems joined by spaces -> entry
  std::size_t longest_ = 1;
};

}  // namespace mtm::analysis::explorer
