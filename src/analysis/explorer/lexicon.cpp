#include "analysis/explorer/lexicon.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "analysis/explorer/text.hpp"
#include "analysis/explorer/word_forms.hpp"

namespace mtm::analysis::explorer {

namespace {

// The data file's text, generated from lexicon_fr_en.tsv by CMake (a raw string literal).
constexpr std::string_view kEmbeddedTsv =
#include "lexicon_fr_en.inc"
    ;

std::string stem_key(const std::vector<std::string>& words, std::size_t begin, std::size_t count) {
  std::string key;
  for (std::size_t i = begin; i < begin + count; ++i) {
    if (!key.empty()) key += ' ';
    key += stem(words[i], StemLanguage::French);
  }
  return key;
}

}  // namespace

FrenchLexicon::FrenchLexicon(std::string_view tsv) {
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < tsv.size()) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos || line.find('\t', tab + 1) != std::string_view::npos)
      throw std::invalid_argument(fmt::format("lexicon line {}: expected 'french<TAB>english'", line_number));
    LexiconEntry entry{std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)), {}, {}};
    entry.french_words = tokenize(entry.french);
    entry.english_words = tokenize(entry.english);
    if (entry.french_words.empty() || entry.english_words.empty())
      throw std::invalid_argument(fmt::format("lexicon line {}: a side has no word", line_number));
    const auto key = stem_key(entry.french_words, 0, entry.french_words.size());
    longest_ = std::max(longest_, entry.french_words.size());
    // The first line of a key wins ("boeuf" and "bœuf" fold alike): later ones are kept for completion only.
    by_stems_.emplace(key, entries_.size());
    entries_.push_back(std::move(entry));
  }
}

const FrenchLexicon& FrenchLexicon::embedded() {
  static const FrenchLexicon kLexicon(kEmbeddedTsv);
  return kLexicon;
}

std::optional<std::pair<const LexiconEntry*, std::size_t>> FrenchLexicon::match_at(
    const std::vector<std::string>& words, std::size_t at) const {
  for (std::size_t count = std::min(longest_, words.size() - std::min(at, words.size())); count > 0; --count) {
    const auto it = by_stems_.find(stem_key(words, at, count));
    if (it != by_stems_.end()) return std::make_pair(&entries_[it->second], count);
  }
  return std::nullopt;
}

std::vector<const LexiconEntry*> FrenchLexicon::starting_with(std::string_view prefix) const {
  std::vector<const LexiconEntry*> out;
  const auto folded_words = tokenize(prefix);
  if (folded_words.empty()) return out;
  std::string folded;
  for (const auto& w : folded_words) folded += (folded.empty() ? "" : " ") + w;
  for (const auto& entry : entries_) {
    std::string joined;
    for (const auto& w : entry.french_words) joined += (joined.empty() ? "" : " ") + w;
    bool hit = joined.compare(0, folded.size(), folded) == 0;
    for (std::size_t pos = joined.find(' '); !hit && pos != std::string::npos; pos = joined.find(' ', pos + 1))
      hit = joined.compare(pos + 1, folded.size(), folded) == 0;
    if (hit) out.push_back(&entry);
  }
  return out;
}

}  // namespace mtm::analysis::explorer
