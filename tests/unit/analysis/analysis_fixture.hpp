// A small in-memory database with the contract tables (recipes, recipe_ingredients, recipe_tags,
// interactions, dataset_info), filled row by row so that analysis tests can compute expected values by
// hand. Derived columns (year, month, season, weekday, is_weekend, complexity, item tables) are computed
// by finish() with the same definitions as the ingest. One instance per test; not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "data/duckdb.hpp"
#include "support/recipe_db.hpp"

namespace mtm::test {

class AnalysisDb {
 public:
  AnalysisDb() : database_(""), connection_(database_.connect()) {
    connection_.execute(
        "CREATE TABLE recipes (id BIGINT PRIMARY KEY, name VARCHAR, minutes BIGINT, contributor_id BIGINT, "
        "submitted DATE, n_steps INTEGER, n_ingredients INTEGER, description VARCHAR, calories DOUBLE, "
        "total_fat_pdv DOUBLE, sugar_pdv DOUBLE, sodium_pdv DOUBLE, protein_pdv DOUBLE, saturated_fat_pdv DOUBLE, "
        "carbohydrates_pdv DOUBLE, steps VARCHAR[], tags VARCHAR[], ingredients VARCHAR[], year INTEGER, "
        "month INTEGER, season VARCHAR, weekday INTEGER, is_weekend BOOLEAN, complexity DOUBLE, is_clean BOOLEAN)");
    connection_.execute("CREATE TABLE recipe_ingredients (recipe_id BIGINT, ingredient VARCHAR)");
    connection_.execute("CREATE TABLE recipe_tags (recipe_id BIGINT, tag VARCHAR)");
    connection_.execute(
        "CREATE TABLE interactions (user_id BIGINT, recipe_id BIGINT, date DATE, rating INTEGER, review VARCHAR, "
        "year INTEGER, month INTEGER, season VARCHAR, weekday INTEGER, is_weekend BOOLEAN, is_clean BOOLEAN)");
  }

  db::Connection& connection() { return connection_; }

  /// Insert a recipe (derived columns are filled by finish()).
  void add_recipe(const RecipeRow& r) {
    db::PreparedStatement s(
        connection_,
        "INSERT INTO recipes (id, name, minutes, contributor_id, submitted, n_steps, n_ingredients, "
        "calories, total_fat_pdv, sugar_pdv, sodium_pdv, protein_pdv, saturated_fat_pdv, "
        "carbohydrates_pdv, tags, ingredients, is_clean) VALUES (?, 'r', ?, 1, CAST(? AS DATE), ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), ?)");
    s.bind(1, r.id)
        .bind(2, r.minutes)
        .bind(3, r.submitted)
        .bind(4, r.n_steps)
        .bind(5, r.n_ingredients)
        .bind(6, r.calories)
        .bind(7, r.total_fat_pdv)
        .bind(8, r.sugar_pdv)
        .bind(9, r.sodium_pdv)
        .bind(10, r.protein_pdv)
        .bind(11, r.saturated_fat_pdv)
        .bind(12, r.carbohydrates_pdv)
        .bind(13, r.tags)
        .bind(14, r.ingredients)
        .bind(15, r.is_clean);
    s.execute();
  }

  /// Insert one rating (rating 0 = review without stars; is_clean follows the contract unless forced).
  void add_rating(const std::string& date, int rating, std::int64_t user_id = 1, std::int64_t recipe_id = 1) {
    db::PreparedStatement s(connection_,
                            "INSERT INTO interactions (user_id, recipe_id, date, rating, review) VALUES (?, ?, "
                            "CAST(? AS DATE), ?, '')");
    s.bind(1, user_id).bind(2, recipe_id).bind(3, date).bind(4, rating);
    s.execute();
  }

  /// Insert `count` identical ratings.
  void add_ratings(const std::string& date, int rating, int count) {
    for (int i = 0; i < count; ++i) add_rating(date, rating, i + 1, 1);
  }

  /// Compute the derived columns and the item tables (call once, after the inserts).
  void finish() {
    const std::string calendar =
        "year = year({0}), month = month({0}), season = CASE WHEN month({0}) IN (12, 1, 2) THEN 'winter' WHEN "
        "month({0}) IN (3, 4, 5) THEN 'spring' WHEN month({0}) IN (6, 7, 8) THEN 'summer' ELSE 'autumn' END, "
        "weekday = isodow({0}), is_weekend = isodow({0}) >= 6";
    auto with = [&](const std::string& column) {
      std::string out = calendar;
      for (std::size_t p = out.find("{0}"); p != std::string::npos; p = out.find("{0}")) out.replace(p, 3, column);
      return out;
    };
    connection_.execute("UPDATE recipes SET " + with("submitted") +
                        ", complexity = ln(1 + minutes) + n_steps + 0.5 * n_ingredients");
    connection_.execute("UPDATE interactions SET " + with("date") +
                        ", is_clean = rating BETWEEN 1 AND 5 AND date IS NOT NULL");
    connection_.execute("INSERT INTO recipe_ingredients SELECT DISTINCT id, unnest(ingredients) FROM recipes");
    connection_.execute("INSERT INTO recipe_tags SELECT DISTINCT id, unnest(tags) FROM recipes");
  }

 private:
  db::Database database_;
  db::Connection connection_;
};

/// "2010-01-04" + days, as text (2010-01-04 is a Monday).
inline std::string day_after_monday(int days) {
  auto base = db::parse_date("2010-01-04");
  return db::format_date({base->days + days});
}

/// Shape checks every analysis result must pass: charts with ≥ 1 trace holding data, as many EN as FR
/// sentences, and only finite numbers (NaN/inf become null).
inline void expect_valid_shape(const nlohmann::json& result) {
  ASSERT_TRUE(result.contains("charts"));
  for (const auto& chart : result["charts"]) {
    ASSERT_FALSE(chart["traces"].empty()) << chart["id"];
    bool has_data = false;
    for (const auto& trace : chart["traces"]) {
      for (const char* key : {"y", "x", "r", "q1"}) {
        if (trace.contains(key) && trace[key].is_array() && !trace[key].empty()) has_data = true;
      }
    }
    EXPECT_TRUE(has_data) << chart["id"];
    EXPECT_TRUE(chart["data"].contains("columns")) << chart["id"];
    EXPECT_TRUE(chart["data"].contains("rows")) << chart["id"];
    const auto& layout = chart["layout"];
    for (const char* ax : {"xaxis", "yaxis"}) {
      if (layout.contains(ax)) {
        EXPECT_FALSE(layout[ax].contains("range")) << chart["id"] << " has a fixed range";
      }
    }
  }
  // A localized result: one sentence list, each with its text.
  ASSERT_TRUE(result["narrative"].is_array());
  EXPECT_FALSE(result["narrative"].empty());
  for (const auto& sentence : result["narrative"]) EXPECT_FALSE(sentence.value("text", "").empty()) << sentence;
  // Every number anywhere is finite (nlohmann stores NaN as a float; number() turns it into null).
  std::vector<const nlohmann::json*> stack = {&result};
  while (!stack.empty()) {
    const nlohmann::json* node = stack.back();
    stack.pop_back();
    if (node->is_number_float()) {
      EXPECT_TRUE(std::isfinite(node->get<double>()));
    }
    if (node->is_structured()) {
      for (const auto& child : *node) stack.push_back(&child);
    }
  }
}

/// The object in result[section] whose "id" is id (fails the test when absent).
inline const nlohmann::json& by_id(const nlohmann::json& result, const std::string& section, const std::string& id) {
  for (const auto& item : result.at(section)) {
    if (item.at("id") == id) return item;
  }
  ADD_FAILURE() << "no " << section << " entry '" << id << "'";
  static const nlohmann::json kNull;
  return kNull;
}

}  // namespace mtm::test
