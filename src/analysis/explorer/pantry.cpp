#include "analysis/explorer/pantry.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <optional>

#include "analysis/explorer/lexicon.hpp"
#include "analysis/explorer/text.hpp"

namespace mtm::analysis::explorer {

const std::vector<std::string>& default_staples() {
  static const std::vector<std::string> kStaples = {"salt",   "water",     "pepper",           "black pepper",
                                                    "oil",    "olive oil", "vegetable oil",    "sugar",
                                                    "butter", "flour",     "all-purpose flour"};
  return kStaples;
}

namespace {

// Per vocabulary item: bit e for each entry e of "have" it matches, plus a staple and an excluded bit.
using ItemFlags = std::uint64_t;
constexpr ItemFlags kStaple = ItemFlags{1} << 62;
constexpr ItemFlags kExcluded = ItemFlags{1} << 63;
constexpr ItemFlags kHaveMask = (ItemFlags{1} << kMaxHave) - 1;

struct Scored {
  std::uint32_t doc;
  std::uint32_t uses;     // entries of "have" used
  std::uint32_t missing;  // ingredients neither had nor staples
  double rating;
};

// Per-thread buffers kept between requests: a fresh few-megabyte vector per request costs more in page
// faults and growth copies than the matching itself.
struct PantryScratch {
  std::vector<ItemFlags> flags;
  std::vector<std::uint8_t> candidate;
  std::vector<Scored> scored;
};

PantryScratch& pantry_scratch() {
  thread_local PantryScratch buffers;
  return buffers;
}

// Sets bit on every item holding word in any of its forms (the index words sharing its English stem:
// "tomato" covers "diced tomatoes"); false when none does.
bool flag_items(const ExplorerIndex& index, const std::string& word, ItemFlags bit, std::vector<ItemFlags>& flags) {
  const auto& items = index.corpus().ingredients.items;
  std::vector<std::string_view> word_forms{word};
  if (word.find(' ') == std::string::npos) {
    for (const auto term : index.same_stem_terms(word)) word_forms.emplace_back(index.terms()[term]);
  }
  bool any = false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (std::any_of(word_forms.begin(), word_forms.end(),
                    [&](std::string_view f) { return item_has_word(items[i], f); })) {
      flags[i] |= bit;
      any = true;
    }
  }
  return any;
}

// The English side of the lexicon entry covering all of entry's words, if any ("pommes de terre" -> potatoes).
std::optional<std::string> french_reading(const std::string& entry) {
  const auto words = tokenize(entry);
  if (words.empty()) return std::nullopt;
  const auto found = FrenchLexicon::embedded().match_at(words, 0);
  if (!found || found->second != words.size()) return std::nullopt;
  return found->first->english;
}

// The flags of every ingredient for a query; fills result.unknown and result.translations.
void flag_pantry(const ExplorerIndex& index, const PantryQuery& query, std::vector<ItemFlags>& flags,
                 PantryResult& result) {
  flags.assign(index.corpus().ingredients.items.size(), 0);
  for (std::size_t e = 0; e < query.have.size() && e < kMaxHave; ++e) {
    const auto& entry = query.have[e];
    const ItemFlags bit = ItemFlags{1} << e;
    if (flag_items(index, entry, bit, flags)) continue;
    const auto english = french_reading(entry);
    if (english && flag_items(index, *english, bit, flags)) {
      result.translations.emplace_back(entry, *english);
      continue;
    }
    result.unknown.push_back(entry);
  }
  for (const auto& staple : query.staples) {
    if (auto item = index.ingredient_of(staple)) flags[*item] |= kStaple;
  }
  for (const auto& word : query.exclude) flag_items(index, word, kExcluded, flags);
}

}  // namespace

PantryResult what_can_i_cook(const ExplorerIndex& index, const PantryQuery& query) {
  PantryResult result;
  const auto& corpus = index.corpus();
  const auto& items = corpus.ingredients.items;
  auto& buf = pantry_scratch();
  auto& flags = buf.flags;
  flag_pantry(index, query, flags, result);
  // Candidates: recipes using at least one thing the reader has (staples alone propose nothing), then
  // visited in doc order (the per-recipe arrays are read sequentially).
  auto& candidate = buf.candidate;
  candidate.assign(index.size(), 0);
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    if ((flags[i] & kHaveMask) == 0) continue;
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
    ItemFlags used = 0;
    std::uint32_t missing = 0;
    for (const auto i : ingredients) {
      used |= flags[i];
      missing += (flags[i] & (kHaveMask | kStaple)) == 0 ? 1 : 0;
    }
    if ((used & kExcluded) != 0) continue;
    const auto uses = static_cast<std::uint32_t>(std::popcount(used & kHaveMask));
    scored.push_back({doc, uses, missing, index.adjusted_rating(doc).value_or(prior)});
  }
  result.total = scored.size();
  const std::size_t end = std::min(scored.size(), query.offset + query.limit);
  if (query.offset >= end) return result;
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(end), scored.end(),
                    [](const Scored& a, const Scored& b) {
                      if (a.uses != b.uses) return a.uses > b.uses;
                      if (a.missing != b.missing) return a.missing < b.missing;
                      return a.rating != b.rating ? a.rating > b.rating : a.doc < b.doc;
                    });
  for (std::size_t i = query.offset; i < end; ++i) {
    const auto doc = scored[i].doc;
    const auto& ingredients = corpus.recipe_ingredients[doc];
    PantryHit hit{doc, 0.0, scored[i].rating, {}, {}};
    ItemFlags used = 0;
    for (const auto item : ingredients) {
      used |= flags[item];
      if ((flags[item] & (kHaveMask | kStaple)) == 0) hit.missing.push_back(items[item]);
    }
    hit.coverage =
        static_cast<double>(ingredients.size() - hit.missing.size()) / static_cast<double>(ingredients.size());
    for (std::size_t e = 0; e < query.have.size() && e < kMaxHave; ++e) {
      if ((used >> e) & 1U) hit.uses.push_back(query.have[e]);
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

std::vector<FrenchCompletion> complete_french_ingredients(const ExplorerIndex& index, const std::string& prefix,
                                                          std::size_t limit) {
  const auto& corpus = index.corpus();
  const auto& items = corpus.ingredients.items;
  std::vector<FrenchCompletion> out;
  std::vector<std::uint32_t> seen_in(index.size(), 0);  // number of the last entry counting the doc
  std::uint32_t stamp = 0;
  for (const auto* entry : FrenchLexicon::embedded().starting_with(prefix)) {
    ++stamp;
    std::uint32_t recipes = 0;
    for (std::uint32_t i = 0; i < items.size(); ++i) {
      if (!item_has_word(items[i], entry->english)) continue;
      for (const auto doc : index.ingredient_docs(i)) {
        recipes += seen_in[doc] != stamp ? 1 : 0;
        seen_in[doc] = stamp;
      }
    }
    if (recipes > 0) out.push_back({entry->french, entry->english, recipes});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.recipes > b.recipes; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace mtm::analysis::explorer
