#include "analysis/explorer/pantry.hpp"

#include <algorithm>
#include <cstdint>

#include "analysis/explorer/text.hpp"

namespace mtm::analysis::explorer {

const std::vector<std::string>& default_staples() {
  static const std::vector<std::string> kStaples = {"salt",   "water",     "pepper",           "black pepper",
                                                    "oil",    "olive oil", "vegetable oil",    "sugar",
                                                    "butter", "flour",     "all-purpose flour"};
  return kStaples;
}

namespace {

// Per vocabulary item: what the reader has, an assumed staple, an excluded word.
constexpr std::uint8_t kHave = 1;
constexpr std::uint8_t kStaple = 2;
constexpr std::uint8_t kExcluded = 4;

struct Scored {
  std::uint32_t doc;
  double score;
};

// Per-thread buffers kept between requests: a fresh few-megabyte vector per request costs more in page
// faults and growth copies than the matching itself.
struct PantryScratch {
  std::vector<std::uint8_t> flags;
  std::vector<std::uint8_t> candidate;
  std::vector<Scored> scored;
};

PantryScratch& pantry_scratch() {
  thread_local PantryScratch buffers;
  return buffers;
}

}  // namespace

PantryResult what_can_i_cook(const ExplorerIndex& index, const PantryQuery& query) {
  PantryResult result;
  const auto& corpus = index.corpus();
  const auto& items = corpus.ingredients.items;
  auto& buf = pantry_scratch();
  auto& flags = buf.flags;
  flags.assign(items.size(), 0);
  for (const auto& entry : query.have) {
    bool any = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (item_has_word(items[i], entry)) {
        flags[i] |= kHave;
        any = true;
      }
    }
    if (!any) result.unknown.push_back(entry);
  }
  for (const auto& staple : query.staples) {
    if (auto item = index.ingredient_of(staple)) flags[*item] |= kStaple;
  }
  if (!query.exclude.empty()) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      for (const auto& word : query.exclude) {
        if (item_has_word(items[i], word)) flags[i] |= kExcluded;
      }
    }
  }
  // Candidates: recipes using at least one thing the reader has (staples alone propose nothing), then
  // visited in doc order (the per-recipe arrays are read sequentially).
  auto& candidate = buf.candidate;
  candidate.assign(index.size(), 0);
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    if ((flags[i] & kHave) == 0) continue;
    for (const auto doc : index.ingredient_docs(i)) candidate[doc] = 1;
  }
  auto& scored = buf.scored;
  scored.clear();
  const double prior = index.prior_mean();
  for (std::uint32_t doc = 0; doc < index.size(); ++doc) {
    if (candidate[doc] == 0) continue;
    const auto minutes = corpus.minutes[doc];
    if (query.max_minutes && (minutes == data::RecipeCorpus::kMissing || minutes > *query.max_minutes)) continue;
    const auto& ingredients = corpus.recipe_ingredients[doc];
    if (ingredients.empty()) continue;
    std::size_t covered = 0;
    bool excluded = false;
    for (const auto i : ingredients) {
      const auto f = flags[i];
      excluded = excluded || (f & kExcluded) != 0;
      covered += (f & (kHave | kStaple)) != 0 ? 1 : 0;
    }
    if (excluded) continue;
    const double coverage = static_cast<double>(covered) / static_cast<double>(ingredients.size());
    const double rating = index.adjusted_rating(doc).value_or(prior);
    scored.push_back({doc, coverage * (0.8 + 0.2 * (rating - 1.0) / 4.0)});
  }
  result.total = scored.size();
  const std::size_t end = std::min(scored.size(), query.offset + query.limit);
  if (query.offset >= end) return result;
  std::partial_sort(
      scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(end), scored.end(),
      [](const Scored& a, const Scored& b) { return a.score != b.score ? a.score > b.score : a.doc < b.doc; });
  for (std::size_t i = query.offset; i < end; ++i) {
    const auto doc = scored[i].doc;
    const auto& ingredients = corpus.recipe_ingredients[doc];
    // Coverage again for the few hits shown only (Scored stays small for the many candidates).
    const auto covered = std::count_if(ingredients.begin(), ingredients.end(),
                                       [&](std::uint32_t item) { return (flags[item] & (kHave | kStaple)) != 0; });
    PantryHit hit{doc, static_cast<double>(covered) / static_cast<double>(ingredients.size()), scored[i].score, {}};
    for (const auto item : ingredients) {
      if ((flags[item] & (kHave | kStaple)) == 0) hit.missing.push_back(items[item]);
    }
    result.hits.push_back(std::move(hit));
  }
  return result;
}

std::vector<std::pair<std::string, std::uint32_t>> complete_items(const data::Vocabulary& vocabulary,
                                                                  const std::string& prefix, std::size_t limit) {
  std::vector<std::pair<int, std::uint32_t>> found;  // (group, item)
  for (std::uint32_t i = 0; i < vocabulary.items.size(); ++i) {
    const auto& item = vocabulary.items[i];
    if (item.compare(0, prefix.size(), prefix) == 0) {
      found.emplace_back(0, i);
    } else {
      for (auto pos = item.find(prefix); pos != std::string::npos; pos = item.find(prefix, pos + 1)) {
        if (pos > 0 && (item[pos - 1] == ' ' || item[pos - 1] == '-')) {
          found.emplace_back(1, i);
          break;
        }
      }
    }
  }
  if (found.empty()) return {};
  const std::size_t keep = std::min(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                    [&](const auto& a, const auto& b) {
                      if (a.first != b.first) return a.first < b.first;
                      const auto ca = vocabulary.recipe_counts[a.second];
                      const auto cb = vocabulary.recipe_counts[b.second];
                      return ca != cb ? ca > cb : a.second < b.second;
                    });
  std::vector<std::pair<std::string, std::uint32_t>> out;
  for (std::size_t i = 0; i < keep; ++i)
    out.emplace_back(vocabulary.items[found[i].second], vocabulary.recipe_counts[found[i].second]);
  return out;
}

}  // namespace mtm::analysis::explorer
