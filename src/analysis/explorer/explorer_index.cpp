#include "analysis/explorer/explorer_index.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <numeric>
#include <thread>

#include "analysis/explorer/search_cache.hpp"
#include "analysis/explorer/text.hpp"
#include "analysis/explorer/word_forms.hpp"
#include "data/string_numbers.hpp"

namespace mtm::analysis::explorer {

namespace {

// FNV-1a: words are short, so a byte loop beats the setup of a block hash.
struct WordHash {
  std::uint64_t operator()(std::string_view word) const noexcept {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : word) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    return hash;
  }
};

// Word -> provisional number while building; the dictionary is sorted at the end.
using TermTable = data::StringNumbers<WordHash>;
constexpr std::size_t kTermSlots = std::size_t{1} << 12;

data::FlatLists<std::uint32_t> tokenize_items(const std::vector<std::string>& items, TermTable& table) {
  data::FlatLists<std::uint32_t> out;
  out.starts.reserve(items.size() + 1);
  for (const auto& item : items) {
    for_each_word(item, [&](std::string_view word) { out.values.push_back(table.id(word)); });
    out.starts.push_back(static_cast<std::uint32_t>(out.values.size()));
  }
  return out;
}

// The docs holding each item, ascending: the transpose of the per-recipe item lists.
template <typename Item>
data::FlatLists<std::uint32_t> docs_by_item(const data::FlatLists<Item>& items_of_doc, std::size_t n_items) {
  data::FlatLists<std::uint32_t> out;
  out.starts.assign(n_items + 1, 0);
  for (const auto item : items_of_doc.values) ++out.starts[item + 1];
  for (std::size_t i = 0; i < n_items; ++i) out.starts[i + 1] += out.starts[i];
  out.values.resize(items_of_doc.values.size());
  std::vector<std::uint32_t> next(out.starts.begin(), out.starts.end() - 1);
  for (std::uint32_t doc = 0; doc < items_of_doc.size(); ++doc) {
    for (const auto item : items_of_doc[doc]) out.values[next[item]++] = doc;
  }
  return out;
}

std::optional<std::uint32_t> find_sorted(const std::vector<std::string>& sorted, std::string_view value) {
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), value,
                                   [](const std::string& a, std::string_view b) { return a < b; });
  if (it == sorted.end() || *it != value) return std::nullopt;
  return static_cast<std::uint32_t>(it - sorted.begin());
}

// The (word, tf) pairs of a range of docs, with words numbered by the part's own term table, so two
// parts can be tokenized at once; their tables are merged afterwards.
struct TextPart {
  TermTable table{kTermSlots};
  data::BigVector<std::uint32_t> doc_terms;
  data::BigVector<std::uint16_t> doc_tfs;
  std::vector<std::size_t> doc_starts{0};  // relative to the part's first doc
  std::uint64_t total_length = 0;
};

void tokenize_docs(const data::RecipeCorpus& corpus, std::uint32_t begin, std::uint32_t end, TextPart& part,
                   std::vector<float>& doc_lengths) {
  auto& table = part.table;
  const auto ingredient_words = tokenize_items(corpus.ingredients.items, table);
  const auto tag_words = tokenize_items(corpus.tags.items, table);
  // The field weights are whole numbers, so term frequencies are integers (stored in 16 bits).
  const auto in_name = static_cast<std::uint32_t>(Bm25::kNameWeight);
  const auto in_description = static_cast<std::uint32_t>(Bm25::kDescriptionWeight);
  const auto in_ingredient = static_cast<std::uint32_t>(Bm25::kIngredientWeight);
  const auto in_tag = static_cast<std::uint32_t>(Bm25::kTagWeight);
  // This doc's term frequency of each word so far (0 = not seen), and the words it has seen; the words
  // may come in any order within a doc, since the postings are placed by visiting the docs in order.
  std::vector<std::uint32_t> tf_of(table.size(), 0);
  std::vector<std::uint32_t> seen;
  const auto add = [&](std::uint32_t term, std::uint32_t weight) {
    if (term >= tf_of.size()) tf_of.resize(std::max<std::size_t>(term + 1, 2 * tf_of.size()), 0);
    if (tf_of[term] == 0) seen.push_back(term);
    tf_of[term] += weight;
  };
  part.doc_starts.reserve(end - begin + 1);
  // Room for every word occurrence (a word is at least one byte and a separator): the arrays never grow,
  // and the unused tail of a mapped block is never touched, so it costs address space only.
  std::size_t bound = 0;
  for (std::uint32_t doc = begin; doc < end; ++doc) {
    bound += (corpus.names[doc].size() + corpus.descriptions[doc].size()) / 2 + 2;
    for (const auto item : corpus.recipe_ingredients[doc]) bound += ingredient_words[item].size();
    for (const auto item : corpus.recipe_tags[doc]) bound += tag_words[item].size();
  }
  part.doc_terms.reserve(bound);
  part.doc_tfs.reserve(bound);
  for (std::uint32_t doc = begin; doc < end; ++doc) {
    seen.clear();
    for_each_word(corpus.names[doc], [&](std::string_view word) { add(table.id(word), in_name); });
    for_each_word(corpus.descriptions[doc], [&](std::string_view word) { add(table.id(word), in_description); });
    for (const auto item : corpus.recipe_ingredients[doc]) {
      for (const auto term : ingredient_words[item]) add(term, in_ingredient);
    }
    for (const auto item : corpus.recipe_tags[doc]) {
      for (const auto term : tag_words[item]) add(term, in_tag);
    }
    std::uint64_t length = 0;
    // cppcheck-suppress knownEmptyContainer ; filled by add() through the tokenizer callbacks above
    for (const auto term : seen) {
      const std::uint32_t tf = tf_of[term];
      tf_of[term] = 0;
      part.doc_terms.push_back(term);
      part.doc_tfs.push_back(
          static_cast<std::uint16_t>(std::min<std::uint32_t>(tf, std::numeric_limits<std::uint16_t>::max())));
      length += tf;
    }
    part.doc_starts.push_back(part.doc_terms.size());
    doc_lengths[doc] = static_cast<float>(length);
    part.total_length += length;
  }
}

}  // namespace

ExplorerIndex::~ExplorerIndex() = default;

ExplorerIndex::ExplorerIndex(data::RecipeCorpus corpus)
    : corpus_(std::move(corpus)), search_cache_(std::make_unique<SearchCache>()) {
  build_text_index();
  build_stems();
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
  // Two halves of the docs tokenized on two threads, each with its own term table; the second table's
  // words are then numbered in the first one, and the merged dictionary sorted as before.
  doc_lengths_.assign(size(), 0.0F);
  const auto middle = static_cast<std::uint32_t>(size() / 2);
  std::array<TextPart, 2> parts;
  std::exception_ptr failure;
  std::thread second([&] {
    try {
      tokenize_docs(corpus_, middle, static_cast<std::uint32_t>(size()), parts[1], doc_lengths_);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  try {
    tokenize_docs(corpus_, 0, middle, parts[0], doc_lengths_);
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (failure) std::rethrow_exception(failure);
  auto& table = parts[0].table;
  std::vector<std::uint32_t> second_to_first(parts[1].table.size());
  for (std::uint32_t t = 0; t < second_to_first.size(); ++t) second_to_first[t] = table.id(parts[1].table.strings()[t]);
  for (auto& term : parts[1].doc_terms) term = second_to_first[term];
  const auto total_length = static_cast<double>(parts[0].total_length + parts[1].total_length);
  average_length_ = size() == 0 ? 0.0 : total_length / static_cast<double>(size());
  length_norms_.resize(size());
  for (std::size_t doc = 0; doc < size(); ++doc) {
    const double norm = 1.0 - Bm25::kB + Bm25::kB * doc_lengths_[doc] / average_length_;
    length_norms_[doc] = Bm25::kK1 * norm;
  }
  // Sort the dictionary (prefix ranges are then contiguous) and renumber the words accordingly.
  auto& words = table.strings();
  std::vector<std::uint32_t> order(words.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return words[a] < words[b]; });
  std::vector<std::uint32_t> renumbered(words.size());
  terms_.reserve(words.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    renumbered[order[i]] = i;
    terms_.push_back(std::move(words[order[i]]));
  }
  for (auto& part : parts) {
    for (auto& term : part.doc_terms) term = renumbered[term];
  }
  // Two passes over the docs in order: the bytes each word's postings take (their gaps depend on the
  // previous doc of the same word), then the postings written at their places.
  const auto for_each_posting = [&](auto&& fn) {
    std::uint32_t doc = 0;
    for (const auto& part : parts) {
      for (std::size_t d = 0; d + 1 < part.doc_starts.size(); ++d, ++doc) {
        for (std::size_t k = part.doc_starts[d]; k < part.doc_starts[d + 1]; ++k)
          fn(part.doc_terms[k], doc, part.doc_tfs[k]);
      }
    }
  };
  posting_starts_.assign(terms_.size() + 1, 0);
  posting_counts_.assign(terms_.size(), 0);
  std::vector<std::uint32_t> last_doc(terms_.size(), 0);
  for_each_posting([&](std::uint32_t term, std::uint32_t doc, std::uint16_t tf) {
    posting_starts_[term + 1] += data::varint_size(doc - last_doc[term]) + data::varint_size(tf);
    last_doc[term] = doc;
    ++posting_counts_[term];
  });
  std::partial_sum(posting_starts_.begin(), posting_starts_.end(), posting_starts_.begin());
  posting_bytes_.resize(posting_starts_.back());
  std::vector<std::uint64_t> next(posting_starts_.begin(), posting_starts_.end() - 1);
  std::fill(last_doc.begin(), last_doc.end(), 0);
  for_each_posting([&](std::uint32_t term, std::uint32_t doc, std::uint16_t tf) {
    std::uint8_t* out = posting_bytes_.data() + next[term];
    data::write_varint(out, doc - last_doc[term]);
    data::write_varint(out, tf);
    next[term] = static_cast<std::uint64_t>(out - posting_bytes_.data());
    last_doc[term] = doc;
  });
  // Descriptions are only searched, never shown from memory (the recipe page reads them from the database).
  corpus_.descriptions.release();
}

void ExplorerIndex::build_stems() {
  // Every word stemmed on two threads (Snowball is ~1 us a word), then grouped by stem.
  std::vector<std::string> stem_of(terms_.size());
  const auto stem_range = [&](std::size_t begin, std::size_t end) {
    for (std::size_t t = begin; t < end; ++t) stem_of[t] = stem(terms_[t]);
  };
  const std::size_t middle = terms_.size() / 2;
  std::exception_ptr failure;
  std::thread second([&] {
    try {
      stem_range(middle, terms_.size());
    } catch (...) {
      failure = std::current_exception();
    }
  });
  try {
    stem_range(0, middle);
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (failure) std::rethrow_exception(failure);
  std::vector<std::uint32_t> order(terms_.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return stem_of[a] < stem_of[b]; });
  for (const auto t : order) {
    if (stems_.empty() || stems_.back() != stem_of[t]) {
      if (!stems_.empty()) stem_terms_.starts.push_back(static_cast<std::uint32_t>(stem_terms_.values.size()));
      stems_.push_back(std::move(stem_of[t]));
    }
    stem_terms_.values.push_back(t);
  }
  if (!stems_.empty()) stem_terms_.starts.push_back(static_cast<std::uint32_t>(stem_terms_.values.size()));
}

std::span<const std::uint32_t> ExplorerIndex::same_stem_terms(std::string_view word) const {
  const auto found = find_sorted(stems_, stem(word));
  if (!found) return {};
  return stem_terms_[*found];
}

void ExplorerIndex::build_item_lists() {
  ingredient_docs_ = data::DeltaLists(docs_by_item(corpus_.recipe_ingredients, corpus_.ingredients.items.size()));
  tag_docs_ = data::DeltaLists(docs_by_item(corpus_.recipe_tags, corpus_.tags.items.size()));
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
  const auto by_use = [](const data::DeltaLists& lists) {
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
  for (std::size_t i = 0; i < ingredient_docs_.size(); ++i)
    ingredient_weights_.push_back(weight(ingredient_docs_[i].size(), Similarity::kIngredientWeight));
  for (std::size_t i = 0; i < tag_docs_.size(); ++i)
    tag_weights_.push_back(weight(tag_docs_[i].size(), Similarity::kTagWeight));
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
