// Builds small in-memory databases with the documented schema (docs/data-model.md) from a handful of
// hand-written rows, so each analysis can be checked against values computed by hand.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/duckdb.hpp"

namespace mtm::test {

/// One recipe; only the fields a test cares about need setting. The one definition for every test helper
/// (create_small_db here, AnalysisDb in tests/unit/analysis): a suite links into one executable.
struct RecipeRow {
  std::int64_t id = 0;
  std::string submitted = "2010-01-04";  ///< YYYY-MM-DD; the default is a Monday in winter
  std::int64_t minutes = 30;
  int n_steps = 5;
  int n_ingredients = 5;
  double calories = 300;
  std::vector<std::string> ingredients = {};
  std::vector<std::string> tags = {};
  bool is_clean = true;
  // Percent daily values (create_small_db writes its own constants; AnalysisDb writes these).
  double total_fat_pdv = 10, sugar_pdv = 10, sodium_pdv = 10, protein_pdv = 10, saturated_fat_pdv = 10,
         carbohydrates_pdv = 10;
};

struct InteractionRow {
  std::int64_t user_id;
  std::int64_t recipe_id;
  std::string date;
  int rating;
};

/// Create recipes, recipe_ingredients, recipe_tags, interactions and dataset_info in `database` with
/// derived columns (year, month, season, weekday, is_weekend, complexity) computed as ingest does.
void create_small_db(db::Database& database, const std::vector<RecipeRow>& recipes,
                     const std::vector<InteractionRow>& interactions = {});

}  // namespace mtm::test
