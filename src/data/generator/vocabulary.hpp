// The synthetic dataset's vocabularies: ~14,900 ingredient strings and ~510 tags with their calibrated
// share of recipes, seasonal and weekend multipliers and 1999→2018 trends, plus the word lists for names,
// steps, descriptions and reviews. Built once (fixed, seed-independent) and immutable: thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/generator/rng.hpp"

namespace mtm::data::gen {

/// One ingredient or tag with how often recipes carry it.
struct VocabItem {
  std::string name;
  double share = 0;                          // probability that a recipe of the pivot year carries it
  std::array<double, 4> season{1, 1, 1, 1};  // multiplier by season (winter, spring, summer, autumn)
  double delta = 0;                          // share(2018) - share(1999), linear in the year
  double weekend = 1;                        // multiplier for recipes submitted on Saturday/Sunday
  /// Share for a recipe submitted in this year/season/weekend, clamped to [0, 0.995].
  [[nodiscard]] double share_at(int year, int season_index, bool is_weekend) const;
};

/// Kinds of dish, used to pick names, step wording and nutrition.
enum class Dish : std::uint8_t { Main, Dessert, Salad, Soup, Breakfast, Beverage, Appetizer, Side, Bread, Sauce };

struct Vocabulary {
  /// Ingredients: [0, ingredient_head) are drawn independently with their share, the rest by tail weight.
  std::vector<VocabItem> ingredients;
  std::size_t ingredient_head = 0;
  AliasTable ingredient_tail;  // over ingredients[ingredient_head..]
  /// Ingredients a name should not be built around (salt, water, oil...).
  std::vector<bool> ingredient_is_staple;

  /// Tags drawn independently with their share (after the structural ones the generator sets itself).
  std::vector<VocabItem> tags;
  std::uint32_t tag_preparation = 0;
  std::uint32_t tag_time_to_make = 0;
  std::uint32_t tag_empty = 0;
  std::array<std::uint32_t, 6> tag_time_buckets{};  // 15-min, 30-min, 60-min, 4-hours, 1-day-or-more, unused
  std::uint32_t tag_3_steps = 0;
  std::uint32_t tag_5_ingredients = 0;
  std::vector<bool> tag_is_structural;  // set by the generator, never drawn
  std::vector<bool> tag_is_generic;     // category headers (course, dietary...): not scaled per recipe
  /// Tag index for each dish kind (e.g. Dessert → "desserts").
  std::array<std::uint32_t, 10> dish_tag{};

  /// Index of a tag or ingredient by name (throws std::out_of_range when absent).
  [[nodiscard]] std::uint32_t tag_index(std::string_view name) const;
  [[nodiscard]] std::uint32_t ingredient_index(std::string_view name) const;
};

/// The process-wide vocabulary (built on first use).
const Vocabulary& vocabulary();

/// Word lists for free text. Every list is non-empty.
struct WordLists {
  std::array<std::vector<std::string_view>, 10> dish_words;  // by Dish
  std::vector<std::string_view> adjectives;
  std::vector<std::string_view> people;          // "grandma", "mom"...: names get "<person> s"
  std::vector<std::string_view> quoted_phrases;  // lost quotes become the real data's double spaces
  std::vector<std::string_view> suffixes;
  std::vector<std::string_view> step_templates;  // {i} ingredient, {j} other ingredient, {n} number, {t} temperature
  std::vector<std::string_view> description_sentences;
  std::vector<std::string_view> review_positive;
  std::vector<std::string_view> review_neutral;
  std::vector<std::string_view> review_negative;
  std::vector<std::string_view> review_unrated;
  std::vector<std::string_view> review_openers;
  std::vector<std::string_view> review_closers;
};

const WordLists& word_lists();

}  // namespace mtm::data::gen
