// "What can I cook": recipes ranked by how many of their ingredients the reader has (plus assumed
// pantry staples), weighed by the adjusted rating, with the missing ingredients listed.
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
  /// ingredient containing it ("chicken" covers "chicken breasts" and "chicken broth").
  std::vector<std::string> have;
  /// Assumed available (exact ingredient names); never enough on their own to propose a recipe.
  std::vector<std::string> staples;
  /// Words no ingredient may contain ("nuts").
  std::vector<std::string> exclude;
  std::optional<std::int64_t> max_minutes;
  std::size_t offset = 0;
  std::size_t limit = 20;
};

struct PantryHit {
  std::uint32_t doc;
  /// Share of the recipe's ingredients covered by what the reader has and the staples.
  double coverage;
  /// coverage * (0.8 + 0.2 * (r - 1) / 4), r = adjusted rating (the prior mean when unrated).
  double score;
  std::vector<std::string> missing;
};

struct PantryResult {
  std::size_t total = 0;
  std::vector<PantryHit> hits;
  /// Entries of "have" that match no ingredient at all.
  std::vector<std::string> unknown;
};

PantryResult what_can_i_cook(const ExplorerIndex& index, const PantryQuery& query);

/// Ingredients (or tags) for autocompletion: items that start with prefix first, then items with a
/// word starting with it, each group by how many recipes use them; at most limit.
std::vector<std::pair<std::string, std::uint32_t>> complete_items(const data::Vocabulary& vocabulary,
                                                                  const std::string& prefix, std::size_t limit);

}  // namespace mtm::analysis::explorer
