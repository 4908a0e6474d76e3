// Every bad-input case of the ingest: the exit code and one clear located message from the binary, the
// typed error from the C++ API, and an existing database left untouched.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/errors.hpp"
#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "support/db_reader.hpp"
#include "support/temp_dir.hpp"

namespace mtm::data {
namespace {

namespace fs = std::filesystem;

const std::string kHeader =
    "name,id,minutes,contributor_id,submitted,tags,nutrition,n_steps,steps,description,ingredients,n_ingredients\n";
const std::string kGood =
    "apple pie,1,30,10,2005-09-16,\"['easy']\",\"[100.0, 1.0, 2.0, 3.0, 4.0, 5.0, "
    "6.0]\",1,\"['a']\",nice,\"['x']\",1\n";
const std::string kInteractions = "user_id,recipe_id,date,rating,review\n1,1,2005-10-01,5,good\n";

class BadInput : public ::testing::Test {
 protected:
  // Runs the binary on recipes text (written as r.csv); returns the exit code, output in out_. These cases
  // check one bad row among two, so they accept any share of bad rows unless a test says otherwise.
  int run(const std::string& recipes, const std::string& extra = "--max-bad-rows 1",
          const std::string& interactions = kInteractions) {
    dir_.write("r.csv", recipes);
    dir_.write("i.csv", interactions);
    return test::run_command(test::binary_path() + " ingest --recipes " + (dir_ / "r.csv").string() +
                                 " --interactions " + (dir_ / "i.csv").string() + " --db " + db() + " " + extra,
                             &out_);
  }
  std::string db() const { return (dir_ / "m.duckdb").string(); }
  std::int64_t count(const std::string& sql) { return test::DbReader(db()).count(sql); }
  IngestOptions options(const std::string& recipes) {
    IngestOptions o;
    o.raw_dir.clear();
    o.recipes = dir_.write("r.csv", recipes);
    o.interactions = dir_.write("i.csv", kInteractions);
    o.db_path = db();
    o.max_bad_share = 1.0;
    return o;
  }
  bool says(const std::string& text) const { return out_.find(text) != std::string::npos; }
  int leftovers() const { return test::ingest_leftovers(db()); }

  test::TempDir dir_;
  std::string out_;
};

TEST_F(BadInput, MissingFileExitsWithOneLine) {
  dir_.write("i.csv", kInteractions);
  const int rc = test::run_command(test::binary_path() + " ingest --recipes " + (dir_ / "nope.csv").string() +
                                       " --interactions " + (dir_ / "i.csv").string() + " --db " + db(),
                                   &out_);
  EXPECT_EQ(rc, 3);
  EXPECT_EQ(out_, "error: " + (dir_ / "nope.csv").string() + ": cannot open file: No such file or directory\n");
  EXPECT_FALSE(fs::exists(db()));
}

TEST_F(BadInput, RenamedColumnIsAStructuralError) {
  std::string header = kHeader;
  header.replace(header.find("minutes"), 7, "minute");
  EXPECT_EQ(run(header + kGood), 3);
  EXPECT_TRUE(says("r.csv:1: missing column 'minutes' in the header")) << out_;
  EXPECT_THROW(run_ingest(options(header + kGood)), DataLoadError);
}

TEST_F(BadInput, WrongFieldCountIsCountedAndLocated) {
  // Line 3 has 11 fields: its line break is at column 52.
  const std::string short_row = "pie,2,30,10,2005-09-16,\"['easy']\",\"[1, 1, 2, 3, 4, 5, 6]\",1,\"['a']\",nice,1\n";
  ASSERT_EQ(run(kHeader + kGood + short_row), 0) << out_;
  EXPECT_TRUE(says("r.csv:3:" + std::to_string(short_row.size()) + ": expected 12 fields, found 11")) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 1);
  EXPECT_EQ(count("SELECT rows_rejected FROM ingest_report WHERE table_name = 'recipes' AND rule = 'read'"), 1);
}

TEST_F(BadInput, UnparsableNumberKeepsRowNotClean) {
  const std::string row =
      "pie,2,abc,10,2005-09-16,\"['easy']\",\"[1, 1, 2, 3, 4, 5, 6]\",1,\"['a']\",nice,\"['x']\",1\n";
  ASSERT_EQ(run(kHeader + kGood + row), 0) << out_;
  EXPECT_TRUE(says("r.csv:3:7: minutes: expected an integer, found 'abc'")) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM recipes WHERE id = 2 AND minutes IS NULL AND NOT is_clean"), 1);
  EXPECT_EQ(count("SELECT rows_rejected FROM ingest_report WHERE rule = 'parse_errors' AND table_name = 'recipes'"), 1);
}

TEST_F(BadInput, UnparsableDateIsLocated) {
  const std::string row =
      "pie,2,30,10,2005-13-45,\"['easy']\",\"[1, 1, 2, 3, 4, 5, 6]\",1,\"['a']\",nice,\"['x']\",1\n";
  ASSERT_EQ(run(kHeader + kGood + row), 0) << out_;
  EXPECT_TRUE(says("r.csv:3:13: submitted: expected a date YYYY-MM-DD, found '2005-13-45'")) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM recipes WHERE id = 2 AND submitted IS NULL AND NOT is_clean"), 1);
}

TEST_F(BadInput, NutritionNeedsSevenValues) {
  const std::string row = "pie,2,30,10,2005-09-16,\"['easy']\",\"[1, 1, 2, 3, 4, 5]\",1,\"['a']\",nice,\"['x']\",1\n";
  ASSERT_EQ(run(kHeader + kGood + row), 0) << out_;
  EXPECT_TRUE(says("r.csv:3:35: nutrition: expected 7 values, found 6")) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM recipes WHERE id = 2 AND calories IS NULL AND NOT is_clean"), 1);
}

TEST_F(BadInput, BadListLiteralIsLocated) {
  const std::string row = "pie,2,30,10,2005-09-16,\"['easy\",\"[1, 1, 2, 3, 4, 5, 6]\",1,\"['a']\",nice,\"['x']\",1\n";
  ASSERT_EQ(run(kHeader + kGood + row), 0) << out_;
  EXPECT_TRUE(says("r.csv:3:24: tags: bad list literal at character 2: unterminated string item")) << out_;
}

TEST_F(BadInput, StrictFailsOnFirstRowProblemAndWritesNothing) {
  const std::string row =
      "pie,2,abc,10,2005-09-16,\"['easy']\",\"[1, 1, 2, 3, 4, 5, 6]\",1,\"['a']\",nice,\"['x']\",1\n";
  EXPECT_EQ(run(kHeader + kGood + row, "--strict --max-bad-rows 1"), 3);
  EXPECT_TRUE(says("error: ")) << out_;
  EXPECT_TRUE(says("r.csv:3:7: minutes: expected an integer, found 'abc' (--strict)")) << out_;
  EXPECT_FALSE(fs::exists(db()));
  EXPECT_EQ(leftovers(), 0);
  auto o = options(kHeader + kGood + row);
  o.strict = true;
  EXPECT_THROW(run_ingest(o), DataLoadError);
}

TEST_F(BadInput, OnlyTheFirstFiveProblemsArePrinted) {
  std::string rows;
  for (int i = 2; i <= 9; ++i) {
    rows += "pie," + std::to_string(i) +
            ",x,10,2005-09-16,\"['easy']\",\"[1, 1, 2, 3, 4, 5, 6]\",1,\"['a']\",nice,\"['x']\",1\n";
  }
  ASSERT_EQ(run(kHeader + kGood + rows), 0) << out_;
  EXPECT_TRUE(says("r.csv:7:7: minutes")) << out_;
  EXPECT_FALSE(says("r.csv:8:7: minutes")) << out_;
  EXPECT_TRUE(says("3 more row problem(s) not shown")) << out_;
}

TEST_F(BadInput, UnterminatedQuoteIsStructural) {
  EXPECT_EQ(run(kHeader + kGood + "pie,2,30,10,2005-09-16,\"['easy'],x\n"), 3);
  EXPECT_TRUE(says("r.csv:3:24: unterminated quoted field")) << out_;
}

TEST_F(BadInput, TruncatedFileIsReported) {
  // Cut in the middle of the last record, after its 6th comma: 7 fields and no final line break.
  const std::string cut = kGood.substr(0, 40);
  ASSERT_EQ(run(kHeader + kGood + cut), 0) << out_;
  EXPECT_TRUE(says("r.csv:3:41: expected 12 fields, found 7")) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 1);
  // Cut right after a complete value: the row parses but has no line break, so it is flagged, not clean.
  ASSERT_EQ(run(kHeader + kGood + kGood.substr(0, kGood.size() - 1).replace(10, 1, "3")), 0) << out_;
  EXPECT_TRUE(says("no line break after the last record: the file may be truncated")) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM recipes WHERE NOT is_clean"), 1);
}

TEST_F(BadInput, EmptyAndHeaderOnlyFilesAreStructural) {
  EXPECT_EQ(run(""), 3);
  EXPECT_TRUE(says("r.csv: file is empty (expected a CSV header line)")) << out_;
  EXPECT_EQ(run(kHeader), 3);
  EXPECT_TRUE(says("r.csv:2: no data rows after the header")) << out_;
}

TEST_F(BadInput, BinaryFileIsStructural) {
  EXPECT_EQ(run(std::string("PK\x03\x04\x14\x00\x00\x00", 8) + "garbage"), 3);
  EXPECT_TRUE(says("r.csv: binary content (NUL byte at byte offset 5), expected CSV text")) << out_;
}

TEST_F(BadInput, InvalidOptionsExitWithUsageCode) {
  EXPECT_EQ(run(kHeader + kGood, "--min-minutes 10 --max-minutes 5"), 2);
  EXPECT_TRUE(says("--min-minutes (10) is greater than --max-minutes (5)")) << out_;
}

TEST_F(BadInput, FailedIngestLeavesExistingDatabaseIntact) {
  ASSERT_EQ(run(kHeader + kGood), 0) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 1);
  const auto before = fs::file_size(db());
  EXPECT_EQ(run(kHeader + kGood + "pie,2,\"never closed\n"), 3);
  EXPECT_EQ(fs::file_size(db()), before);
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 1);
  EXPECT_EQ(leftovers(), 0);
}

TEST_F(BadInput, StaleTempFileIsCleanedUp) {
  dir_.write("m.duckdb.ingest-tmp", "half-built garbage from an interrupted run");
  // What a SIGKILLed ingest of another process leaves: its own temp file and WAL.
  dir_.write("m.duckdb.ingest-tmp.999999", "half-built garbage");
  dir_.write("m.duckdb.ingest-tmp.999999.wal", "wal garbage");
  ASSERT_EQ(run(kHeader + kGood), 0) << out_;
  EXPECT_EQ(leftovers(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 1);
}

}  // namespace
}  // namespace mtm::data
