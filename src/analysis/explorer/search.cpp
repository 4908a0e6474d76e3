#include "analysis/explorer/search.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "analysis/explorer/lexicon.hpp"
#include "analysis/explorer/text.hpp"

namespace mtm::analysis::explorer {

namespace {

constexpr double kUnranked = -std::numeric_limits<double>::infinity();

// Which vocabulary items contain a filter word, as a flag per item.
std::vector<char> items_with_word(const std::vector<std::string>& items, const std::vector<std::string>& words) {
  std::vector<char> flags(items.size(), 0);
  if (words.empty()) return flags;
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const auto& word : words) {
      if (item_has_word(items[i], word)) {
        flags[i] = 1;
        break;
      }
    }
  }
  return flags;
}

struct Filter {
  const ExplorerIndex& index;
  const SearchQuery& query;
  std::vector<std::uint32_t> required_tags;
  std::vector<std::uint32_t> excluded_tags;
  bool impossible = false;
  // Per required ingredient word, the items holding it; one flag list for all excluded words.
  std::vector<std::vector<char>> required_items;
  std::vector<char> excluded_items;

  Filter(const ExplorerIndex& idx, const SearchQuery& q) : index(idx), query(q) {
    for (const auto& tag : q.tags) {
      if (auto item = idx.tag_of(tag))
        required_tags.push_back(*item);
      else
        impossible = true;
    }
    for (const auto& tag : q.exclude_tags) {
      if (auto item = idx.tag_of(tag)) excluded_tags.push_back(*item);
    }
    const auto& items = idx.corpus().ingredients.items;
    for (const auto& word : q.ingredients) required_items.push_back(items_with_word(items, {word}));
    excluded_items = items_with_word(items, q.exclude_ingredients);
  }

  [[nodiscard]] bool accepts(std::uint32_t doc) const {
    const auto& c = index.corpus();
    if (query.max_minutes && (c.minutes[doc] == data::RecipeCorpus::kMissing || c.minutes[doc] > *query.max_minutes))
      return false;
    if (query.max_steps && (c.n_steps[doc] == data::RecipeCorpus::kMissing || c.n_steps[doc] > *query.max_steps))
      return false;
    if ((query.min_calories || query.max_calories) && std::isnan(c.calories[doc])) return false;
    if (query.min_calories && c.calories[doc] < *query.min_calories) return false;
    if (query.max_calories && c.calories[doc] > *query.max_calories) return false;
    if (query.min_ratings > 0 && c.rating_counts[doc] < static_cast<std::uint64_t>(query.min_ratings)) return false;
    if (query.min_rating) {
      const auto mean = index.mean_rating(doc);
      if (!mean || *mean < *query.min_rating) return false;
    }
    const auto& tags = c.recipe_tags[doc];
    for (const auto tag : required_tags) {
      if (!std::binary_search(tags.begin(), tags.end(), tag)) return false;
    }
    for (const auto tag : excluded_tags) {
      if (std::binary_search(tags.begin(), tags.end(), tag)) return false;
    }
    const auto& ingredients = c.recipe_ingredients[doc];
    for (const auto& flags : required_items) {
      if (std::none_of(ingredients.begin(), ingredients.end(), [&](std::uint32_t i) { return flags[i] != 0; }))
        return false;
    }
    if (!query.exclude_ingredients.empty() &&
        std::any_of(ingredients.begin(), ingredients.end(), [&](std::uint32_t i) { return excluded_items[i] != 0; }))
      return false;
    return true;
  }
};

std::vector<FacetCount> top_items(const std::vector<std::uint32_t>& counts, const std::vector<std::string>& names,
                                  const std::vector<std::string>& skip) {
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0 && std::find(skip.begin(), skip.end(), names[i]) == skip.end()) order.push_back(i);
  }
  const std::size_t keep = std::min(order.size(), kFacetSize);
  std::partial_sort(
      order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
      [&](std::uint32_t a, std::uint32_t b) { return counts[a] != counts[b] ? counts[a] > counts[b] : a < b; });
  std::vector<FacetCount> out;
  for (std::size_t i = 0; i < keep; ++i) out.push_back({names[order[i]], counts[order[i]]});
  return out;
}

std::vector<FacetCount> buckets(const std::vector<const char*>& labels, const std::vector<std::uint32_t>& counts) {
  std::vector<FacetCount> out;
  for (std::size_t i = 0; i < labels.size(); ++i) out.push_back({labels[i], counts[i]});
  return out;
}

}  // namespace

WordMatch match_word(const ExplorerIndex& index, const std::string& word, bool prefix) {
  WordMatch match{word, {}, {}};
  const auto& terms = index.terms();
  std::vector<std::pair<std::uint32_t, MatchKind>> found;
  const auto add = [&found](std::uint32_t term, MatchKind kind) {
    if (std::none_of(found.begin(), found.end(), [term](const auto& f) { return f.first == term; }))
      found.emplace_back(term, kind);
  };
  if (auto exact = index.term_of(word)) add(*exact, MatchKind::Exact);
  for (const auto term : index.same_stem_terms(word)) add(term, MatchKind::Stem);
  if (prefix) {
    auto it = std::lower_bound(terms.begin(), terms.end(), word);
    for (; it != terms.end() && it->compare(0, word.size(), word) == 0; ++it)
      add(static_cast<std::uint32_t>(it - terms.begin()), MatchKind::Prefix);
  }
  const std::size_t length = char_count(word);
  if (found.empty() && length >= kMinTypoLength) {
    for (std::uint32_t t = 0; t < terms.size(); ++t) {
      const auto& term = terms[t];
      // Bytes >= characters: a term of fewer bytes than length - 1 is too short; a longer one may still be
      // close when it has multi-byte characters.
      if (term.size() + 1 < length) continue;
      if (term.size() > length + 1 && char_count(term) > length + 1) continue;
      if (within_one_edit(term, word)) found.emplace_back(t, MatchKind::Typo);
    }
    // The other forms of a word read through a typo count too ("veetables" finds "vegetable" as well).
    const std::size_t typos = found.size();
    for (std::size_t i = 0; i < typos; ++i) {
      for (const auto term : index.same_stem_terms(terms[found[i].first])) add(term, MatchKind::Typo);
    }
  }
  // The exact word always stays, then the other forms of its stem; the others by how many recipes hold them.
  const auto rank = [](MatchKind kind) { return kind == MatchKind::Exact ? 0 : kind == MatchKind::Stem ? 1 : 2; };
  std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    if (rank(a.second) != rank(b.second)) return rank(a.second) < rank(b.second);
    return index.postings(a.first).size() > index.postings(b.first).size();
  });
  const std::size_t cap = prefix && word.size() <= 2 ? kMaxShortPrefixExpansions : kMaxExpansions;
  if (found.size() > cap) found.resize(cap);
  for (const auto& [term, kind] : found) match.matches.emplace_back(terms[term], kind);
  if (match.matches.empty()) match.suggestions = suggest_words(index, word);
  return match;
}

std::vector<std::string> suggest_words(const ExplorerIndex& index, const std::string& word) {
  constexpr std::size_t kMaxEdits = 2;
  const auto& terms = index.terms();
  const std::size_t length = char_count(word);
  if (length < kMinTypoLength) return {};
  std::vector<std::uint32_t> close;
  for (std::uint32_t t = 0; t < terms.size(); ++t) {
    const auto& term = terms[t];
    if (term.size() + kMaxEdits < length || term == word) continue;
    if (term.size() > length + kMaxEdits && char_count(term) > length + kMaxEdits) continue;
    if (edit_distance(term, word, kMaxEdits) <= kMaxEdits) close.push_back(t);
  }
  const std::size_t keep = std::min(close.size(), kMaxSuggestions);
  std::partial_sort(close.begin(), close.begin() + static_cast<std::ptrdiff_t>(keep), close.end(),
                    [&](std::uint32_t a, std::uint32_t b) {
                      const auto da = index.document_frequency(a);
                      const auto db = index.document_frequency(b);
                      return da != db ? da > db : a < b;
                    });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < keep; ++i) out.push_back(terms[close[i]]);
  return out;
}

namespace {

struct Ranked {
  std::uint32_t doc;
  // cppcheck-suppress unusedStructMember ; read when the top hits are copied out (cppcheck misses it)
  float score;
  std::uint16_t held_count;  // query words the doc holds (ranks first in a partial search)
  double key;
};

// Per-thread buffers of one search, kept between searches: allocating a few megabytes per request
// costs more (page faults, copies) than the search itself.
struct Scratch {
  std::vector<double> total;
  std::vector<std::uint16_t> matched;
  std::vector<std::uint64_t> held;
  std::vector<float> best;
  std::vector<std::uint32_t> touched;
  std::vector<std::uint32_t> candidates;
  std::vector<Ranked> ranked;
  std::vector<std::uint64_t> bits;
};

Scratch& scratch() {
  thread_local Scratch buffers;
  return buffers;
}

// The kFacetSize items held by most results, from each item's doc list checked against the results'
// bit set. Items come by decreasing recipe count, so the walk stops once no item left can enter the list.
template <typename DocsOf>
std::vector<FacetCount> top_by_lists(const std::vector<std::uint32_t>& by_use, DocsOf docs_of,
                                     const std::vector<std::string>& names, const std::vector<std::string>& skip,
                                     const std::vector<std::uint64_t>& bits) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> top;  // (count, item): count desc, then item asc
  for (const auto item : by_use) {
    const auto& docs = docs_of(item);
    if (top.size() == kFacetSize && docs.size() < top.back().first) break;
    if (std::find(skip.begin(), skip.end(), names[item]) != skip.end()) continue;
    std::uint32_t count = 0;
    for (const auto d : docs) count += static_cast<std::uint32_t>((bits[d / 64] >> (d % 64)) & 1U);
    if (count == 0) continue;
    const auto entry = std::make_pair(count, item);
    const auto at = std::lower_bound(top.begin(), top.end(), entry, [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    top.insert(at, entry);
    if (top.size() > kFacetSize) top.pop_back();
  }
  std::vector<FacetCount> out;
  out.reserve(top.size());
  for (const auto& [count, item] : top) out.push_back({names[item], count});
  return out;
}

// Which sample of the ranked results sampled_item_facets counts: a simple random sample without
// replacement of sample of total positions (Floyd's algorithm), from a fixed-seed splitmix64, so the same
// query always draws the same sample and the finite-population margin of facet_count_margin holds.
std::vector<char> sample_positions(std::size_t total, std::size_t sample) {
  std::vector<char> chosen(total, 0);
  std::uint64_t state = 0x5EED'FACE'7A65'0019ULL;
  const auto next = [&state] {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  };
  for (std::size_t j = total - sample; j < total; ++j) {
    const auto t = static_cast<std::size_t>(next() % (j + 1));
    chosen[chosen[t] != 0 ? j : t] = 1;
  }
  return chosen;
}

// Tag and ingredient facets of a large result set from a random sample of query.facet_sample_size of its
// results (sample_positions): counts are ranked on the sample (ties by item number) and scaled by M/n.
template <typename RankedList>
void sampled_item_facets(const data::RecipeCorpus& corpus, const RankedList& ranked, const SearchQuery& query,
                         SearchResult& result) {
  const std::size_t total = ranked.size();
  const std::size_t sample = query.facet_sample_size;
  std::vector<std::uint32_t> tag_counts(corpus.tags.items.size(), 0);
  std::vector<std::uint32_t> ingredient_counts(corpus.ingredients.items.size(), 0);
  const auto chosen = sample_positions(total, sample);
  for (std::size_t p = 0; p < total; ++p) {
    if (chosen[p] == 0) continue;
    const auto doc = ranked[p].doc;
    for (const auto t : corpus.recipe_tags[doc]) ++tag_counts[t];
    for (const auto i : corpus.recipe_ingredients[doc]) ++ingredient_counts[i];
  }
  const double scale = static_cast<double>(total) / static_cast<double>(sample);
  const auto scaled = [&](std::vector<FacetCount> facets) {
    for (auto& f : facets) {
      f.count = static_cast<std::uint32_t>(std::min(std::round(f.count * scale), static_cast<double>(total)));
    }
    return facets;
  };
  result.tag_facets = scaled(top_items(tag_counts, corpus.tags.items, query.tags));
  result.ingredient_facets = scaled(top_items(ingredient_counts, corpus.ingredients.items, {}));
  result.facets_sampled = true;
  result.facet_sample_size = sample;
  result.facet_margin = facet_count_margin(total, sample);
}

// Adds each word's score to the docs holding it: the best BM25 among the index words it stands for
// (scaled by kStemWeight for another form of the stem). When require_all, a doc is scored only while it
// holds every word so far; otherwise every doc holding any word is, and held[doc] records which.
void score_words(const ExplorerIndex& index, const std::vector<WordMatch>& words, bool require_all, Scratch& buf) {
  const std::size_t n = index.size();
  buf.total.assign(n, 0.0);
  buf.matched.assign(n, 0);
  buf.best.assign(n, 0.0F);
  if (!require_all) buf.held.assign(n, 0);
  for (std::size_t w = 0; w < words.size(); ++w) {
    buf.touched.clear();
    for (const auto& [term_word, kind] : words[w].matches) {
      const auto term = *index.term_of(term_word);
      const double weight = index.idf(term) * (kind == MatchKind::Stem ? kStemWeight : 1.0);
      for (const auto& p : index.postings(term)) {
        if (require_all && buf.matched[p.doc] != w) continue;  // missed an earlier word
        const auto s = static_cast<float>(weight * p.tf * (Bm25::kK1 + 1.0) / (p.tf + index.length_norm(p.doc)));
        if (buf.best[p.doc] == 0.0F) buf.touched.push_back(p.doc);
        buf.best[p.doc] = std::max(buf.best[p.doc], s);
      }
    }
    for (const auto doc : buf.touched) {
      buf.total[doc] += buf.best[doc];
      buf.best[doc] = 0.0F;
      ++buf.matched[doc];
      if (!require_all && w < 64) buf.held[doc] |= std::uint64_t{1} << w;
    }
  }
}

// Query words with the French ones read through the lexicon: a French phrase is replaced by its English
// side when its own words are rare in the recipes (held by fewer than 1 in kFrenchShare of the recipes
// holding the English side), so an English word that happens to be French too ("orange") stays itself.
std::vector<std::string> translate_french(const ExplorerIndex& index, const std::vector<std::string>& words,
                                          std::vector<Translation>& translations) {
  constexpr std::size_t kFrenchShare = 20;
  const auto& lexicon = FrenchLexicon::embedded();
  // Recipes holding the rarest of some words (in any form of their stem), an upper bound of those holding all.
  const auto holders = [&index](const std::vector<std::string>& some) {
    std::size_t least = std::numeric_limits<std::size_t>::max();
    for (const auto& word : some) {
      std::size_t count = 0;
      for (const auto term : index.same_stem_terms(word)) count += index.document_frequency(term);
      if (auto exact = index.term_of(word); exact && index.same_stem_terms(word).empty())
        count = index.document_frequency(*exact);
      least = std::min(least, count);
    }
    return least;
  };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words.size();) {
    const auto found = lexicon.match_at(words, i);
    if (found) {
      const auto& [entry, count] = *found;
      const std::vector<std::string> french(words.begin() + static_cast<std::ptrdiff_t>(i),
                                            words.begin() + static_cast<std::ptrdiff_t>(i + count));
      if (french != entry->english_words && holders(french) * kFrenchShare < holders(entry->english_words)) {
        std::string from;
        for (const auto& w : french) from += (from.empty() ? "" : " ") + w;
        translations.push_back({std::move(from), entry->english});
        out.insert(out.end(), entry->english_words.begin(), entry->english_words.end());
        i += count;
        continue;
      }
    }
    out.push_back(words[i]);
    ++i;
  }
  return out;
}

}  // namespace

double facet_count_margin(std::size_t total, std::size_t sample) {
  if (sample == 0 || sample >= total) return 0.0;
  const auto m = static_cast<double>(total);
  const auto k = static_cast<double>(sample);
  return 1.96 * m * std::sqrt(0.25 / k * (m - k) / (m - 1));
}

SearchResult search(const ExplorerIndex& index, const SearchQuery& query) {
  SearchResult result;
  const std::size_t n = index.size();
  const auto typed = tokenize(query.text);
  const auto words = translate_french(index, typed, result.translations);
  // The last word is still being typed unless the text ends with a separator (or it was translated).
  const bool last_open = query.last_word_is_prefix && !query.text.empty() &&
                         !tokenize(query.text.substr(query.text.size() - 1)).empty() &&
                         (result.translations.empty() || typed.back() == words.back());
  Scratch& buf = scratch();
  for (std::size_t w = 0; w < words.size(); ++w)
    result.words.push_back(match_word(index, words[w], last_open && w + 1 == words.size()));

  // Candidate docs and their scores: every word required; with too few such docs (and several words), any
  // word, the docs holding the most words ranking first.
  auto& candidates = buf.candidates;
  candidates.clear();
  if (words.empty()) {
    candidates.resize(n);
    for (std::uint32_t d = 0; d < n; ++d) candidates[d] = d;
  } else {
    score_words(index, result.words, true, buf);
    for (std::uint32_t d = 0; d < n; ++d) {
      if (buf.matched[d] == words.size()) candidates.push_back(d);
    }
    if (candidates.size() < query.partial_below && words.size() > 1) {
      result.partial = true;
      score_words(index, result.words, false, buf);
      candidates.clear();
      for (std::uint32_t d = 0; d < n; ++d) {
        if (buf.matched[d] > 0) candidates.push_back(d);
      }
    }
  }

  const Filter filter(index, query);
  const bool filtered = query.max_minutes || query.max_steps || query.min_calories || query.max_calories ||
                        query.min_rating || query.min_ratings > 0 || !query.tags.empty() ||
                        !query.exclude_tags.empty() || !query.ingredients.empty() || !query.exclude_ingredients.empty();
  const auto& corpus = index.corpus();
  std::vector<std::uint32_t> minutes_counts(5, 0);
  std::vector<std::uint32_t> calories_counts(5, 0);
  std::vector<std::uint32_t> rating_counts(4, 0);
  auto& ranked = buf.ranked;
  ranked.clear();
  ranked.reserve(candidates.size());
  if (!filter.impossible) {
    for (const auto doc : candidates) {
      if (filtered && !filter.accepts(doc)) continue;
      const auto minutes = corpus.minutes[doc];
      if (minutes != data::RecipeCorpus::kMissing && minutes >= 0)
        ++minutes_counts[minutes <= 15 ? 0 : minutes <= 30 ? 1 : minutes <= 60 ? 2 : minutes <= 120 ? 3 : 4];
      const double kcal = corpus.calories[doc];
      if (!std::isnan(kcal) && kcal >= 0)
        ++calories_counts[kcal < 200 ? 0 : kcal < 400 ? 1 : kcal < 600 ? 2 : kcal < 800 ? 3 : 4];
      const auto mean = index.mean_rating(doc);
      if (!mean) {
        ++rating_counts[3];
      } else {
        if (*mean >= 4.5) ++rating_counts[0];
        if (*mean >= 4.0) ++rating_counts[1];
        if (*mean >= 3.0) ++rating_counts[2];
      }
      const double score = words.empty() ? 0.0 : buf.total[doc];
      double key = 0;
      switch (query.sort) {
        case SortOrder::Relevance: key = words.empty() ? index.adjusted_rating(doc).value_or(kUnranked) : score; break;
        case SortOrder::Rating: key = index.adjusted_rating(doc).value_or(kUnranked); break;
        case SortOrder::Popularity: key = corpus.interaction_counts[doc]; break;
        case SortOrder::Newest:
          key = corpus.submitted[doc] == std::numeric_limits<std::int32_t>::min() ? kUnranked : corpus.submitted[doc];
          break;
      }
      const auto held_count = words.empty() ? std::uint16_t{0} : buf.matched[doc];
      ranked.push_back({doc, static_cast<float>(score), held_count, key});
    }
  }
  result.total = ranked.size();
  if (ranked.size() > query.facet_sample_size && query.facet_sample_size > 0) {
    sampled_item_facets(corpus, ranked, query, result);
  } else if (ranked.size() <= query.direct_facet_limit) {
    std::vector<std::uint32_t> tag_counts(corpus.tags.items.size(), 0);
    std::vector<std::uint32_t> ingredient_counts(corpus.ingredients.items.size(), 0);
    for (const auto& r : ranked) {
      for (const auto t : corpus.recipe_tags[r.doc]) ++tag_counts[t];
      for (const auto i : corpus.recipe_ingredients[r.doc]) ++ingredient_counts[i];
    }
    result.tag_facets = top_items(tag_counts, corpus.tags.items, query.tags);
    result.ingredient_facets = top_items(ingredient_counts, corpus.ingredients.items, {});
  } else {
    auto& bits = buf.bits;
    bits.assign((n + 63) / 64, 0);
    for (const auto& r : ranked) bits[r.doc / 64] |= std::uint64_t{1} << (r.doc % 64);
    result.tag_facets = top_by_lists(
        index.tags_by_use(), [&](std::uint32_t t) { return index.tag_docs(t); }, corpus.tags.items, query.tags, bits);
    result.ingredient_facets = top_by_lists(
        index.ingredients_by_use(), [&](std::uint32_t i) { return index.ingredient_docs(i); }, corpus.ingredients.items,
        {}, bits);
  }
  const std::size_t end = std::min(ranked.size(), query.offset + query.limit);
  if (query.offset < end) {
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(end), ranked.end(),
                      [](const Ranked& a, const Ranked& b) {
                        if (a.held_count != b.held_count) return a.held_count > b.held_count;
                        return a.key != b.key ? a.key > b.key : a.doc < b.doc;
                      });
    for (std::size_t i = query.offset; i < end; ++i) {
      const auto doc = ranked[i].doc;
      result.hits.push_back({doc, ranked[i].score, result.partial ? buf.held[doc] : ~std::uint64_t{0}});
    }
  }
  result.minutes_facets = buckets({"0-15", "16-30", "31-60", "61-120", "121+"}, minutes_counts);
  result.calories_facets = buckets({"0-199", "200-399", "400-599", "600-799", "800+"}, calories_counts);
  result.rating_facets = buckets({">=4.5", ">=4", ">=3", "unrated"}, rating_counts);
  return result;
}

}  // namespace mtm::analysis::explorer
