#include "analysis/explorer/similar.hpp"

#include <algorithm>

#include "data/flat_storage.hpp"

namespace mtm::analysis::explorer {

std::vector<SimilarRecipe> similar_recipes(const ExplorerIndex& index, std::uint32_t doc, std::size_t k) {
  const auto& c = index.corpus();
  // Buffers kept per thread between calls (dot is zeroed again through touched): fresh megabyte vectors
  // per recipe page would cost a page fault per 4 KiB.
  thread_local std::vector<double> dot;
  thread_local std::vector<std::uint32_t> touched;
  dot.resize(index.size(), 0.0);
  touched.clear();
  const auto accumulate = [&](data::DeltaLists::List docs, double w) {
    if (w == 0.0) return;
    for (const auto other : docs) {
      if (dot[other] == 0.0) touched.push_back(other);
      dot[other] += w * w;
    }
  };
  for (const auto i : c.recipe_ingredients[doc]) accumulate(index.ingredient_docs(i), index.ingredient_weight(i));
  for (const auto t : c.recipe_tags[doc]) accumulate(index.tag_docs(t), index.tag_weight(t));
  thread_local std::vector<SimilarRecipe> scored;
  scored.clear();
  const double own = index.similarity_norm(doc);
  if (own != 0.0) {
    for (const auto other : touched) {
      if (other != doc) scored.push_back({other, dot[other] / (own * index.similarity_norm(other))});
    }
  }
  for (const auto other : touched) dot[other] = 0.0;
  const std::size_t keep = std::min(k, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(),
                    [](const SimilarRecipe& a, const SimilarRecipe& b) {
                      return a.similarity != b.similarity ? a.similarity > b.similarity : a.doc < b.doc;
                    });
  std::vector<SimilarRecipe> out(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep));
  return out;
}

}  // namespace mtm::analysis::explorer
