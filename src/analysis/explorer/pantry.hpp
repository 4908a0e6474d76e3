// "What can I cook": recipes ranked by how many of the reader's ingredients they use, then by how few
// ingredients are missing (the reader's and the assumed staples count as present), then by adjusted
// rating; each with the reader's ingredients it uses and those missing. French names are read through
// the search lexicon ("poulet" is chicken).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"

namespace mtm::analysis::explorer {

/// Staples assumed when the reader does not say otherwise (exact ingredient names).
const std::vector<std::string>& default_staples();

struct PantryQuery {
  /// What the reader has: an exact ingredient ("chicken breasts") or one word that covers every
  /// ingredient containing it ("chicken" covers "chicken breasts" and "chicken broth"); an entry no
  /// ingredient holds is read as French when the lexicon has it ("poulet" -> "chicken"). At most kMaxHave.
  std::vector<std::string> have;
  /// Assumed available (exact ingredient names); never enough on their own to propose a recipe.
  std::vector<std::string> staples;
  /// Words no ingredient may contain ("nuts").
  std::vector<std::string> exclude;
  std::optional<std::int64_t> max_minutes;
  std::size_t offset = 0;
  std::size_t limit = 20;
};

/// Most entries of PantryQuery::have considered (the API accepts 20).
inline constexpr std::size_t kMaxHave = 48;

struct PantryHit {
  std::uint32_t doc;
  /// Share of the recipe's ingredients covered by what the reader has and the staples.
  double coverage;
  /// The adjusted rating used as the last ranking key (the prior mean when the recipe is unrated).
  double rating;
  /// Entries of PantryQuery::have the recipe uses, in the reader's order (never empty).
  std::vector<std::string> uses;
  /// The recipe's ingredients neither the reader has nor among the staples.
  std::vector<std::string> missing;
};

struct PantryResult {
  std::size_t total = 0;
  std::vector<PantryHit> hits;
  /// Entries of "have" that match no ingredient at all (not even through the French lexicon).
  std::vector<std::string> unknown;
  /// Entries of "have" read as French: (entry, English words searched).
  std::vector<std::pair<std::string, std::string>> translations;
};

PantryResult what_can_i_cook(const ExplorerIndex& index, const PantryQuery& query);

/// Ingredients (or tags) for autocompletion: items that start with prefix first, then items with a
/// word starting with it, each group by how many recipes use them; at most limit.
std::vector<std::pair<std::string, std::uint32_t>> complete_items(const data::Vocabulary& vocabulary,
                                                                  const std::string& prefix, std::size_t limit);

/// French names for autocompletion: lexicon entries whose French side (or one of its words) starts with
/// prefix and whose English side some ingredient holds, as (French name, English word, recipes holding
/// it), most used first; at most limit.
struct FrenchCompletion {
  std::string french;
  std::string english;
  std::uint32_t recipes;
};
std::vector<FrenchCompletion> complete_french_ingredients(const ExplorerIndex& index, const std::string& prefix,
                                                          std::size_t limit);

}  // namespace mtm::analysis::explorer
