#include "analysis/explorer/similar.hpp"

#include <algorithm>

namespace mtm::analysis::explorer {

std::vector<SimilarRecipe> similar_recipes(const ExplorerIndex& index, std::uint32_t doc, std::size_t k) {
  const auto& c = index.corpus();
  std::vector<double> dot(index.size(), 0.0);
  std::vector<std::uint32_t> touched;
  const auto accumulate = [&](const std::vector<std::uint32_t>& docs, double w) {
    if (w == 0.0) return;
    for (const auto other : docs) {
      if (dot[other] == 0.0) touched.push_back(other);
      dot[other] += w * w;
    }
  };
  for (const auto i : c.recipe_ingredients[doc]) accumulate(index.ingredient_docs(i), index.ingredient_weight(i));
  for (const auto t : c.recipe_tags[doc]) accumulate(index.tag_docs(t), index.tag_weight(t));
  std::vector<SimilarRecipe> out;
  const double own = index.similarity_norm(doc);
  if (own == 0.0) return out;
  out.reserve(touched.size());
  for (const auto other : touched) {
    if (other != doc) out.push_back({other, dot[other] / (own * index.similarity_norm(other))});
  }
  const std::size_t keep = std::min(k, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    [](const SimilarRecipe& a, const SimilarRecipe& b) {
                      return a.similarity != b.similarity ? a.similarity > b.similarity : a.doc < b.doc;
                    });
  out.resize(keep);
  return out;
}

}  // namespace mtm::analysis::explorer
