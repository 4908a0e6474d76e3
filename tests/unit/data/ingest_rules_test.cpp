// The cleaning rules, derived columns and bookkeeping of the ingest, on small hand-written CSVs whose
// expected values are worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "data/calendar.hpp"
#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "support/temp_dir.hpp"

namespace mtm::data {
namespace {

namespace fs = std::filesystem;

const char* kRecipeHeader =
    "name,id,minutes,contributor_id,submitted,tags,nutrition,n_steps,steps,description,ingredients,n_ingredients\n";
const char* kInteractionHeader = "user_id,recipe_id,date,rating,review\n";

struct Recipe {
  std::string name = "apple pie";
  std::string id = "1";
  std::string minutes = "30";
  std::string submitted = "2005-09-16";
  std::string tags = "\"['easy', 'dessert']\"";
  std::string nutrition = "\"[100.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]\"";
  std::string n_steps = "3";
  std::string n_ingredients = "4";
  std::string line() const {
    return name + "," + id + "," + minutes + ",10," + submitted + "," + tags + "," + nutrition + "," + n_steps +
           ",\"['a', 'b', 'c']\",nice,\"['apple', 'flour', 'sugar', 'butter']\"," + n_ingredients + "\n";
  }
};

class IngestRules : public ::testing::Test {
 protected:
  IngestSummary ingest(const std::string& recipes, const std::string& interactions = "1,1,2005-10-01,5,good\n") {
    options_.raw_dir.clear();
    options_.recipes = dir_.write("recipes.csv", kRecipeHeader + recipes);
    options_.interactions = dir_.write("interactions.csv", kInteractionHeader + interactions);
    options_.db_path = dir_ / "m.duckdb";
    auto summary = run_ingest(options_);
    database_.emplace(options_.db_path.string(), true);
    con_.emplace(database_->connect());
    return summary;
  }
  db::Value value(const std::string& sql) { return con_->query(sql).scalar(); }
  std::int64_t count(const std::string& sql) { return std::get<std::int64_t>(value(sql)); }
  nlohmann::json parameters(const std::string& table, const std::string& rule) {
    db::PreparedStatement stmt(*con_, "SELECT parameters FROM ingest_report WHERE table_name = $1 AND rule = $2");
    stmt.bind(1, table).bind(2, rule);
    return nlohmann::json::parse(std::get<std::string>(stmt.execute().scalar()));
  }
  std::int64_t rejected(const std::string& table, const std::string& rule) {
    db::PreparedStatement stmt(*con_, "SELECT rows_rejected FROM ingest_report WHERE table_name = $1 AND rule = $2");
    stmt.bind(1, table).bind(2, rule);
    return std::get<std::int64_t>(stmt.execute().scalar());
  }

  test::TempDir dir_;
  IngestOptions options_;
  std::optional<db::Database> database_;
  std::optional<db::Connection> con_;
};

TEST_F(IngestRules, DedupeKeepsFirstAndCountsDuplicates) {
  Recipe a;
  Recipe b;
  b.name = "second copy";
  Recipe c;
  c.id = "2";
  options_.max_bad_share = 0.5;  // the two duplicates are dropped rows: half of the file
  const auto summary = ingest(a.line() + b.line() + c.line() + b.line());
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 2);
  EXPECT_EQ(std::get<std::string>(value("SELECT name FROM recipes WHERE id = 1")), "apple pie");
  EXPECT_EQ(rejected("recipes", "dedupe_id"), 2);
  EXPECT_EQ(summary.tables[0].rows_read, 4);
  EXPECT_EQ(summary.tables[0].rows_dropped, 2);
  EXPECT_EQ(summary.tables[0].rows_bad, 2);
  ASSERT_EQ(summary.tables[0].problem_kinds.size(), 1U);
  EXPECT_EQ(summary.tables[0].problem_kinds[0],
            (std::pair<std::string, std::int64_t>{"id: duplicate (the first row is kept)", 2}));
}

TEST_F(IngestRules, MinutesRuleUsesOptionsAndRecordsThem) {
  Recipe zero;
  zero.minutes = "0";
  Recipe big;
  big.id = "2";
  big.minutes = "181";
  Recipe ok;
  ok.id = "3";
  ok.minutes = "180";
  options_.band_low = 0.0;
  options_.band_high = 1.0;
  ingest(zero.line() + big.line() + ok.line());
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 3);  // failing rows are kept
  EXPECT_EQ(count("SELECT count(*) FROM recipes WHERE is_clean"), 1);
  EXPECT_EQ(count("SELECT id FROM recipes WHERE is_clean"), 3);
  EXPECT_EQ(rejected("recipes", "minutes_range"), 2);
  EXPECT_EQ(parameters("recipes", "minutes_range")["min_minutes"], 1);
  EXPECT_EQ(parameters("recipes", "minutes_range")["max_minutes"], 180);
}

TEST_F(IngestRules, CustomMinutesBoundsChangeTheCleanSet) {
  Recipe zero;
  zero.minutes = "0";
  options_.min_minutes = 0;
  options_.max_minutes = 10;
  ingest(zero.line());
  EXPECT_EQ(count("SELECT count(*) FROM recipes WHERE is_clean"), 1);
  EXPECT_EQ(parameters("recipes", "minutes_range")["max_minutes"], 10);
}

TEST_F(IngestRules, BandUsesNearestRankQuantiles) {
  // 40 recipes with n_steps 1..40: rank round(39 * 0.025) = 1 -> 2, rank round(39 * 0.975) = 38 -> 39.
  // So n_steps 1 and 40 fall outside [2, 39]; n_ingredients is 4 everywhere (band [4, 4]).
  std::string rows;
  for (int i = 1; i <= 40; ++i) {
    Recipe r;
    r.id = std::to_string(i);
    r.n_steps = std::to_string(i);
    rows += r.line();
  }
  ingest(rows);
  const auto steps = parameters("recipes", "n_steps_band");
  EXPECT_EQ(steps["lower"], 2);
  EXPECT_EQ(steps["upper"], 39);
  EXPECT_EQ(steps["band_low"], 0.025);
  EXPECT_EQ(parameters("recipes", "n_ingredients_band")["lower"], 4);
  EXPECT_EQ(count("SELECT count(*) FROM recipes WHERE is_clean"), 38);
  EXPECT_EQ(count("SELECT count(*) FROM recipes WHERE NOT is_clean AND n_steps IN (1, 40)"), 2);
}

TEST_F(IngestRules, BandIsComputedAfterTheMinutesFilter) {
  // Two recipes with 500 minutes and n_steps 100 would widen the band if counted; they are not.
  std::string rows;
  for (int i = 1; i <= 10; ++i) {
    Recipe r;
    r.id = std::to_string(i);
    r.n_steps = "5";
    rows += r.line();
  }
  for (int i = 11; i <= 12; ++i) {
    Recipe r;
    r.id = std::to_string(i);
    r.minutes = "500";
    r.n_steps = "100";
    rows += r.line();
  }
  ingest(rows);
  EXPECT_EQ(parameters("recipes", "n_steps_band")["upper"], 5);
}

TEST_F(IngestRules, NullNameSubmittedAndNegativeCaloriesAreNotClean) {
  Recipe no_name;
  no_name.name = "";
  Recipe no_date;
  no_date.id = "2";
  no_date.submitted = "";
  Recipe negative;
  negative.id = "3";
  negative.nutrition = "\"[-1.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]\"";
  Recipe ok;
  ok.id = "4";
  options_.band_low = 0.0;
  options_.band_high = 1.0;
  const auto summary = ingest(no_name.line() + no_date.line() + negative.line() + ok.line());
  EXPECT_EQ(summary.tables[0].row_errors, 0);  // missing values are not parse problems
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 4);
  EXPECT_EQ(count("SELECT id FROM recipes WHERE is_clean"), 4);
  EXPECT_EQ(rejected("recipes", "name_not_null"), 1);
  EXPECT_EQ(rejected("recipes", "submitted_not_null"), 1);
  EXPECT_EQ(rejected("recipes", "calories_non_negative"), 1);
  EXPECT_TRUE(std::get<bool>(value("SELECT name IS NULL FROM recipes WHERE id = 1")));
  EXPECT_TRUE(std::get<bool>(value("SELECT submitted IS NULL AND year IS NULL FROM recipes WHERE id = 2")));
}

TEST_F(IngestRules, DerivedColumnsFollowTheirDefinitions) {
  Recipe r;
  r.submitted = "2008-02-29";
  ingest(r.line());
  // complexity = ln(1 + 30) + 3 + 0.5 * 4 = 8.433987204485145
  EXPECT_NEAR(std::get<double>(value("SELECT complexity FROM recipes")), std::log(31.0) + 5.0, 1e-12);
  EXPECT_EQ(count("SELECT year FROM recipes"), 2008);
  EXPECT_EQ(count("SELECT month FROM recipes"), 2);
  EXPECT_EQ(count("SELECT weekday FROM recipes"), 5);  // a Friday
  EXPECT_FALSE(std::get<bool>(value("SELECT is_weekend FROM recipes")));
  EXPECT_EQ(std::get<std::string>(value("SELECT season FROM recipes")), "winter");
  EXPECT_NEAR(std::get<double>(value("SELECT carbohydrates_pdv FROM recipes")), 6.0, 0.0);
  EXPECT_NEAR(std::get<double>(value("SELECT total_fat_pdv FROM recipes")), 1.0, 0.0);
}

TEST_F(IngestRules, ItemTablesHoldDistinctNormalisedItems) {
  Recipe r;
  r.tags = "\"['Easy ', 'easy', '  Main   Dish', '', 'main dish']\"";
  ingest(r.line());
  auto rows = con_->query("SELECT tag FROM recipe_tags ORDER BY tag").rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(std::get<std::string>(rows[0][0]), "easy");
  EXPECT_EQ(std::get<std::string>(rows[1][0]), "main dish");
  EXPECT_EQ(count("SELECT count(*) FROM recipe_ingredients WHERE recipe_id = 1"), 4);
  // The raw list keeps every item as written.
  EXPECT_EQ(count("SELECT len(tags) FROM recipes"), 5);
}

TEST_F(IngestRules, ItemCellsCountRecipesPerItemAndCalendarCell) {
  // Two recipes on the same Friday (2005-09-16), one the Saturday after, one without a date; the second
  // has no tags at all.
  Recipe a;
  Recipe b;
  b.id = "2";
  b.tags = "\"[]\"";
  Recipe c;
  c.id = "3";
  c.submitted = "2005-09-17";
  c.tags = "\"['easy']\"";
  Recipe d;
  d.id = "4";
  d.submitted = "";
  ingest(a.line() + b.line() + c.line() + d.line());
  auto cells = [&](const std::string& where) {
    return con_
        ->query("SELECT year, month, weekday, is_clean, recipes FROM item_cells WHERE " + where + " ORDER BY weekday")
        .rows();
  };
  // 'easy': recipe 1 (Friday) and recipe 3 (Saturday); recipe 4 has no calendar cell.
  auto easy = cells("kind = 'tag' AND item = 'easy'");
  ASSERT_EQ(easy.size(), 2u);
  EXPECT_EQ(std::get<std::int64_t>(easy[0][0]), 2005);
  EXPECT_EQ(std::get<std::int64_t>(easy[0][1]), 9);
  EXPECT_EQ(std::get<std::int64_t>(easy[0][2]), 5);
  EXPECT_TRUE(std::get<bool>(easy[0][3]));
  EXPECT_EQ(std::get<std::int64_t>(easy[0][4]), 1);
  EXPECT_EQ(std::get<std::int64_t>(easy[1][2]), 6);
  EXPECT_EQ(std::get<std::int64_t>(easy[1][4]), 1);
  // 'apple' is in all three dated recipes: 2 on the Friday, 1 on the Saturday.
  auto apple = cells("kind = 'ingredient' AND item = 'apple'");
  ASSERT_EQ(apple.size(), 2u);
  EXPECT_EQ(std::get<std::int64_t>(apple[0][4]), 2);
  EXPECT_EQ(std::get<std::int64_t>(apple[1][4]), 1);
  // Item NULL: recipes with at least one tag per cell — recipe 2 has none, so the Friday counts 1.
  auto tagged = cells("kind = 'tag' AND item IS NULL");
  ASSERT_EQ(tagged.size(), 2u);
  EXPECT_EQ(std::get<std::int64_t>(tagged[0][4]), 1);
  EXPECT_EQ(std::get<std::int64_t>(tagged[1][4]), 1);
  EXPECT_EQ(count("SELECT CAST(sum(recipes) AS BIGINT) FROM item_cells WHERE kind = 'ingredient' AND item IS NULL"), 3);
}

TEST_F(IngestRules, LargeIdsAndMinutesStayExact) {
  Recipe r;
  r.id = "3000000000";
  r.minutes = "2147483647";
  ingest(r.line(), "2002400000,3000000000,2005-10-01,5,ok\n");
  EXPECT_EQ(count("SELECT id FROM recipes"), 3000000000);
  EXPECT_EQ(count("SELECT minutes FROM recipes"), 2147483647);
  EXPECT_EQ(count("SELECT user_id FROM interactions"), 2002400000);
  EXPECT_NEAR(std::get<double>(value("SELECT complexity FROM recipes")), std::log1p(2147483647.0) + 5.0, 1e-9);
}

TEST_F(IngestRules, InteractionsCleanNeedsRatingAndDate) {
  Recipe r;
  ingest(r.line(), "1,1,2005-10-01,5,good\n2,1,2005-10-02,0,no stars\n3,1,,4,no date\n4,1,2007-06-30,1,\"a, b\"\n");
  EXPECT_EQ(count("SELECT count(*) FROM interactions"), 4);
  EXPECT_EQ(count("SELECT count(*) FROM interactions WHERE is_clean"), 2);
  EXPECT_EQ(rejected("interactions", "rating_range"), 1);
  EXPECT_EQ(rejected("interactions", "date_not_null"), 1);
  EXPECT_EQ(count("SELECT weekday FROM interactions WHERE user_id = 4"), 6);  // 2007-06-30 was a Saturday
  EXPECT_TRUE(std::get<bool>(value("SELECT is_weekend FROM interactions WHERE user_id = 4")));
  EXPECT_EQ(std::get<std::string>(value("SELECT season FROM interactions WHERE user_id = 4")), "summer");
  EXPECT_EQ(std::get<std::string>(value("SELECT review FROM interactions WHERE user_id = 4")), "a, b");
  EXPECT_EQ(count("SELECT clean_interactions_rows FROM dataset_info"), 2);
}

TEST_F(IngestRules, GeneratedMarkerMakesTheSourceSynthetic) {
  dir_.write("GENERATED.json",
             R"({"generator":"mangetamain generate","version":"0.1.0","seed":42,"scale":0.5,"synthetic":true})");
  Recipe r;
  const auto summary = ingest(r.line());
  EXPECT_TRUE(summary.is_synthetic);
  EXPECT_TRUE(std::get<bool>(value("SELECT is_synthetic FROM dataset_info")));
  EXPECT_EQ(count("SELECT generator_seed FROM dataset_info"), 42);
  EXPECT_EQ(std::get<double>(value("SELECT generator_scale FROM dataset_info")), 0.5);
  EXPECT_EQ(std::get<std::string>(value("SELECT source FROM dataset_info")), "synthetic demo, seed 42, scale 0.5");
  EXPECT_EQ(count("SELECT count(*) FROM dataset_info"), 1);
}

TEST_F(IngestRules, ReportStepsChainInOrder) {
  Recipe r;
  ingest(r.line());
  auto rows = con_->query("SELECT table_name, rule FROM ingest_report ORDER BY ord").rows();
  std::vector<std::string> rules;
  for (const auto& row : rows) rules.push_back(std::get<std::string>(row[0]) + "." + std::get<std::string>(row[1]));
  EXPECT_EQ(rules,
            (std::vector<std::string>{"recipes.read", "recipes.dedupe_id", "recipes.parse_errors",
                                      "recipes.minutes_range", "recipes.n_steps_band", "recipes.n_ingredients_band",
                                      "recipes.submitted_not_null", "recipes.name_not_null",
                                      "recipes.calories_non_negative", "interactions.read", "interactions.parse_errors",
                                      "interactions.rating_range", "interactions.date_not_null", "all.max_bad_rows"}));
}

TEST(IngestOptionsValidation, RejectsInconsistentBounds) {
  IngestOptions options;
  options.min_minutes = 10;
  options.max_minutes = 5;
  EXPECT_THROW(validate(options), ValidationError);
  options = IngestOptions{};
  options.band_low = 0.9;
  options.band_high = 0.1;
  EXPECT_THROW(validate(options), ValidationError);
  options = IngestOptions{};
  options.band_high = 1.5;
  EXPECT_THROW(validate(options), ValidationError);
}

TEST(Calendar, FeaturesOfKnownDates) {
  // Weekdays checked against Python's date.isoweekday().
  auto f = calendar_features(*db::parse_date("2018-12-04"));
  EXPECT_EQ(f.year, 2018);
  EXPECT_EQ(f.month, 12);
  EXPECT_EQ(f.day, 4);
  EXPECT_EQ(f.weekday, 2);
  EXPECT_EQ(f.season, "winter");
  f = calendar_features(db::Date{-1});  // 1969-12-31, a Wednesday
  EXPECT_EQ(f.year, 1969);
  EXPECT_EQ(f.weekday, 3);
  f = calendar_features(*db::parse_date("2007-09-01"));
  EXPECT_EQ(f.weekday, 6);
  EXPECT_TRUE(f.is_weekend);
  EXPECT_EQ(f.season, "autumn");
  EXPECT_EQ(season_of_month(3), "spring");
  EXPECT_EQ(season_of_month(5), "spring");
  EXPECT_EQ(season_of_month(6), "summer");
  EXPECT_EQ(season_of_month(11), "autumn");
  EXPECT_EQ(season_of_month(2), "winter");
}

}  // namespace
}  // namespace mtm::data
