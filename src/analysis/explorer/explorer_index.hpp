// The explorer's in-memory index over every recipe, built once from the database when the server
// starts: a BM25 inverted index over names, ingredients, tags and descriptions with a sorted term
// dictionary (prefix matching and one-typo tolerance), recipe lists per ingredient and per tag
// (filters, similar recipes, pantry matching), sorted measures (percentiles) and the Bayesian
// adjusted rating. Immutable after construction, so every server thread may query it at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "data/explorer_corpus.hpp"

namespace mtm::analysis::explorer {

/// BM25 parameters and the weight of each field's words in a recipe's term frequencies (BM25F with
/// one length per recipe: a word in the name counts 3 times, in an ingredient twice).
struct Bm25 {
  static constexpr double kK1 = 1.2;
  static constexpr double kB = 0.75;
  static constexpr double kNameWeight = 3.0;
  static constexpr double kIngredientWeight = 2.0;
  static constexpr double kTagWeight = 1.0;
  static constexpr double kDescriptionWeight = 1.0;
};

/// Adjusted rating = (kPriorWeight * prior + sum of ratings) / (kPriorWeight + n), with prior the
/// mean of every clean rating: a recipe needs many ratings to move far from the overall mean.
inline constexpr double kPriorWeight = 10.0;

/// Similar recipes: an ingredient weighs ln(N / df), a tag half as much; items held by more than half
/// of the recipes weigh 0 (they tell recipes apart very little and would cost most of the time).
struct Similarity {
  static constexpr double kIngredientWeight = 1.0;
  static constexpr double kTagWeight = 0.5;
  static constexpr double kMaxShare = 0.5;
};

struct Posting {
  std::uint32_t doc;
  float tf;  ///< field-weighted term frequency
};

/// Reads one posting: its doc's distance from the previous one's, then its term frequency.
struct ReadPosting {
  Posting operator()(Posting previous, const std::uint8_t*& p) const {
    const std::uint32_t doc = previous.doc + data::read_varint(p);
    return {doc, static_cast<float>(data::read_varint(p))};
  }
};

/// One word's postings, a slice of the index's posting bytes: for each doc holding the word, in
/// ascending order, its distance from the previous one (from 0 for the first) then its term frequency,
/// both as LEB128 varints (7 bits a byte, high bit set on every byte but the last). Most gaps and term
/// frequencies are below 128, so a posting takes ~2 bytes instead of 6. Iterating yields Posting values.
using PostingList = data::VarintList<Posting, ReadPosting>;

enum class Measure { Minutes, Steps, Complexity };

class SearchCache;

class ExplorerIndex {
 public:
  explicit ExplorerIndex(data::RecipeCorpus corpus);
  ~ExplorerIndex();
  ExplorerIndex(const ExplorerIndex&) = delete;
  ExplorerIndex& operator=(const ExplorerIndex&) = delete;

  /// Results of recent searches over this index (it lives and dies with the index it describes).
  [[nodiscard]] SearchCache& search_cache() const noexcept { return *search_cache_; }

  [[nodiscard]] const data::RecipeCorpus& corpus() const noexcept { return corpus_; }
  [[nodiscard]] std::size_t size() const noexcept { return corpus_.size(); }
  /// Doc number of a recipe id, nullopt when no such recipe.
  [[nodiscard]] std::optional<std::uint32_t> doc_of(std::int64_t recipe_id) const;

  /// Mean of every clean rating of every recipe (the prior of the adjusted rating); 0 if none.
  [[nodiscard]] double prior_mean() const noexcept { return prior_mean_; }
  // Inline: search and pantry call these once per candidate recipe, hundreds of thousands of times.
  /// Mean of a recipe's clean ratings; nullopt when it has none.
  [[nodiscard]] std::optional<double> mean_rating(std::uint32_t doc) const {
    if (corpus_.rating_counts[doc] == 0) return std::nullopt;
    return static_cast<double>(corpus_.rating_sums[doc]) / static_cast<double>(corpus_.rating_counts[doc]);
  }
  /// Bayesian adjusted rating; nullopt when the recipe has no rating (never the prior alone).
  [[nodiscard]] std::optional<double> adjusted_rating(std::uint32_t doc) const {
    const auto n = corpus_.rating_counts[doc];
    if (n == 0) return std::nullopt;
    return (kPriorWeight * prior_mean_ + static_cast<double>(corpus_.rating_sums[doc])) /
           (kPriorWeight + static_cast<double>(n));
  }

  /// Sorted distinct words of the index.
  [[nodiscard]] const std::vector<std::string>& terms() const noexcept { return terms_; }
  /// Number of a word in terms(), nullopt when absent.
  [[nodiscard]] std::optional<std::uint32_t> term_of(std::string_view word) const;
  /// Numbers (ascending) of the index words with the same English Snowball stem as word ("cookie",
  /// "cookies" for "cookie"); word itself among them when indexed; empty when no word has its stem.
  [[nodiscard]] std::span<const std::uint32_t> same_stem_terms(std::string_view word) const;
  [[nodiscard]] PostingList postings(std::uint32_t term) const {
    return {posting_bytes_.data() + posting_starts_[term], posting_bytes_.data() + posting_starts_[term + 1],
            posting_counts_[term]};
  }
  /// Number of recipes holding a word (its document frequency).
  [[nodiscard]] std::size_t document_frequency(std::uint32_t term) const { return posting_counts_[term]; }
  /// BM25 inverse document frequency: ln(1 + (N - df + 0.5) / (df + 0.5)).
  [[nodiscard]] double idf(std::uint32_t term) const;
  /// BM25 weight of one posting.
  [[nodiscard]] double bm25(std::uint32_t term, const Posting& posting) const;
  [[nodiscard]] double doc_length(std::uint32_t doc) const { return doc_lengths_[doc]; }
  /// k1 * (1 - b + b * length / average length): the length part of a recipe's BM25 denominator, once
  /// per recipe instead of once per posting scored.
  [[nodiscard]] double length_norm(std::uint32_t doc) const { return length_norms_[doc]; }
  [[nodiscard]] double average_length() const noexcept { return average_length_; }

  /// Docs (ascending) holding an ingredient / a tag, by item number in the corpus vocabularies.
  [[nodiscard]] data::DeltaLists::List ingredient_docs(std::uint32_t item) const { return ingredient_docs_[item]; }
  [[nodiscard]] data::DeltaLists::List tag_docs(std::uint32_t item) const { return tag_docs_[item]; }
  /// Item number of an exact ingredient / tag, nullopt when absent.
  [[nodiscard]] std::optional<std::uint32_t> ingredient_of(std::string_view item) const;
  [[nodiscard]] std::optional<std::uint32_t> tag_of(std::string_view item) const;

  /// Similarity weights of an ingredient / a tag, and the Euclidean norm of a recipe's weight vector.
  [[nodiscard]] double ingredient_weight(std::uint32_t item) const { return ingredient_weights_[item]; }
  [[nodiscard]] double tag_weight(std::uint32_t item) const { return tag_weights_[item]; }
  [[nodiscard]] double similarity_norm(std::uint32_t doc) const { return similarity_norms_[doc]; }

  /// Tag / ingredient item numbers by decreasing number of recipes (ties by item number).
  [[nodiscard]] const std::vector<std::uint32_t>& tags_by_use() const noexcept { return tags_by_use_; }
  [[nodiscard]] const std::vector<std::uint32_t>& ingredients_by_use() const noexcept { return ingredients_by_use_; }

  /// Percentage of recipes with a known value that is <= value (SciPy percentileofscore, kind="weak").
  [[nodiscard]] double percentile(Measure measure, double value) const;

 private:
  void build_text_index();
  void build_item_lists();
  void build_measures();
  void build_similarity_weights();
  void build_use_orders();
  void build_stems();

  data::RecipeCorpus corpus_;
  std::vector<std::string> terms_;
  // Sorted distinct stems of terms_, and for each the terms having it.
  std::vector<std::string> stems_;
  data::FlatLists<std::uint32_t> stem_terms_;
  // Postings of term t are bytes [posting_starts_[t], posting_starts_[t + 1]) of one flat array (see
  // PostingList), posting_counts_[t] of them. The field weights are whole numbers, so a term frequency is
  // a small integer, kept exact (it saturates at 65535).
  std::vector<std::uint64_t> posting_starts_;
  std::vector<std::uint32_t> posting_counts_;
  data::BigVector<std::uint8_t> posting_bytes_;
  std::vector<float> doc_lengths_;
  std::vector<double> length_norms_;
  double average_length_ = 0;
  // Read in order only (similar recipes, pantry candidates, facets), so delta-varint bytes (~2.5x smaller).
  data::DeltaLists ingredient_docs_;
  data::DeltaLists tag_docs_;
  std::vector<double> sorted_minutes_;
  std::vector<double> sorted_steps_;
  std::vector<double> sorted_complexity_;
  std::vector<std::uint32_t> tags_by_use_;
  std::vector<std::uint32_t> ingredients_by_use_;
  std::vector<double> ingredient_weights_;
  std::vector<double> tag_weights_;
  std::vector<double> similarity_norms_;
  double prior_mean_ = 0;
  std::unique_ptr<SearchCache> search_cache_;  // mutable state of an otherwise immutable index: thread-safe
};

}  // namespace mtm::analysis::explorer
