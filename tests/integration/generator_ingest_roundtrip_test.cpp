// generate → ingest through the binary at scale 0.01: every generated row reaches the database, and the
// dataset is recorded as synthetic with its seed and scale.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "data/duckdb.hpp"
#include "support/temp_dir.hpp"

namespace {

using mtm::test::read_file;
using mtm::test::TempDir;

/// Data records in a Kaggle CSV: CRLF line ends outside quotes, minus the header.
std::int64_t csv_records(const std::string& text) {
  std::int64_t records = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;  // "" toggles twice: no net change
    if (!quoted && text[i] == '\n') ++records;
  }
  return records - 1;
}

std::int64_t scalar_int(mtm::db::Connection& con, const std::string& sql) {
  return std::get<std::int64_t>(con.query(sql).scalar());
}

TEST(GeneratorIngestRoundTrip, EveryGeneratedRowIsIngestedAndMarkedSynthetic) {
  TempDir dir;
  const auto raw = dir.path() / "raw";
  const auto db_path = dir.path() / "demo.duckdb";
  std::string log;
  ASSERT_EQ(mtm::test::run_command(
                mtm::test::binary_path() + " generate --out " + raw.string() + " --scale 0.01 --seed 11", &log),
            0)
      << log;
  ASSERT_EQ(
      mtm::test::run_command(
          mtm::test::binary_path() + " ingest --quiet --raw-dir " + raw.string() + " --db " + db_path.string(), &log),
      0)
      << log;
  const std::int64_t recipes = csv_records(read_file(raw / "RAW_recipes.csv"));
  const std::int64_t interactions = csv_records(read_file(raw / "RAW_interactions.csv"));
  EXPECT_EQ(recipes, 2'316);        // round(231,637 x 0.01)
  EXPECT_EQ(interactions, 11'324);  // round(1,132,367 x 0.01)

  mtm::db::Database database(db_path.string(), /*read_only=*/true);
  auto con = database.connect();
  EXPECT_EQ(scalar_int(con, "SELECT count(*) FROM recipes"), recipes);
  EXPECT_EQ(scalar_int(con, "SELECT count(*) FROM interactions"), interactions);
  EXPECT_EQ(scalar_int(con, "SELECT recipes_rows FROM dataset_info"), recipes);
  EXPECT_EQ(scalar_int(con, "SELECT interactions_rows FROM dataset_info"), interactions);
  EXPECT_EQ(std::get<bool>(con.query("SELECT is_synthetic FROM dataset_info").scalar()), true);
  EXPECT_EQ(scalar_int(con, "SELECT generator_seed FROM dataset_info"), 11);
  EXPECT_DOUBLE_EQ(std::get<double>(con.query("SELECT generator_scale FROM dataset_info").scalar()), 0.01);
  // The list columns survive: n_ingredients equals the parsed list length on every row.
  EXPECT_EQ(scalar_int(con, "SELECT count(*) FROM recipes WHERE len(ingredients) <> n_ingredients"), 0);
  EXPECT_EQ(scalar_int(con, "SELECT count(*) FROM recipes WHERE len(steps) <> n_steps"), 0);
}

}  // namespace
