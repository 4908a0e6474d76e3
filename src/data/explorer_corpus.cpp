#include "data/explorer_corpus.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mtm::data {

namespace {

// Doc number of a recipe id (ids are sorted); -1 for an id that is not a recipe (an orphan row).
std::int64_t doc_of(const std::vector<std::int64_t>& ids, std::int64_t id) {
  const auto it = std::lower_bound(ids.begin(), ids.end(), id);
  return it == ids.end() || *it != id ? -1 : it - ids.begin();
}

void load_items(db::Connection& connection, const std::string& table, const std::string& column,
                const std::vector<std::int64_t>& ids, Vocabulary& vocabulary,
                std::vector<std::vector<std::uint32_t>>& per_recipe) {
  // table and column are fixed identifiers chosen by this file, never user input. The tables hold one row
  // per recipe and distinct item (docs/data-model.md); items are numbered by a join against the small
  // numbered vocabulary inside DuckDB, recipe ids are turned into docs here.
  auto vocab = connection.query(
      fmt::format("SELECT {1}, count(*) FROM {0} WHERE {1} IS NOT NULL GROUP BY {1} ORDER BY {1}", table, column));
  while (auto chunk = vocab.next_chunk()) {
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      vocabulary.items.emplace_back(chunk->get_string(0, row));
      vocabulary.recipe_counts.push_back(static_cast<std::uint32_t>(chunk->get_int64(1, row)));
    }
  }
  auto pairs = connection.query(
      fmt::format("SELECT t.recipe_id, v.item FROM {0} t JOIN (SELECT {1}, (row_number() OVER (ORDER BY {1}) - "
                  "1)::BIGINT AS item FROM (SELECT DISTINCT {1} FROM {0} WHERE {1} IS NOT NULL)) v ON t.{1} = v.{1}",
                  table, column));
  while (auto chunk = pairs.next_chunk()) {
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      const auto doc = doc_of(ids, chunk->get_int64(0, row));
      if (doc >= 0)
        per_recipe[static_cast<std::size_t>(doc)].push_back(static_cast<std::uint32_t>(chunk->get_int64(1, row)));
    }
  }
  for (auto& items : per_recipe) {
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
  }
}

}  // namespace

RecipeCorpus load_recipe_corpus(db::Connection& connection) {
  RecipeCorpus corpus;
  auto recipes = connection.query(
      "SELECT id, name, description, minutes, n_steps, calories, complexity, submitted, contributor_id FROM recipes "
      "ORDER BY id");
  const double nan = std::nan("");
  while (auto chunk = recipes.next_chunk()) {
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      corpus.ids.push_back(chunk->get_int64(0, row));
      corpus.names.emplace_back(chunk->is_null(1, row) ? std::string_view() : chunk->get_string(1, row));
      corpus.descriptions.emplace_back(chunk->is_null(2, row) ? std::string_view() : chunk->get_string(2, row));
      corpus.minutes.push_back(chunk->is_null(3, row) ? RecipeCorpus::kMissing : chunk->get_int64(3, row));
      corpus.n_steps.push_back(chunk->is_null(4, row) ? RecipeCorpus::kMissing : chunk->get_int64(4, row));
      corpus.calories.push_back(chunk->is_null(5, row) ? nan : chunk->get_double(5, row));
      corpus.complexity.push_back(chunk->is_null(6, row) ? nan : chunk->get_double(6, row));
      corpus.submitted.push_back(chunk->is_null(7, row) ? std::numeric_limits<std::int32_t>::min()
                                                        : static_cast<std::int32_t>(chunk->get_int64(7, row)));
      corpus.contributor_ids.push_back(chunk->is_null(8, row) ? RecipeCorpus::kMissing : chunk->get_int64(8, row));
    }
  }
  const std::size_t n = corpus.size();
  corpus.recipe_ingredients.resize(n);
  corpus.recipe_tags.resize(n);
  corpus.rating_counts.assign(n, 0);
  corpus.rating_sums.assign(n, 0);
  corpus.interaction_counts.assign(n, 0);
  load_items(connection, "recipe_ingredients", "ingredient", corpus.ids, corpus.ingredients, corpus.recipe_ingredients);
  load_items(connection, "recipe_tags", "tag", corpus.ids, corpus.tags, corpus.recipe_tags);

  auto ratings = connection.query(
      "SELECT recipe_id, count(*) FILTER (WHERE is_clean), coalesce(sum(rating) FILTER (WHERE is_clean), 0)::BIGINT, "
      "count(*) FROM interactions GROUP BY recipe_id");
  while (auto chunk = ratings.next_chunk()) {
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      if (chunk->is_null(0, row)) continue;
      const auto found = doc_of(corpus.ids, chunk->get_int64(0, row));
      if (found < 0) continue;
      const auto doc = static_cast<std::size_t>(found);
      corpus.rating_counts[doc] = static_cast<std::uint32_t>(chunk->get_int64(1, row));
      corpus.rating_sums[doc] = static_cast<std::uint32_t>(chunk->get_int64(2, row));
      corpus.interaction_counts[doc] = static_cast<std::uint32_t>(chunk->get_int64(3, row));
    }
  }
  return corpus;
}

}  // namespace mtm::data
