// One synthetic recipe and its reviews: the structured core (minutes, steps, ingredients, tags, nutrition,
// name) drawn from the calibrated distributions, and the CSV rows with their free text. Every function draws
// from its own per-recipe random stream, so results do not depend on order or threads; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "data/generator/rng.hpp"
#include "data/generator/vocabulary.hpp"

namespace mtm::data::gen {

/// The structured part of a recipe, decided before the files are written (names set the file order).
struct RecipeCore {
  std::string name;
  std::int64_t minutes = 0;
  std::int32_t n_steps = 0;
  Dish dish = Dish::Main;
  bool empty_description = false;
  std::array<std::int64_t, 7> nutrition{};  // in tenths: calories, then the six %DV
  std::vector<std::uint32_t> ingredients;   // indices into vocabulary().ingredients
  std::vector<std::uint16_t> tags;          // indices into vocabulary().tags
};

/// Draw recipe `index` (submitted on day `submitted`) for this seed.
RecipeCore make_recipe_core(std::uint64_t seed, std::size_t index, std::int32_t submitted);

/// Plant the real data's named outliers (2147483647 and 1,051,200 minutes, the 0-step recipe, the empty
/// name) on the recipes submitted closest to their real dates.
void apply_special_recipes(std::vector<RecipeCore>& cores, const std::vector<std::int32_t>& submitted);

/// Append one RAW_recipes.csv record (CRLF-terminated); scratch is a reusable buffer.
void append_recipe_row(std::string& out, std::string& scratch, std::uint64_t seed, std::size_t index,
                       const RecipeCore& core, std::int64_t id, std::int64_t contributor, std::int32_t submitted);

/// Append one RAW_interactions.csv record (CRLF-terminated), drawing rating and review from rng.
void append_interaction_row(std::string& out, Rng& rng, std::int64_t user, std::int64_t recipe_id, std::int32_t date);

}  // namespace mtm::data::gen
