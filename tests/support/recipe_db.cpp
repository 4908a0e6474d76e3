#include "support/recipe_db.hpp"

namespace mtm::test {

void create_small_db(db::Database& database, const std::vector<RecipeRow>& recipes,
                     const std::vector<InteractionRow>& interactions) {
  auto con = database.connect();
  con.execute(
      "CREATE TABLE raw_recipes(id BIGINT, submitted DATE, minutes BIGINT, n_steps INTEGER, n_ingredients INTEGER, "
      "calories DOUBLE, ingredients VARCHAR[], tags VARCHAR[], is_clean BOOLEAN)");
  {
    db::Appender app(con, "raw_recipes");
    for (const auto& r : recipes) {
      app.append(r.id).append(*db::parse_date(r.submitted)).append(r.minutes).append(std::int32_t{r.n_steps});
      app.append(std::int32_t{r.n_ingredients}).append(r.calories).append(r.ingredients).append(r.tags);
      app.append(r.is_clean).end_row();
    }
    app.close();
  }
  const std::string calendar =
      "year(d)::INTEGER AS year, month(d)::INTEGER AS month, CASE WHEN month(d) IN (12, 1, 2) THEN 'winter' WHEN "
      "month(d) IN (3, 4, 5) THEN 'spring' WHEN month(d) IN (6, 7, 8) THEN 'summer' ELSE 'autumn' END AS season, "
      "isodow(d)::INTEGER AS weekday, isodow(d) >= 6 AS is_weekend";
  con.execute(
      "CREATE TABLE recipes AS SELECT id, 'recipe ' || id AS name, minutes, 1::BIGINT AS contributor_id, "
      "submitted, n_steps, n_ingredients, '' AS description, calories, 10.0 AS total_fat_pdv, 20.0 AS sugar_pdv, "
      "30.0 AS sodium_pdv, 40.0 AS protein_pdv, 50.0 AS saturated_fat_pdv, 60.0 AS carbohydrates_pdv, "
      "[]::VARCHAR[] AS steps, tags, ingredients, " +
      calendar +
      ", ln(1 + minutes) + n_steps + 0.5 * n_ingredients AS complexity, is_clean FROM (SELECT *, "
      "submitted AS d FROM raw_recipes)");
  con.execute(
      "CREATE TABLE recipe_ingredients AS SELECT DISTINCT id AS recipe_id, unnest(ingredients) AS ingredient FROM "
      "raw_recipes");
  con.execute("CREATE TABLE recipe_tags AS SELECT DISTINCT id AS recipe_id, unnest(tags) AS tag FROM raw_recipes");
  con.execute("CREATE TABLE raw_interactions(user_id BIGINT, recipe_id BIGINT, date DATE, rating INTEGER)");
  {
    db::Appender app(con, "raw_interactions");
    for (const auto& i : interactions) {
      app.append(i.user_id).append(i.recipe_id).append(*db::parse_date(i.date)).append(std::int32_t{i.rating});
      app.end_row();
    }
    app.close();
  }
  con.execute("CREATE TABLE interactions AS SELECT user_id, recipe_id, date, rating, '' AS review, " + calendar +
              ", rating BETWEEN 1 AND 5 AND date IS NOT NULL AS is_clean FROM (SELECT *, date AS d FROM "
              "raw_interactions)");
  con.execute(
      "CREATE TABLE dataset_info AS SELECT 'test' AS source, false AS is_synthetic, NULL::BIGINT AS generator_seed, "
      "NULL::DOUBLE AS generator_scale, (SELECT count(*) FROM recipes) AS recipes_rows, (SELECT count(*) FROM "
      "recipes WHERE is_clean) AS clean_recipes_rows, (SELECT count(*) FROM interactions) AS interactions_rows, "
      "(SELECT count(*) FROM interactions WHERE is_clean) AS clean_interactions_rows, (SELECT count(DISTINCT "
      "user_id) FROM interactions) AS users, 1::BIGINT AS contributors, (SELECT min(submitted) FROM recipes) AS "
      "submitted_min, (SELECT max(submitted) FROM recipes) AS submitted_max, (SELECT min(date) FROM interactions) "
      "AS interactions_date_min, (SELECT max(date) FROM interactions) AS interactions_date_max, now()::TIMESTAMP AS "
      "ingested_at, 'test' AS tool_version");
}

}  // namespace mtm::test
