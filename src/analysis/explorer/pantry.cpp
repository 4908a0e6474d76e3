#include "analysis/explorer/pantry.hpp"

#include <algorithm>

#include "analysis/explorer/text.hpp"

namespace mtm::analysis::explorer {

const std::vector<std::string>& default_staples() {
  static const std::vector<std::string> kStaples = {"salt",   "water",     "pepper",           "black pepper",
                                                    "oil",    "olive oil", "vegetable oil",    "sugar",
                                                    "butter", "flour",     "all-purpose flour"};
  return kStaples;
}

PantryResult what_can_i_cook(const ExplorerIndex& index, const PantryQuery& query) {
  PantryResult result;
  const auto& corpus = index.corpus();
  const auto& items = corpus.ingredients.items;
  // Per vocabulary item: 2 = the reader has it, 1 = a staple, 0 = missing; excluded items flagged apart.
  std::vector<char> have(items.size(), 0);
  std::vector<char> excluded(items.size(), 0);
  for (const auto& entry : query.have) {
    bool any = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (item_has_word(items[i], entry)) {
        have[i] = 2;
        any = true;
      }
    }
    if (!any) result.unknown.push_back(entry);
  }
  for (const auto& staple : query.staples) {
    if (auto item = index.ingredient_of(staple); item && have[*item] == 0) have[*item] = 1;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (const auto& word : query.exclude) {
      if (item_has_word(items[i], word)) excluded[i] = 1;
    }
  }
  // Candidates: recipes using at least one thing the reader has (staples alone propose nothing).
  std::vector<char> seen(index.size(), 0);
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    if (have[i] != 2) continue;
    for (const auto doc : index.ingredient_docs(i)) {
      if (!seen[doc]) {
        seen[doc] = 1;
        candidates.push_back(doc);
      }
    }
  }
  std::vector<PantryHit> hits;
  for (const auto doc : candidates) {
    const auto minutes = corpus.minutes[doc];
    if (query.max_minutes && (minutes == data::RecipeCorpus::kMissing || minutes > *query.max_minutes)) continue;
    const auto& ingredients = corpus.recipe_ingredients[doc];
    if (ingredients.empty()) continue;
    if (std::any_of(ingredients.begin(), ingredients.end(), [&](std::uint32_t i) { return excluded[i] != 0; }))
      continue;
    const auto covered =
        std::count_if(ingredients.begin(), ingredients.end(), [&](std::uint32_t i) { return have[i] != 0; });
    const double coverage = static_cast<double>(covered) / static_cast<double>(ingredients.size());
    const double rating = index.adjusted_rating(doc).value_or(index.prior_mean());
    hits.push_back({doc, coverage, coverage * (0.8 + 0.2 * (rating - 1.0) / 4.0), {}});
  }
  result.total = hits.size();
  const std::size_t end = std::min(hits.size(), query.offset + query.limit);
  if (query.offset >= end) return result;
  std::partial_sort(
      hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end(),
      [](const PantryHit& a, const PantryHit& b) { return a.score != b.score ? a.score > b.score : a.doc < b.doc; });
  for (std::size_t i = query.offset; i < end; ++i) {
    PantryHit hit = std::move(hits[i]);
    for (const auto item : corpus.recipe_ingredients[hit.doc]) {
      if (have[item] == 0) hit.missing.push_back(items[item]);
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
