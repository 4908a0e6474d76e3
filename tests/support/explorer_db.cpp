#include "support/explorer_db.hpp"

#include <tuple>

#include "support/recipe_db.hpp"

namespace mtm::test {

void create_explorer_db(db::Database& database) {
  const std::vector<RecipeRow> recipes = {
      {1, "2005-03-10", 45, 8, 3, 520, {"chicken", "curry powder", "onion"}, {"main-dish", "indian"}},
      {2, "2008-11-02", 30, 5, 3, 180, {"chicken", "water", "carrot"}, {"soups", "easy"}},
      {3, "2010-06-15", 10, 3, 3, 250, {"chickpeas", "olive oil", "salt"}, {"salads", "easy", "vegetarian"}},
      {4, "2003-01-20", 60, 9, 4, 450, {"walnuts", "chocolate", "sugar", "butter"}, {"desserts"}},
      {5, "2012-09-09", 5, 1, 3, 400, {"mixed nuts", "raisins", "chocolate"}, {"snacks", "easy"}},
      {6, "2015-02-14", 40, 6, 4, 150, {"curry powder", "carrot", "water", "salt"}, {"soups", "vegetarian"}},
  };
  const std::vector<InteractionRow> interactions = {
      {100, 1, "2006-01-01", 5}, {101, 1, "2007-01-01", 4}, {102, 1, "2007-06-01", 5}, {100, 2, "2009-01-01", 3},
      {103, 2, "2010-01-01", 0}, {101, 3, "2011-01-01", 5}, {100, 4, "2004-01-01", 2}, {101, 4, "2005-01-01", 3},
      {102, 4, "2006-01-01", 4}, {103, 4, "2007-01-01", 1}, {102, 6, "2016-01-01", 5},
  };
  create_small_db(database, recipes, interactions);
  auto con = database.connect();
  const std::vector<std::tuple<std::int64_t, const char*, const char*, std::int64_t>> texts = {
      {1, "Chicken  Curry", "A spicy chicken dish", 10},
      {2, "Chicken Soup", "Warm soup for cold days", 10},
      {3, "Chickpea Salad", "Fresh and easy", 20},
      {4, "Walnut Brownies", "Chocolate brownies with walnuts", 20},
      {5, "Trail Mix", nullptr, 30},
      {6, "Curry Soup", "A curry soup, no chicken", 30},
  };
  for (const auto& [id, name, description, contributor] : texts) {
    db::PreparedStatement update(con, "UPDATE recipes SET name = ?, description = ?, contributor_id = ? WHERE id = ?");
    update.bind(1, name);
    if (description != nullptr)
      update.bind(2, description);
    else
      update.bind_null(2);
    update.bind(3, contributor).bind(4, id).execute();
  }
  con.execute("UPDATE recipes SET steps = ['mix ' || name, 'serve'] WHERE true");
  db::PreparedStatement review(con, "UPDATE interactions SET review = ? WHERE user_id = ? AND recipe_id = ?");
  review.bind(1, kEscapedReview).bind(2, std::int64_t{103}).bind(3, std::int64_t{2}).execute();
  db::PreparedStatement raw(con, "UPDATE interactions SET review = ? WHERE user_id = ? AND recipe_id = ?");
  raw.bind(1, kRawScriptReview).bind(2, std::int64_t{100}).bind(3, std::int64_t{2}).execute();
  con.execute(
      "CREATE TABLE ingest_report (table_name VARCHAR, rule VARCHAR, parameters VARCHAR, rows_in BIGINT, "
      "rows_rejected BIGINT, rows_out BIGINT, ord INTEGER)");
}

}  // namespace mtm::test
