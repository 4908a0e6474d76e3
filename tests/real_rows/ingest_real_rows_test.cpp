// The real-row suite: ingest of the real Food.com rows in $MTM_FIXTURES_DIR (default ../shared/data/foodcom_samples,
// outside the repository; registered only when they are there, see tests/CMakeLists.txt). Expected values were
// computed independently from the files (Python's csv + ast modules, and SOURCES.md), or by DuckDB's own read_csv.
// The repository's own fixtures (tests/fixtures) are covered by tests/integration/ingest_quirks_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "support/db_reader.hpp"
#include "support/temp_dir.hpp"

namespace mtm::data {
namespace {

namespace fs = std::filesystem;

using Db = test::DbReader;

IngestSummary ingest_folder(const fs::path& db_path, const std::string& folder) {
  IngestOptions options;
  options.raw_dir.clear();
  options.recipes = test::real_sample(folder + "/RAW_recipes_sample.csv");
  options.interactions = test::real_sample(folder + "/RAW_interactions_sample.csv");
  options.db_path = db_path;
  options.max_bad_share = 1.0;  // these tests count the rows an ingest drops or flags themselves
  return run_ingest(options);
}

TEST(IngestRealRows, Head100RecipesAreTypedAndComplete) {
  test::TempDir dir;
  const auto summary = ingest_folder(dir / "m.duckdb", "head100_nsakuja");
  ASSERT_EQ(summary.tables.size(), 2u);
  EXPECT_EQ(summary.tables[0].rows_read, 100);
  EXPECT_EQ(summary.tables[0].row_errors, 0);
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes"), 100);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE description IS NULL"), 5);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE strpos(description, chr(10)) > 0"), 1);
  EXPECT_EQ(db.count("SELECT max(minutes) FROM recipes"), 20160);
  EXPECT_EQ(db.count("SELECT minutes FROM recipes WHERE id = 5289"), 0);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE id = 5289 AND description IS NULL AND NOT is_clean"), 1);
  // Names keep their double spaces; the apostrophe item of recipe 44061 is one list element.
  EXPECT_EQ(std::get<std::string>(db.value("SELECT name FROM recipes WHERE id = 44061")),
            "amish  tomato ketchup  for canning");
  EXPECT_EQ(db.count("SELECT len(steps) FROM recipes WHERE id = 44061"), 5);
  db::PreparedStatement item(db.con(), "SELECT count(*) FROM recipes WHERE list_contains(steps, $1)");
  item.bind(1, "i use'old' glass ketchup bottles");
  EXPECT_EQ(std::get<std::int64_t>(item.execute().scalar()), 1);
  // n_steps equals the parsed list length on every row.
  EXPECT_EQ(db.count("SELECT CAST(sum(n_steps) AS BIGINT) FROM recipes"), 865);
  EXPECT_EQ(db.count("SELECT CAST(sum(len(steps)) AS BIGINT) FROM recipes"), 865);
  EXPECT_NEAR(std::get<double>(db.value("SELECT sum(calories) FROM recipes")), 63706.1, 1e-6);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipe_tags"), 1940);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipe_ingredients"), 922);
  EXPECT_EQ(std::get<std::string>(db.value("SELECT CAST(submitted AS VARCHAR) FROM recipes WHERE id = 5289")),
            "1999-12-06");
  // 1999-12-06 was a Monday, in winter.
  EXPECT_EQ(db.count("SELECT weekday FROM recipes WHERE id = 5289"), 1);
  EXPECT_EQ(std::get<std::string>(db.value("SELECT season FROM recipes WHERE id = 5289")), "winter");
}

TEST(IngestRealRows, Head100CleaningMatchesIndependentComputation) {
  test::TempDir dir;
  ingest_folder(dir / "m.duckdb", "head100_nsakuja");
  Db db(dir / "m.duckdb");
  // 89 recipes with 1 <= minutes <= 180; nearest-rank band n_steps [2, 20], n_ingredients [3, 21]; 85 remain.
  EXPECT_EQ(db.count("SELECT rows_out FROM ingest_report WHERE table_name = 'recipes' AND rule = 'minutes_range'"), 89);
  const auto steps = nlohmann::json::parse(std::get<std::string>(
      db.value("SELECT parameters FROM ingest_report WHERE table_name = 'recipes' AND rule = 'n_steps_band'")));
  EXPECT_EQ(steps["lower"], 2);
  EXPECT_EQ(steps["upper"], 20);
  const auto ingr = nlohmann::json::parse(std::get<std::string>(
      db.value("SELECT parameters FROM ingest_report WHERE table_name = 'recipes' AND rule = 'n_ingredients_band'")));
  EXPECT_EQ(ingr["lower"], 3);
  EXPECT_EQ(ingr["upper"], 21);
  EXPECT_EQ(db.count("SELECT rows_out FROM ingest_report WHERE table_name = 'recipes' AND rule = 'n_steps_band'"), 86);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE is_clean"), 85);
  EXPECT_EQ(db.count("SELECT clean_recipes_rows FROM dataset_info"), 85);
  // Every step's output is the next step's input, in order.
  EXPECT_EQ(db.count("SELECT count(*) FROM (SELECT rows_in, lag(rows_out) OVER (PARTITION BY table_name ORDER BY ord) "
                     "AS prev FROM ingest_report) WHERE prev IS NOT NULL AND prev <> rows_in"),
            0);
  EXPECT_EQ(db.count("SELECT count(*) FROM ingest_report WHERE rows_in - rows_rejected <> rows_out"), 0);
}

TEST(IngestRealRows, Head100InteractionsKeepMultiLineReviewsAndEntities) {
  test::TempDir dir;
  ingest_folder(dir / "m.duckdb", "head100_nsakuja");
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions"), 100);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE rating = 0"), 8);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, chr(10)) > 0"), 10);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, '&#039;') > 0"), 4);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, '<br/>') > 0"), 3);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE is_clean"), 92);
  // The multi-line review on file line 12 stays one field, its CRLF breaks kept.
  EXPECT_EQ(std::get<std::string>(db.value("SELECT review FROM interactions WHERE user_id = 353911")),
            "Absolutely AWESOME! I was speechless when I tried them. I've never had such juicy melt-in-your-mouth "
            "chicken made AT HOME!\r\n\r\nI would, however, suggest to reduce the amount of flour. 2 cups was "
            "overkill for me. ");
  EXPECT_EQ(db.count("SELECT users FROM dataset_info"), 99);
  EXPECT_EQ(db.count("SELECT contributors FROM dataset_info"), 82);
  EXPECT_EQ(std::get<std::string>(db.value("SELECT CAST(submitted_min AS VARCHAR) FROM dataset_info")), "1999-12-01");
  EXPECT_EQ(std::get<std::string>(db.value("SELECT CAST(submitted_max AS VARCHAR) FROM dataset_info")), "2005-09-16");
  EXPECT_EQ(std::get<std::string>(db.value("SELECT CAST(interactions_date_min AS VARCHAR) FROM dataset_info")),
            "2002-07-09");
  EXPECT_EQ(std::get<std::string>(db.value("SELECT CAST(interactions_date_max AS VARCHAR) FROM dataset_info")),
            "2018-04-05");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE is_weekend"), 32);
  EXPECT_FALSE(std::get<bool>(db.value("SELECT is_synthetic FROM dataset_info")));
}

TEST(IngestRealRows, Head100MatchesDuckDbReadCsv) {
  test::TempDir dir;
  ingest_folder(dir / "m.duckdb", "head100_nsakuja");
  Db db(dir / "m.duckdb");
  // DuckDB's own CSV reader, as an independent parser, agrees on every review and description.
  db::PreparedStatement reviews(db.con(),
                                "SELECT count(*) FROM read_csv($1, header = true, all_varchar = true) AS f "
                                "JOIN interactions AS i ON i.user_id = CAST(f.user_id AS BIGINT) AND "
                                "i.recipe_id = CAST(f.recipe_id AS BIGINT) AND i.review IS NOT DISTINCT FROM f.review");
  reviews.bind(1, test::real_sample("head100_nsakuja/RAW_interactions_sample.csv").string());
  EXPECT_EQ(std::get<std::int64_t>(reviews.execute().scalar()), 100);
  db::PreparedStatement recipes(db.con(),
                                "SELECT count(*) FROM read_csv($1, header = true, all_varchar = true) AS f "
                                "JOIN recipes AS r ON r.id = CAST(f.id AS BIGINT) AND "
                                "r.description IS NOT DISTINCT FROM f.description AND r.name = f.name AND "
                                "r.minutes = CAST(f.minutes AS BIGINT)");
  recipes.bind(1, test::real_sample("head100_nsakuja/RAW_recipes_sample.csv").string());
  EXPECT_EQ(std::get<std::int64_t>(recipes.execute().scalar()), 100);
}

TEST(IngestRealRows, Random1000MixedLineEnds) {
  test::TempDir dir;
  const auto summary = ingest_folder(dir / "m.duckdb", "random1000_amaldre");
  EXPECT_EQ(summary.tables[0].row_errors, 0);
  EXPECT_EQ(summary.tables[1].row_errors, 0);
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes"), 1000);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE description IS NULL"), 17);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE strpos(description, chr(10)) > 0"), 59);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE minutes = 0"), 5);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE strpos(name, '  ') > 0"), 186);
  EXPECT_EQ(db.count("SELECT CAST(sum(len(steps)) AS BIGINT) FROM recipes"), 9606);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE n_steps <> len(steps) OR n_ingredients <> len(ingredients)"),
            0);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipe_tags"), 17660);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipe_ingredients"), 9154);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE is_clean"), 868);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions"), 1000);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE rating = 0"), 49);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, chr(10)) > 0"), 65);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE is_clean"), 951);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE is_weekend"), 288);
  EXPECT_EQ(db.count("SELECT users FROM dataset_info"), 879);
}

TEST(IngestRealRows, SplitFilesFillOptionalTables) {
  test::TempDir dir;
  const fs::path raw = dir / "raw";
  fs::create_directories(raw);
  fs::create_symlink(test::real_sample("splits_julienlafrance/interactions_test.csv"), raw / "interactions_test.csv");
  fs::create_symlink(test::real_sample("splits_julienlafrance/interactions_validation.csv"),
                     raw / "interactions_validation.csv");
  fs::create_symlink(test::real_sample("head100_nsakuja/RAW_recipes_sample.csv"), raw / "RAW_recipes.csv");
  fs::create_symlink(test::real_sample("head100_nsakuja/RAW_interactions_sample.csv"), raw / "RAW_interactions.csv");
  IngestOptions options;
  options.raw_dir = raw;
  options.db_path = dir / "m.duckdb";
  options.max_bad_share = 1.0;
  const auto summary = run_ingest(options);
  ASSERT_EQ(summary.tables.size(), 4u);
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions_test"), 12455);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions_validation"), 7023);
  EXPECT_EQ(db.count("SELECT count(DISTINCT u) FROM interactions_test"), 12455);
  EXPECT_NEAR(std::get<double>(db.value("SELECT sum(rating) FROM interactions_test")), 52474.0, 1e-9);
  EXPECT_NEAR(std::get<double>(db.value("SELECT sum(rating) FROM interactions_validation")), 29727.0, 1e-9);
  EXPECT_EQ(db.count("SELECT i FROM interactions_test WHERE user_id = 8937 AND recipe_id = 44551"), 173538);
  EXPECT_EQ(db.count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'interactions_train'"), 0);
  EXPECT_EQ(db.count("SELECT rows_out FROM ingest_report WHERE table_name = 'interactions_validation'"), 7023);
}

TEST(IngestRealRows, CommandLineIngestThenQuery) {
  test::TempDir dir;
  const std::string db_path = (dir / "cli.duckdb").string();
  std::string out;
  const int rc = test::run_command(
      test::binary_path() + " ingest --recipes " +
          test::real_sample("head100_nsakuja/RAW_recipes_sample.csv").string() + " --interactions " +
          test::real_sample("head100_nsakuja/RAW_interactions_sample.csv").string() + " --db " + db_path +
          " --max-bad-rows 1",  // none of the 100 interactions points at one of the 100 recipes
      &out);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("recipes"), std::string::npos) << out;
  EXPECT_NE(out.find("done in"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(data::ingest_temp_path(db_path)));
  const int qrc = test::run_command(
      test::binary_path() + " query --db " + db_path + " --format csv \"SELECT count(*) AS n FROM recipes\"", &out);
  ASSERT_EQ(qrc, 0) << out;
  EXPECT_EQ(out, "n\n100\n");
}

}  // namespace
}  // namespace mtm::data
