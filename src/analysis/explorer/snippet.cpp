#include "analysis/explorer/snippet.hpp"

#include <span>
#include <string>

namespace mtm::analysis::explorer {

namespace {

// Items of a vocabulary by number, as one line: "a, b, c".
template <typename Number>
std::string item_line(const std::vector<std::string>& items, std::span<const Number> numbers) {
  std::string line;
  for (const auto number : numbers) {
    if (!line.empty()) line += ", ";
    line += items[number];
  }
  return line;
}

}  // namespace

RecipeSnippet recipe_snippet(const ExplorerIndex& index, std::uint32_t doc, const std::vector<WordMatch>& words) {
  const auto& corpus = index.corpus();
  Snippet ingredients = snippet_of(item_line(corpus.ingredients.items, corpus.recipe_ingredients[doc]), words);
  if (!ingredients.ranges.empty() || words.empty()) return {std::move(ingredients), SnippetSource::Ingredients};
  Snippet tags = snippet_of(item_line(corpus.tags.items, corpus.recipe_tags[doc]), words);
  if (!tags.ranges.empty()) return {std::move(tags), SnippetSource::Tags};
  return {std::move(ingredients), SnippetSource::Ingredients};
}

}  // namespace mtm::analysis::explorer
