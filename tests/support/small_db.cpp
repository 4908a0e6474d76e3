#include "support/small_db.hpp"

#include "data/duckdb.hpp"
#include "support/recipe_db.hpp"

namespace mtm::test {

void make_small_api_db(const std::filesystem::path& path) {
  db::Database database(path.string());
  // Two recipes per season, spread over weekdays and weekends and over 2000-2003.
  const std::vector<RecipeRow> recipes = {
      {1, "2000-01-03", 10, 3, 4, 250, {"salt", "flour"}, {"easy"}},
      {2, "2000-04-08", 45, 8, 9, 520, {"salt", "eggs"}, {"dessert"}},
      {3, "2001-07-04", 20, 4, 6, 310, {"tomato"}, {"summer"}},
      {4, "2001-10-13", 90, 12, 11, 700, {"pumpkin", "salt"}, {"autumn"}},
      {5, "2002-12-24", 60, 9, 10, 640, {"flour", "butter"}, {"christmas"}},
      {6, "2002-05-20", 15, 3, 5, 200, {"lettuce"}, {"salad"}},
      {7, "2003-08-16", 30, 5, 7, 410, {"tomato", "basil"}, {"summer"}},
      {8, "2003-11-05", 120, 14, 12, 820, {"beef", "salt"}, {"stew"}, false},
  };
  const std::vector<InteractionRow> interactions = {
      {1, 1, "2005-01-03", 5}, {2, 1, "2005-01-08", 5}, {1, 2, "2006-07-04", 4},
      {3, 3, "2007-10-10", 3}, {2, 4, "2008-04-05", 0}, {4, 5, "2009-12-25", 5},
  };
  create_small_db(database, recipes, interactions);
  auto con = database.connect();
  con.execute(
      "UPDATE dataset_info SET source = 'synthetic demo, seed 7, scale 0.001', is_synthetic = true, "
      "generator_seed = 7, generator_scale = 0.001");
  con.execute(
      "CREATE TABLE ingest_report(table_name VARCHAR, rule VARCHAR, parameters VARCHAR, rows_in BIGINT, "
      "rows_rejected BIGINT, rows_out BIGINT, ord INTEGER)");
  con.execute(
      "INSERT INTO ingest_report VALUES ('recipes', 'read RAW_recipes.csv', '{}', 9, 1, 8, 1), "
      "('recipes', 'minutes in range', '{\"min\": 1, \"max\": 180}', 8, 1, 7, 2), "
      "('interactions', 'rating 1-5 with a date', '{\"min\": 1, \"max\": 5}', 6, 1, 5, 3)");
}

}  // namespace mtm::test
