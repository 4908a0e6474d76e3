// Recipe search: a query's words (Unicode-folded, French ones read through the lexicon) matched against
// the explorer index (exact, other forms of the same stem, by prefix for the word being typed, or within
// one typo), every word required, ranked by BM25 -- or, when that finds too few, the recipes matching the
// most words, saying which were left out; filters, facets with counts over the filtered matches, and four
// sort orders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"
#include "analysis/explorer/highlight.hpp"

namespace mtm::analysis::explorer {

enum class SortOrder { Relevance, Rating, Popularity, Newest };

/// Number of entries kept in the tag and ingredient facets.
inline constexpr std::size_t kFacetSize = 15;
/// At most this many index words stand for one prefix or one typo (the most frequent ones); fewer for
/// a prefix of one or two letters, which would otherwise touch nearly every recipe several times.
inline constexpr std::size_t kMaxExpansions = 50;
inline constexpr std::size_t kMaxShortPrefixExpansions = 10;
/// Up to this many results, tag and ingredient facets are counted by walking the results; above it, by
/// walking the items' recipe lists (most used first, stopping when no item left can enter the top) against
/// a bit set of the results. Both are exact.
inline constexpr std::size_t kDirectFacetLimit = 20000;
/// Above this many results, tag and ingredient facets are counted over a deterministic uniform sample of
/// this many results and scaled to the total, so a common word's facets cost a bounded amount of work
/// (SearchResult::facets_sampled, facet_margin). At or below it they are exact.
inline constexpr std::size_t kFacetSampleSize = 4000;
/// Typo tolerance applies to words of at least this many characters.
inline constexpr std::size_t kMinTypoLength = 4;
/// A word matched through another form of its stem scores this share of the exact form's BM25, so exact
/// forms rank first ("cookies" puts recipes saying "cookies" before those saying "cookie").
inline constexpr double kStemWeight = 0.9;
/// With fewer recipes than this holding every word of a query of two words or more, the search falls back
/// to recipes holding some of them, those holding the most words first.
inline constexpr std::size_t kFewResults = 5;
/// At most this many "did you mean" words for a word no recipe holds (within two edits, most used first).
inline constexpr std::size_t kMaxSuggestions = 3;

struct SearchQuery {
  std::string text;
  /// The last word may be unfinished (search-as-you-type): it also matches the words it begins.
  bool last_word_is_prefix = true;
  std::optional<std::int64_t> max_minutes;
  std::optional<std::int64_t> max_steps;
  std::optional<double> min_calories;
  std::optional<double> max_calories;
  /// Mean of the recipe's ratings (recipes without ratings fail it).
  std::optional<double> min_rating;
  std::int64_t min_ratings = 0;
  std::vector<std::string> tags;                 ///< every one required (exact tag)
  std::vector<std::string> exclude_tags;         ///< none allowed
  std::vector<std::string> ingredients;          ///< each must be a word of one of the recipe's ingredients
  std::vector<std::string> exclude_ingredients;  ///< no ingredient may contain the word ("nuts")
  SortOrder sort = SortOrder::Relevance;
  std::size_t offset = 0;
  std::size_t limit = 20;
  /// With fewer recipes than this holding every word (and two words or more), the search falls back to
  /// recipes holding some of them; 1 falls back only when no recipe holds them all.
  std::size_t partial_below = kFewResults;
  /// Result count above which facets are counted from the items' recipe lists (see kDirectFacetLimit).
  std::size_t direct_facet_limit = kDirectFacetLimit;
  /// Result count above which tag and ingredient facets come from a sample of this many results.
  std::size_t facet_sample_size = kFacetSampleSize;
};

/// French words of the query read as their English equivalent ("poulet" -> "chicken").
struct Translation {
  std::string from;
  std::string to;
};

struct SearchHit {
  std::uint32_t doc;
  double score;  ///< summed BM25 of the query words (0 without words)
  /// Bit w set when the hit holds query word w (words past the 64th count as held).
  std::uint64_t held_words = ~std::uint64_t{0};
};

struct FacetCount {
  std::string value;
  std::uint32_t count;
};

struct SearchResult {
  std::size_t total = 0;
  /// True when too few recipes hold every word and the results hold only some of them (SearchHit::held_words).
  bool partial = false;
  std::vector<Translation> translations;
  std::vector<SearchHit> hits;
  std::vector<WordMatch> words;
  std::vector<FacetCount> tag_facets;         ///< most frequent tags among the results
  std::vector<FacetCount> ingredient_facets;  ///< most frequent ingredients among the results
  std::vector<FacetCount> minutes_facets;     ///< "0-15", "16-30", "31-60", "61-120", "121+"
  std::vector<FacetCount> calories_facets;    ///< "0-199", "200-399", "400-599", "600-799", "800+"
  std::vector<FacetCount> rating_facets;      ///< mean rating ">=4.5", ">=4", ">=3", "unrated"
  /// True when tag_facets and ingredient_facets are scaled counts from facet_sample_size of the total
  /// results; each such count is within ±facet_margin of the exact one at 95 % confidence.
  bool facets_sampled = false;
  std::size_t facet_sample_size = 0;
  double facet_margin = 0;
};

/// The 95 % margin (in recipes) of a count estimated as M·k/n from a simple sample of n of M results:
/// 1.96·M·sqrt(p(1-p)/n · (M-n)/(M-1)) at its worst case p = ½, finite-population corrected (0 when n ≥ M).
double facet_count_margin(std::size_t total, std::size_t sample);

/// Index words a query word stands for: itself if indexed; words it begins (when prefix); else the
/// words within one edit. Longest posting lists first, at most kMaxExpansions.
WordMatch match_word(const ExplorerIndex& index, const std::string& word, bool prefix);

SearchResult search(const ExplorerIndex& index, const SearchQuery& query);

/// Index words within two edits of word (and not it), most used first, at most kMaxSuggestions.
std::vector<std::string> suggest_words(const ExplorerIndex& index, const std::string& word);

}  // namespace mtm::analysis::explorer
