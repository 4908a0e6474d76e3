// Recipes similar to a recipe: cosine similarity of ingredient and tag vectors weighted by inverse
// recipe frequency (weights in explorer_index.hpp, Similarity), so sharing "saffron" counts far more
// than sharing "salt".
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"

namespace mtm::analysis::explorer {

struct SimilarRecipe {
  std::uint32_t doc;
  double similarity;  ///< cosine, in [0, 1]
};

/// The k recipes most similar to doc (itself excluded), highest similarity first, ties by id.
std::vector<SimilarRecipe> similar_recipes(const ExplorerIndex& index, std::uint32_t doc, std::size_t k = 10);

}  // namespace mtm::analysis::explorer
