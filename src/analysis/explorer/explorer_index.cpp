#include "analysis/explorer/explorer_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "analysis/explorer/text.hpp"

namespace mtm::analysis::explorer {

namespace {

// Word -> provisional number while building; the dictionary is sorted at the end.
class TermTable {
 public:
  std::uint32_t id(std::string_view word) {
    // Looked up by view: most words are already known, and then no string is built.
    if (auto it = ids_.find(word); it != ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(words_.size());
    ids_.emplace(std::string(word), id);
    words_.emplace_back(word);
    return id;
  }
  std::vector<std::string>& words() { return words_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> ids_;
  std::vector<std::string> words_;
};

std::vector<std::vector<std::uint32_t>> tokenize_items(const std::vector<std::string>& items, TermTable& table) {
  std::vector<std::vector<std::uint32_t>> out;
  out.reserve(items.size());
  for (const auto& item : items) {
    std::vector<std::uint32_t> ids;
    for_each_word(item, [&](std::string_view word) { ids.push_back(table.id(word)); });
    out.push_back(std::move(ids));
  }
  return out;
}

std::optional<std::uint32_t> find_sorted(const std::vector<std::string>& sorted, std::string_view value) {
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), value,
                                   [](const std::string& a, std::string_view b) { return a < b; });
  if (it == sorted.end() || *it != value) return std::nullopt;
  return static_cast<std::uint32_t>(it - sorted.begin());
}

}  // namespace

ExplorerIndex::ExplorerIndex(data::RecipeCorpus corpus) : corpus_(std::move(corpus)) {
  build_text_index();
  build_item_lists();
  build_measures();
  build_similarity_weights();
  build_use_orders();
  std::uint64_t count = 0;
  std::uint64_t sum = 0;
  for (std::size_t doc = 0; doc < size(); ++doc) {
    count += corpus_.rating_counts[doc];
    sum += corpus_.rating_sums[doc];
  }
  prior_mean_ = count == 0 ? 0.0 : static_cast<double>(sum) / static_cast<double>(count);
}

void ExplorerIndex::build_text_index() {
  TermTable table;
  const auto ingredient_words = tokenize_items(corpus_.ingredients.items, table);
  const auto tag_words = tokenize_items(corpus_.tags.items, table);
  // The field weights are whole numbers, so term frequencies are integers (stored in 16 bits).
  const auto in_name = static_cast<std::uint32_t>(Bm25::kNameWeight);
  const auto in_description = static_cast<std::uint32_t>(Bm25::kDescriptionWeight);
  const auto in_ingredient = static_cast<std::uint32_t>(Bm25::kIngredientWeight);
  const auto in_tag = static_cast<std::uint32_t>(Bm25::kTagWeight);
  // Each doc's (word, tf) pairs in doc order first, then turned into per-word postings by a counting
  // sort: two flat arrays instead of a growing vector per word (less memory, no reallocation copies).
  std::vector<std::uint32_t> doc_terms;
  std::vector<std::uint16_t> doc_tfs;
  std::vector<std::size_t> doc_starts(size() + 1, 0);
  doc_lengths_.assign(size(), 0.0F);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> weights;
  double total_length = 0;
  for (std::uint32_t doc = 0; doc < size(); ++doc) {
    weights.clear();
    const auto add_text = [&](const std::string& text, std::uint32_t weight) {
      for_each_word(text, [&](std::string_view word) { weights.emplace_back(table.id(word), weight); });
    };
    add_text(corpus_.names[doc], in_name);
    add_text(corpus_.descriptions[doc], in_description);
    for (const auto item : corpus_.recipe_ingredients[doc]) {
      for (const auto term : ingredient_words[item]) weights.emplace_back(term, in_ingredient);
    }
    for (const auto item : corpus_.recipe_tags[doc]) {
      for (const auto term : tag_words[item]) weights.emplace_back(term, in_tag);
    }
    std::sort(weights.begin(), weights.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::uint64_t length = 0;
    for (std::size_t i = 0; i < weights.size();) {
      const std::uint32_t term = weights[i].first;
      std::uint32_t tf = 0;
      for (; i < weights.size() && weights[i].first == term; ++i) tf += weights[i].second;
      doc_terms.push_back(term);
      doc_tfs.push_back(
          static_cast<std::uint16_t>(std::min<std::uint32_t>(tf, std::numeric_limits<std::uint16_t>::max())));
      length += tf;
    }
    doc_starts[doc + 1] = doc_terms.size();
    doc_lengths_[doc] = static_cast<float>(length);
    total_length += static_cast<double>(length);
  }
  average_length_ = size() == 0 ? 0.0 : total_length / static_cast<double>(size());
  length_norms_.resize(size());
  for (std::size_t doc = 0; doc < size(); ++doc) {
    const double norm = 1.0 - Bm25::kB + Bm25::kB * doc_lengths_[doc] / average_length_;
    length_norms_[doc] = Bm25::kK1 * norm;
  }
  // Sort the dictionary (prefix ranges are then contiguous) and renumber the words accordingly.
  auto& words = table.words();
  std::vector<std::uint32_t> order(words.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return words[a] < words[b]; });
  std::vector<std::uint32_t> renumbered(words.size());
  terms_.reserve(words.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    renumbered[order[i]] = i;
    terms_.push_back(std::move(words[order[i]]));
  }
  posting_starts_.assign(terms_.size() + 1, 0);
  for (auto& term : doc_terms) {
    term = renumbered[term];
    ++posting_starts_[term + 1];
  }
  std::partial_sum(posting_starts_.begin(), posting_starts_.end(), posting_starts_.begin());
  posting_docs_.resize(doc_terms.size());
  posting_tfs_.resize(doc_terms.size());
  std::vector<std::uint32_t> next(posting_starts_.begin(), posting_starts_.end() - 1);
  for (std::uint32_t doc = 0; doc < size(); ++doc) {
    for (std::size_t k = doc_starts[doc]; k < doc_starts[doc + 1]; ++k) {
      const auto at = next[doc_terms[k]]++;
      posting_docs_[at] = doc;
      posting_tfs_[at] = doc_tfs[k];
    }
  }
  // Descriptions are only searched, never shown from memory (the recipe page reads them from the database).
  corpus_.descriptions = {};
}

void ExplorerIndex::build_item_lists() {
  ingredient_docs_.assign(corpus_.ingredients.items.size(), {});
  tag_docs_.assign(corpus_.tags.items.size(), {});
  // Exact sizes up front: growth by doubling would leave up to half of each list unused.
  for (std::size_t i = 0; i < ingredient_docs_.size(); ++i)
    ingredient_docs_[i].reserve(corpus_.ingredients.recipe_counts[i]);
  for (std::size_t i = 0; i < tag_docs_.size(); ++i) tag_docs_[i].reserve(corpus_.tags.recipe_counts[i]);
  for (std::uint32_t doc = 0; doc < size(); ++doc) {
    for (const auto item : corpus_.recipe_ingredients[doc]) ingredient_docs_[item].push_back(doc);
    for (const auto item : corpus_.recipe_tags[doc]) tag_docs_[item].push_back(doc);
  }
}

void ExplorerIndex::build_measures() {
  for (std::size_t doc = 0; doc < size(); ++doc) {
    if (corpus_.minutes[doc] != data::RecipeCorpus::kMissing)
      sorted_minutes_.push_back(static_cast<double>(corpus_.minutes[doc]));
    if (corpus_.n_steps[doc] != data::RecipeCorpus::kMissing)
      sorted_steps_.push_back(static_cast<double>(corpus_.n_steps[doc]));
    if (!std::isnan(corpus_.complexity[doc])) sorted_complexity_.push_back(corpus_.complexity[doc]);
  }
  std::sort(sorted_minutes_.begin(), sorted_minutes_.end());
  std::sort(sorted_steps_.begin(), sorted_steps_.end());
  std::sort(sorted_complexity_.begin(), sorted_complexity_.end());
}

void ExplorerIndex::build_use_orders() {
  const auto by_use = [](const std::vector<std::vector<std::uint32_t>>& lists) {
    std::vector<std::uint32_t> order(lists.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return lists[a].size() > lists[b].size(); });
    return order;
  };
  tags_by_use_ = by_use(tag_docs_);
  ingredients_by_use_ = by_use(ingredient_docs_);
}

void ExplorerIndex::build_similarity_weights() {
  const auto n = static_cast<double>(size());
  const auto weight = [n](std::size_t df, double field) {
    if (df == 0 || static_cast<double>(df) > Similarity::kMaxShare * n) return 0.0;
    return field * std::log(n / static_cast<double>(df));
  };
  for (const auto& docs : ingredient_docs_)
    ingredient_weights_.push_back(weight(docs.size(), Similarity::kIngredientWeight));
  for (const auto& docs : tag_docs_) tag_weights_.push_back(weight(docs.size(), Similarity::kTagWeight));
  similarity_norms_.assign(size(), 0.0);
  for (std::size_t doc = 0; doc < size(); ++doc) {
    double sum = 0;
    for (const auto i : corpus_.recipe_ingredients[doc]) sum += ingredient_weights_[i] * ingredient_weights_[i];
    for (const auto t : corpus_.recipe_tags[doc]) sum += tag_weights_[t] * tag_weights_[t];
    similarity_norms_[doc] = std::sqrt(sum);
  }
}

std::optional<std::uint32_t> ExplorerIndex::doc_of(std::int64_t recipe_id) const {
  const auto it = std::lower_bound(corpus_.ids.begin(), corpus_.ids.end(), recipe_id);
  if (it == corpus_.ids.end() || *it != recipe_id) return std::nullopt;
  return static_cast<std::uint32_t>(it - corpus_.ids.begin());
}

std::optional<std::uint32_t> ExplorerIndex::term_of(std::string_view word) const {
  return find_sorted(terms_, word);
}

double ExplorerIndex::idf(std::uint32_t term) const {
  const auto n = static_cast<double>(size());
  const auto df = static_cast<double>(document_frequency(term));
  return std::log1p((n - df + 0.5) / (df + 0.5));
}

double ExplorerIndex::bm25(std::uint32_t term, const Posting& posting) const {
  const double tf = posting.tf;
  return idf(term) * tf * (Bm25::kK1 + 1.0) / (tf + length_norms_[posting.doc]);
}

std::optional<std::uint32_t> ExplorerIndex::ingredient_of(std::string_view item) const {
  return find_sorted(corpus_.ingredients.items, item);
}

std::optional<std::uint32_t> ExplorerIndex::tag_of(std::string_view item) const {
  return find_sorted(corpus_.tags.items, item);
}

double ExplorerIndex::percentile(Measure measure, double value) const {
  const auto& sorted = measure == Measure::Minutes ? sorted_minutes_
                       : measure == Measure::Steps ? sorted_steps_
                                                   : sorted_complexity_;
  if (sorted.empty()) return 0.0;
  const auto at_most = std::upper_bound(sorted.begin(), sorted.end(), value) - sorted.begin();
  return 100.0 * static_cast<double>(at_most) / static_cast<double>(sorted.size());
}

}  // namespace mtm::analysis::explorer
