// Frozen word lists taken from real Food.com rows: every ingredient and tag string seen in the 1,100
// fixture recipes, with how many of those recipes hold it. Immutable; safe to share between threads.
#pragma once

#include <vector>

namespace mtm::data::gen {

/// One real item string and the number of the 1,100 sampled recipes that contain it.
struct SeedItem {
  const char* name;
  int count;
};

/// Number of recipes the seed counts were taken from.
inline constexpr int kSeedRecipes = 1100;

/// Every distinct ingredient string of the sampled recipes, most frequent first.
const std::vector<SeedItem>& real_ingredient_seeds();
/// Every distinct tag string of the sampled recipes, most frequent first (may include "").
const std::vector<SeedItem>& real_tag_seeds();

}  // namespace mtm::data::gen
