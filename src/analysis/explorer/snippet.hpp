// A search result's snippet: a piece of the recipe's ingredients (else its tags) around the first word the
// query matched, highlighted like its name (highlight.hpp).
//
// Ingredients and tags, not the description: the index holds them in memory, the description it releases
// once built (36.5 MB at full scale, against the server's 300 MB resident target), and reading the page's
// descriptions from the database would add a query of 1-7 ms to every search.
#pragma once

#include <cstdint>
#include <vector>

#include "analysis/explorer/explorer_index.hpp"
#include "analysis/explorer/highlight.hpp"

namespace mtm::analysis::explorer {

enum class SnippetSource { Ingredients, Tags };

struct RecipeSnippet {
  Snippet snippet;
  SnippetSource source = SnippetSource::Ingredients;
};

/// A recipe's snippet: from its ingredients ("a, b, c", in the vocabulary's order) when one of them holds a
/// matched word, else from its tags when one does, else the beginning of its ingredients (no ranges).
RecipeSnippet recipe_snippet(const ExplorerIndex& index, std::uint32_t doc, const std::vector<WordMatch>& words);

}  // namespace mtm::analysis::explorer
