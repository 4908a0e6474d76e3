// The recipes as the explorer (search, similar recipes, pantry matching) holds them in memory: one
// row per recipe, ordered by id, with its ingredients and tags as numbers into two vocabularies and
// its rating counts. Read once from the database written by ingest; read-only afterwards.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "data/duckdb.hpp"
#include "data/flat_storage.hpp"

namespace mtm::data {

/// A sorted list of distinct items (ingredients or tags) and how many recipes hold each one.
struct Vocabulary {
  std::vector<std::string> items;
  std::vector<std::uint32_t> recipe_counts;
};

/// A tag's number. Food.com has ~550 distinct tags, so 16 bits halve the largest per-recipe list (4 M
/// entries at full scale); a database with more than 65536 tags fails to load with a message saying so.
using TagNumber = std::uint16_t;

struct RecipeCorpus {
  static constexpr std::int64_t kMissing = std::numeric_limits<std::int64_t>::min();

  // One entry per recipe, position = "doc" number, ordered by id.
  std::vector<std::int64_t> ids;
  PackedStrings names;
  /// Only read while the index is built; released afterwards to save memory.
  PackedStrings descriptions;
  std::vector<std::int64_t> minutes;    // kMissing when NULL
  std::vector<std::int64_t> n_steps;    // kMissing when NULL
  std::vector<double> calories;         // NaN when NULL
  std::vector<double> complexity;       // NaN when NULL
  std::vector<std::int32_t> submitted;  // days since 1970; INT32_MIN when NULL
  std::vector<std::int64_t> contributor_ids;
  /// Per recipe, its sorted distinct item numbers into ingredients.items / tags.items.
  FlatLists<std::uint32_t> recipe_ingredients;
  FlatLists<TagNumber> recipe_tags;
  /// Clean ratings (1-5 with a date): how many and their sum; all interactions (reviews included).
  std::vector<std::uint32_t> rating_counts;
  std::vector<std::uint32_t> rating_sums;
  std::vector<std::uint32_t> interaction_counts;

  Vocabulary ingredients;
  Vocabulary tags;

  [[nodiscard]] std::size_t size() const noexcept { return ids.size(); }
};

/// Read every recipe, its normalised ingredients and tags (recipe_ingredients, recipe_tags) and its
/// rating counts from an ingested database. Two connections read at once: the recipes on one, the item
/// lists and ratings on the other.
RecipeCorpus load_recipe_corpus(const db::Database& database);

}  // namespace mtm::data
