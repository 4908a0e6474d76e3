// Ingest of the repository's own fixtures (tests/fixtures, invented rows written for this project): every quirk of
// the real Food.com files, listed in tests/fixtures/README.md with the test below that covers it. Expected values
// come from an independent parse (Python's csv + ast modules, see the README) or from DuckDB's own read_csv.
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

// The fixtures hold bad rows on purpose (a missing name, orphan interactions): accept any share of them.
IngestOptions fixture_options(const fs::path& db_path) {
  IngestOptions options;
  options.db_path = db_path;
  options.max_bad_share = 1.0;
  return options;
}

IngestSummary ingest_files(const fs::path& db_path, const std::string& folder) {
  IngestOptions options = fixture_options(db_path);
  options.raw_dir.clear();
  options.recipes = test::fixture(folder + "/RAW_recipes.csv");
  options.interactions = test::fixture(folder + "/RAW_interactions.csv");
  return run_ingest(options);
}

std::int64_t report_rows_out(Db& db, const std::string& table, const std::string& rule) {
  return db.count("SELECT rows_out FROM ingest_report WHERE table_name = '" + table + "' AND rule = '" + rule + "'");
}

TEST(IngestQuirks, CrlfFileWithABomReadsEveryRecord) {
  test::TempDir dir;
  const auto summary = ingest_files(dir / "m.duckdb", "crlf_bom");
  ASSERT_EQ(summary.tables.size(), 2u);
  EXPECT_EQ(summary.tables[0].rows_read, 6);
  EXPECT_EQ(summary.tables[0].row_errors, 0);
  EXPECT_EQ(summary.tables[0].rows_dropped, 0);
  EXPECT_EQ(summary.tables[1].rows_read, 8);
  EXPECT_EQ(summary.tables[1].row_errors, 0);
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes"), 6);
  // The BOM belongs to the header, not to the first column's name: "name" is found and every name is read.
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE name IS NULL"), 0);
  EXPECT_EQ(db.text("SELECT name FROM recipes WHERE id = 910001"), "zesty lemon  lentil soup");
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE strpos(name, chr(65279)) > 0"), 0);
  // A CRLF inside a quoted field stays in the value; the record ends (CRLF too) do not.
  EXPECT_EQ(db.text("SELECT description FROM recipes WHERE id = 910001"),
            "a bright soup for grey days.\r\nserves four.");
  EXPECT_EQ(db.text("SELECT description FROM recipes WHERE id = 910005"),
            "keeps a month in a jar.\r\n\r\ndouble the pecans if you like.");
  EXPECT_EQ(db.text("SELECT description FROM recipes WHERE id = 910006"), "the classic.");
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE strpos(description, chr(13)) > 0"), 2);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE n_steps <> len(steps) OR n_ingredients <> len(ingredients)"),
            0);
  EXPECT_EQ(db.count("SELECT CAST(sum(len(steps)) AS BIGINT) FROM recipes"), 23);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipe_tags"), 19);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipe_ingredients"), 26);
  EXPECT_NEAR(std::get<double>(db.value("SELECT sum(calories) FROM recipes")), 2253.1, 1e-9);
}

TEST(IngestQuirks, EmptyDescriptionsQuotedOrNotAreMissing) {
  test::TempDir dir;
  ingest_files(dir / "m.duckdb", "crlf_bom");
  Db db(dir / "m.duckdb");
  // 910002 has nothing between its commas, 910003 has "": both are a missing description, as pandas reads them.
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE description IS NULL"), 2);
  EXPECT_TRUE(db.is_null("SELECT description FROM recipes WHERE id = 910002"));
  EXPECT_TRUE(db.is_null("SELECT description FROM recipes WHERE id = 910003"));
  // A missing description is no reason to reject a recipe: 910003 stays clean.
  EXPECT_TRUE(std::get<bool>(db.value("SELECT is_clean FROM recipes WHERE id = 910003")));
}

TEST(IngestQuirks, ZeroMinutesIsKeptAndFlaggedNotClean) {
  test::TempDir dir;
  ingest_files(dir / "m.duckdb", "crlf_bom");
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT minutes FROM recipes WHERE id = 910002"), 0);
  EXPECT_FALSE(std::get<bool>(db.value("SELECT is_clean FROM recipes WHERE id = 910002")));
  EXPECT_EQ(report_rows_out(db, "recipes", "minutes_range"), 5);
  // Nearest-rank bands over the 5 recipes within [1, 180] minutes: n_steps [3, 5], n_ingredients [4, 5].
  const auto steps = nlohmann::json::parse(
      db.text("SELECT parameters FROM ingest_report WHERE table_name = 'recipes' AND rule = 'n_steps_band'"));
  EXPECT_EQ(steps["lower"], 3);
  EXPECT_EQ(steps["upper"], 5);
  const auto ingredients = nlohmann::json::parse(
      db.text("SELECT parameters FROM ingest_report WHERE table_name = 'recipes' AND rule = 'n_ingredients_band'"));
  EXPECT_EQ(ingredients["lower"], 4);
  EXPECT_EQ(ingredients["upper"], 5);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE is_clean"), 5);
  EXPECT_EQ(db.count("SELECT clean_recipes_rows FROM dataset_info"), 5);
  // 2004-03-15 was a Monday, in spring.
  EXPECT_EQ(db.count("SELECT weekday FROM recipes WHERE id = 910001"), 1);
  EXPECT_EQ(db.text("SELECT season FROM recipes WHERE id = 910001"), "spring");
}

TEST(IngestQuirks, ReviewsKeepEntitiesMarkupAndLineBreaksVerbatim) {
  test::TempDir dir;
  ingest_files(dir / "m.duckdb", "crlf_bom");
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions"), 8);
  EXPECT_EQ(db.text("SELECT review FROM interactions WHERE user_id = 5001 AND recipe_id = 910001"),
            "Lovely soup! It&#039;s now a staple.<br/><br/>Made it twice.");
  EXPECT_EQ(db.text("SELECT review FROM interactions WHERE user_id = 5003 AND recipe_id = 910002"),
            "Quick and easy &quot;cake&quot; for one.");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, '<br/>') > 0"), 2);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, '&#039;') > 0"), 1);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, '&amp;') > 0"), 1);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, '&quot;') > 0"), 1);
  EXPECT_EQ(db.text("SELECT review FROM interactions WHERE user_id = 5005"), "Crunchy!\r\n\r\nWill make again.");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, chr(10)) > 0"), 2);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE review IS NULL"), 1);
  // 7 of the 8 dates fall on a weekend; 2003-12-25 was a Thursday, in winter.
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE is_weekend"), 7);
  EXPECT_EQ(db.count("SELECT weekday FROM interactions WHERE date = DATE '2003-12-25'"), 4);
  EXPECT_EQ(db.count("SELECT users FROM dataset_info"), 6);
}

TEST(IngestQuirks, RatingZeroIsKeptButNotClean) {
  test::TempDir dir;
  ingest_files(dir / "m.duckdb", "crlf_bom");
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE rating = 0"), 1);
  EXPECT_EQ(db.text("SELECT review FROM interactions WHERE rating = 0"),
            "No stars, just a note:\r\nI used green lentils &amp; it worked.");
  EXPECT_FALSE(std::get<bool>(db.value("SELECT is_clean FROM interactions WHERE rating = 0")));
  EXPECT_EQ(report_rows_out(db, "interactions", "rating_range"), 7);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE is_clean"), 7);
  EXPECT_EQ(db.count("SELECT clean_interactions_rows FROM dataset_info"), 7);
}

TEST(IngestQuirks, ListCellsWithADoubleQuotedPythonStringKeepTheApostrophe) {
  test::TempDir dir;
  ingest_files(dir / "m.duckdb", "mixed_lf");
  Db db(dir / "m.duckdb");
  // ['make the crust', "don't skip the chilling step", 'bake for 50 minutes'], written in the CSV with "" escapes.
  EXPECT_EQ(db.count("SELECT len(steps) FROM recipes WHERE id = 920004"), 3);
  EXPECT_EQ(db.text("SELECT steps[2] FROM recipes WHERE id = 920004"), "don't skip the chilling step");
  EXPECT_EQ(db.text("SELECT ingredients[3] FROM recipes WHERE id = 920004"), "confectioners' sugar");
  EXPECT_EQ(db.count("SELECT count(*) FROM recipe_ingredients WHERE recipe_id = 920004 AND "
                     "ingredient = 'confectioners'' sugar'"),
            1);
  test::TempDir crlf;
  ingest_files(crlf / "m.duckdb", "crlf_bom");
  Db other(crlf / "m.duckdb");
  EXPECT_EQ(other.text("SELECT steps[2] FROM recipes WHERE id = 910004"), "don't drain the cooking liquid");
}

TEST(IngestQuirks, MixedLineEndsLfRecordsWithCrlfInsideFields) {
  test::TempDir dir;
  const auto summary = ingest_files(dir / "m.duckdb", "mixed_lf");
  ASSERT_EQ(summary.tables.size(), 2u);
  EXPECT_EQ(summary.tables[0].rows_read, 5);
  EXPECT_EQ(summary.tables[0].row_errors, 0);
  EXPECT_EQ(summary.tables[1].rows_read, 6);
  EXPECT_EQ(summary.tables[1].row_errors, 0);
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes"), 5);
  EXPECT_EQ(db.text("SELECT description FROM recipes WHERE id = 920004"), "my grandmother's pie.\r\nno shortcuts.");
  // No stray CR at a record end: the last field of each record is a clean number.
  EXPECT_EQ(db.count("SELECT CAST(sum(n_ingredients) AS BIGINT) FROM recipes"), 18);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE n_steps <> len(steps) OR n_ingredients <> len(ingredients)"),
            0);
  // The interactions file is pure LF, a line break inside a review included.
  EXPECT_EQ(db.text("SELECT review FROM interactions WHERE user_id = 6001 AND recipe_id = 920004"),
            "Best pie ever.\nMy family agrees.");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE strpos(review, chr(13)) > 0"), 0);
}

TEST(IngestQuirks, ExtremeMinutesAreStoredAsWrittenAndFlagged) {
  test::TempDir dir;
  ingest_files(dir / "m.duckdb", "mixed_lf");
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT minutes FROM recipes WHERE id = 920001"), 1051200);
  EXPECT_EQ(db.count("SELECT minutes FROM recipes WHERE id = 920002"), 2147483647);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE minutes > 180 AND NOT is_clean"), 2);
  EXPECT_EQ(report_rows_out(db, "recipes", "minutes_range"), 3);
  // complexity = log1p(minutes) + n_steps + 0.5 n_ingredients stays finite at INT32_MAX minutes.
  EXPECT_NEAR(std::get<double>(db.value("SELECT complexity FROM recipes WHERE id = 920002")),
              21.487562597358306 + 2 + 2, 1e-9);
}

TEST(IngestQuirks, ARecipeWithoutANameIsKeptAndFlagged) {
  test::TempDir dir;
  ingest_files(dir / "m.duckdb", "mixed_lf");
  Db db(dir / "m.duckdb");
  EXPECT_TRUE(db.is_null("SELECT name FROM recipes WHERE id = 920003"));
  EXPECT_EQ(db.text("SELECT description FROM recipes WHERE id = 920003"), "a salad whose name was lost.");
  EXPECT_FALSE(std::get<bool>(db.value("SELECT is_clean FROM recipes WHERE id = 920003")));
  EXPECT_EQ(db.count("SELECT rows_in FROM ingest_report WHERE table_name = 'recipes' AND rule = 'name_not_null'"), 3);
  EXPECT_EQ(report_rows_out(db, "recipes", "name_not_null"), 2);
  EXPECT_EQ(db.count("SELECT count(*) FROM recipes WHERE is_clean"), 2);
  // Its items are exploded like any other recipe's.
  EXPECT_EQ(db.count("SELECT count(*) FROM recipe_ingredients WHERE recipe_id = 920003"), 3);
}

TEST(IngestQuirks, InteractionsPointingAtMissingRecipesAreKept) {
  test::TempDir dir;
  ingest_files(dir / "m.duckdb", "mixed_lf");
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions"), 6);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE recipe_id NOT IN (SELECT id FROM recipes)"), 2);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE recipe_id NOT IN (SELECT id FROM recipes) AND is_clean"),
            2);
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions WHERE rating = 0"), 1);
  EXPECT_EQ(db.count("SELECT clean_interactions_rows FROM dataset_info"), 5);
  EXPECT_EQ(db.count("SELECT users FROM dataset_info"), 5);
}

TEST(IngestQuirks, RawDirWithAnLfSplitFileFillsItsTable) {
  test::TempDir dir;
  IngestOptions options = fixture_options(dir / "m.duckdb");
  options.raw_dir = test::fixture("mixed_lf");
  const auto summary = run_ingest(options);
  ASSERT_EQ(summary.tables.size(), 3u);
  EXPECT_EQ(summary.tables[2].table, "interactions_test");
  EXPECT_EQ(summary.tables[2].row_errors, 0);
  Db db(dir / "m.duckdb");
  EXPECT_EQ(db.count("SELECT count(*) FROM interactions_test"), 3);
  // Ratings written as floats ("5.0") are read as numbers.
  EXPECT_NEAR(std::get<double>(db.value("SELECT sum(rating) FROM interactions_test")), 9.0, 1e-12);
  EXPECT_EQ(db.count("SELECT i FROM interactions_test WHERE recipe_id = 920005"), 2);
  EXPECT_EQ(report_rows_out(db, "interactions_test", "read"), 3);
}

TEST(IngestQuirks, EveryFixtureMatchesDuckDbReadCsv) {
  // DuckDB's own CSV reader, as an independent parser, agrees on every review, name, description and minutes.
  for (const std::string folder : {"crlf_bom", "mixed_lf"}) {
    SCOPED_TRACE(folder);
    test::TempDir dir;
    ingest_files(dir / "m.duckdb", folder);
    Db db(dir / "m.duckdb");
    db::PreparedStatement reviews(
        db.con(),
        "SELECT count(*), (SELECT count(*) FROM interactions) FROM read_csv($1, header = true, "
        "all_varchar = true) AS f JOIN interactions AS i ON i.user_id = CAST(f.user_id AS "
        "BIGINT) AND i.recipe_id = CAST(f.recipe_id AS BIGINT) AND i.review IS NOT DISTINCT "
        "FROM NULLIF(f.review, '')");
    reviews.bind(1, test::fixture(folder + "/RAW_interactions.csv").string());
    const auto review_row = reviews.execute().rows().at(0);
    EXPECT_EQ(std::get<std::int64_t>(review_row[0]), std::get<std::int64_t>(review_row[1]));
    db::PreparedStatement recipes(db.con(),
                                  "SELECT count(*), (SELECT count(*) FROM recipes) FROM read_csv($1, header = true, "
                                  "all_varchar = true) AS f JOIN recipes AS r ON r.id = CAST(f.id AS BIGINT) AND "
                                  "r.description IS NOT DISTINCT FROM NULLIF(f.description, '') AND r.name IS NOT "
                                  "DISTINCT FROM NULLIF(f.name, '') AND r.minutes = CAST(f.minutes AS BIGINT)");
    recipes.bind(1, test::fixture(folder + "/RAW_recipes.csv").string());
    const auto recipe_row = recipes.execute().rows().at(0);
    EXPECT_EQ(std::get<std::int64_t>(recipe_row[0]), std::get<std::int64_t>(recipe_row[1]));
  }
}

}  // namespace
}  // namespace mtm::data
