#include "data/explorer_corpus.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mtm::data {

namespace {

// Doc numbers and item numbers are assigned in SQL (row_number over the sorted ids / items), so the
// joins that turn 2 + 4 million (recipe, item) rows into numbers run inside DuckDB, in parallel.
constexpr const char* kDocs = "SELECT id, (row_number() OVER (ORDER BY id) - 1)::BIGINT AS doc FROM recipes";

void load_items(db::Connection& connection, const std::string& table, const std::string& column, Vocabulary& vocabulary,
                std::vector<std::vector<std::uint32_t>>& per_recipe) {
  // table and column are fixed identifiers chosen by this file, never user input.
  auto vocab = connection.query(fmt::format(
      "SELECT {1}, count(DISTINCT recipe_id) FROM {0} WHERE {1} IS NOT NULL GROUP BY {1} ORDER BY {1}", table, column));
  while (auto chunk = vocab.next_chunk()) {
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      vocabulary.items.emplace_back(chunk->get_string(0, row));
      vocabulary.recipe_counts.push_back(static_cast<std::uint32_t>(chunk->get_int64(1, row)));
    }
  }
  auto pairs = connection.query(fmt::format(
      "WITH d AS ({2}), v AS (SELECT {1}, (row_number() OVER (ORDER BY {1}) - 1)::BIGINT AS item FROM (SELECT "
      "DISTINCT {1} FROM {0} WHERE {1} IS NOT NULL)) SELECT DISTINCT d.doc, v.item FROM {0} t JOIN d ON "
      "t.recipe_id = d.id JOIN v ON t.{1} = v.{1}",
      table, column, kDocs));
  while (auto chunk = pairs.next_chunk()) {
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      const auto doc = static_cast<std::size_t>(chunk->get_int64(0, row));
      per_recipe[doc].push_back(static_cast<std::uint32_t>(chunk->get_int64(1, row)));
    }
  }
  for (auto& items : per_recipe) std::sort(items.begin(), items.end());
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
  load_items(connection, "recipe_ingredients", "ingredient", corpus.ingredients, corpus.recipe_ingredients);
  load_items(connection, "recipe_tags", "tag", corpus.tags, corpus.recipe_tags);

  auto ratings = connection.query(std::string("WITH d AS (") + kDocs +
                                  ") SELECT d.doc, count(*) FILTER (WHERE i.is_clean), coalesce(sum(i.rating) FILTER "
                                  "(WHERE i.is_clean), 0)::BIGINT, count(*) FROM interactions i JOIN d ON i.recipe_id "
                                  "= d.id GROUP BY d.doc");
  while (auto chunk = ratings.next_chunk()) {
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      const auto doc = static_cast<std::size_t>(chunk->get_int64(0, row));
      corpus.rating_counts[doc] = static_cast<std::uint32_t>(chunk->get_int64(1, row));
      corpus.rating_sums[doc] = static_cast<std::uint32_t>(chunk->get_int64(2, row));
      corpus.interaction_counts[doc] = static_cast<std::uint32_t>(chunk->get_int64(3, row));
    }
  }
  return corpus;
}

}  // namespace mtm::data
