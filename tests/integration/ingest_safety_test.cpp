// An ingest never replaces good data with bad: the row-quality gate, spreadsheet dates, the lock on the
// target and the Kaggle zip archive, run through the binary as a user would.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "data/ingest/atomic_target.hpp"
#include "support/db_reader.hpp"
#include "support/temp_dir.hpp"

namespace mtm::data {
namespace {

namespace fs = std::filesystem;

const std::string kHeader =
    "name,id,minutes,contributor_id,submitted,tags,nutrition,n_steps,steps,description,ingredients,n_ingredients\n";
std::string recipe(int id, const std::string& name = "apple pie") {
  return name + "," + std::to_string(id) +
         ",30,10,2005-09-16,\"['easy']\",\"[100.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]\",1,\"['a']\",nice,\"['x']\",1\n";
}
const std::string kInteractionsHeader = "user_id,recipe_id,date,rating,review\n";

class IngestSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    recipes_ = kHeader + recipe(1) + recipe(2) + recipe(3);
    interactions_ = kInteractionsHeader + "7,1,2005-10-01,5,good\n8,2,2006-01-02,4,fine\n";
  }
  int ingest(const std::string& extra = "") {
    dir_.write("r.csv", recipes_);
    dir_.write("i.csv", interactions_);
    return test::run_command(test::binary_path() + " ingest --recipes " + (dir_ / "r.csv").string() +
                                 " --interactions " + (dir_ / "i.csv").string() + " --db " + db() + " " + extra,
                             &out_);
  }
  std::string db() const { return (dir_ / "m.duckdb").string(); }
  db::Value value(const std::string& sql) { return test::DbReader(db()).value(sql); }
  std::int64_t count(const std::string& sql) { return test::DbReader(db()).count(sql); }
  bool says(const std::string& text) const { return out_.find(text) != std::string::npos; }
  // Build a good database, then keep its size to prove a failed ingest did not touch it.
  void good_database() {
    ASSERT_EQ(ingest(), 0) << out_;
    good_size_ = fs::file_size(db());
  }
  void expect_good_database_kept() {
    EXPECT_EQ(fs::file_size(db()), good_size_);
    EXPECT_EQ(count("SELECT count(*) FROM recipes"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM interactions"), 2);
  }

  int leftovers() const { return test::ingest_leftovers(db()); }

  test::TempDir dir_;
  std::string recipes_;
  std::string interactions_;
  std::string out_;
  std::uintmax_t good_size_ = 0;
};

TEST_F(IngestSafety, SwappedIdAndNameColumnsFailAndKeepTheOldDatabase) {
  good_database();
  std::string swapped = kHeader;
  swapped.replace(0, 7, "id,name");
  recipes_ = swapped + recipe(4) + recipe(5) + recipe(6);
  EXPECT_EQ(ingest(), 3) << out_;
  EXPECT_TRUE(says("table recipes: no usable row among the 3 read (3 dropped or with a problem)")) << out_;
  EXPECT_TRUE(says("problems by kind:")) << out_;
  EXPECT_TRUE(says("        3  id: expected an integer")) << out_;
  EXPECT_TRUE(says("r.csv:2:1: id: expected an integer, found 'apple pie'")) << out_;
  EXPECT_TRUE(says("the database was not changed")) << out_;
  expect_good_database_kept();
}

TEST_F(IngestSafety, MoreBadRowsThanAllowedFailUnlessTheUserAcceptsThem) {
  good_database();
  recipes_ = kHeader + recipe(1) + recipe(2) + recipe(3) + "pie,4,abc,10,2005-09-16,x,x,1,x,x,x,1\n";
  EXPECT_EQ(ingest(), 3) << out_;
  EXPECT_TRUE(
      says("table recipes: 1 of 4 rows (25 %) were dropped or have a problem, more than the 1 % allowed "
           "(--max-bad-rows 0.01)"))
      << out_;
  EXPECT_TRUE(says("r.csv:5:7: minutes: expected an integer, found 'abc'")) << out_;
  expect_good_database_kept();

  EXPECT_EQ(ingest("--max-bad-rows 0.25"), 0) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 4);
  const auto parameters =
      std::get<std::string>(value("SELECT parameters FROM ingest_report WHERE rule = 'max_bad_rows'"));
  EXPECT_NE(parameters.find("\"max_bad_share\":0.25"), std::string::npos) << parameters;
  EXPECT_NE(parameters.find("\"recipes\":1"), std::string::npos) << parameters;
  EXPECT_EQ(count("SELECT rows_rejected FROM ingest_report WHERE rule = 'max_bad_rows'"), 1);
}

TEST_F(IngestSafety, TheShareIsValidated) {
  EXPECT_EQ(ingest("--max-bad-rows 5"), 2) << out_;
  EXPECT_TRUE(says("--max-bad-rows is a share of the rows read, within [0, 1]")) << out_;
}

TEST_F(IngestSafety, SpreadsheetDatesAreRead) {
  interactions_ = kInteractionsHeader + "7,1,2017/8/18,5,good\n8,2,2014-10-5,4,fine\n";
  ASSERT_EQ(ingest(), 0) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM interactions WHERE date = DATE '2017-08-18' AND is_clean"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM interactions WHERE date = DATE '2014-10-05' AND weekday IS NOT NULL"), 1);
}

TEST_F(IngestSafety, AmbiguousDatesNameTheOptionThatChoosesTheOrder) {
  good_database();
  interactions_ = kInteractionsHeader + "7,1,8/11/2017,5,good\n8,2,10/5/2014,4,fine\n";
  EXPECT_EQ(ingest(), 3) << out_;
  EXPECT_TRUE(
      says("i.csv:2:5: date: day and month order is ambiguous (M/D/YYYY or D/M/YYYY); choose with "
           "--date-order mdy or --date-order dmy, found '8/11/2017'"))
      << out_;
  expect_good_database_kept();
  ASSERT_EQ(ingest("--date-order mdy"), 0) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM interactions WHERE date = DATE '2017-08-11'"), 1);
  ASSERT_EQ(ingest("--date-order dmy"), 0) << out_;
  EXPECT_EQ(count("SELECT count(*) FROM interactions WHERE date = DATE '2017-11-08'"), 1);
  EXPECT_EQ(ingest("--date-order ymd"), 2) << out_;
  EXPECT_TRUE(says("'ymd' is not a date order: give mdy or dmy")) << out_;
}

TEST_F(IngestSafety, ASecondIngestIntoTheSameTargetIsRefusedNamingTheFirst) {
  good_database();
  {
    const ingest::TargetLock held(db());  // this process plays the first ingest
    EXPECT_EQ(ingest(), 4) << out_;
    EXPECT_TRUE(says("another ingest (pid " + std::to_string(::getpid()) + ") is writing '" + db() + "'")) << out_;
    expect_good_database_kept();
  }
  EXPECT_EQ(ingest(), 0) << out_;
}

TEST_F(IngestSafety, AKilledIngestLeavesTheOldDatabaseAndTheNextOneCleansUp) {
  good_database();
  const std::string raw = (dir_ / "raw").string();
  ASSERT_EQ(test::run_command(test::binary_path() + " generate --out " + raw + " --scale 0.02 --seed 3", &out_), 0)
      << out_;
  const std::string bin = test::binary_path();
  const std::string target = db();
  std::vector<std::string> args = {bin, "ingest", "--raw-dir", raw, "--db", target, "--quiet"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, bin.c_str(), nullptr, nullptr, argv.data(), environ), 0);
  // Kill it once its temp file exists, i.e. in the middle of building the new database.
  for (int i = 0; i < 3000 && leftovers() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the ingest ended before it was killed";
  EXPECT_GE(leftovers(), 1);
  expect_good_database_kept();
  EXPECT_EQ(ingest(), 0) << out_;
  EXPECT_EQ(leftovers(), 0);
}

TEST_F(IngestSafety, TempFilesAreUniquePerProcess) {
  EXPECT_NE(ingest_temp_path("/x/m.duckdb"), fs::path("/x/m.duckdb.ingest-tmp"));
  EXPECT_EQ(ingest_temp_path("/x/m.duckdb").string(), "/x/m.duckdb.ingest-tmp." + std::to_string(::getpid()));
}

// Zips the named files of dir_ into archive with Python's zipfile (names inside as given).
int zip(const test::TempDir& dir, const std::string& archive, const std::string& files, std::string* out) {
  return test::run_command("cd " + dir.path().string() +
                               " && python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], \"w\", "
                               "zipfile.ZIP_DEFLATED); [z.write(f, \"foodcom/\" + f) for f in sys.argv[2:]]' " +
                               archive + " " + files,
                           out);
}

TEST_F(IngestSafety, KaggleZipArchiveIsReadWithoutUnpacking) {
  dir_.write("RAW_recipes.csv", recipes_);
  dir_.write("RAW_interactions.csv", interactions_);
  dir_.write("interactions_test.csv", "user_id,recipe_id,date,rating,u,i\n7,1,2005-10-01,5.0,0,0\n");
  ASSERT_EQ(zip(dir_, "archive.zip", "RAW_recipes.csv RAW_interactions.csv interactions_test.csv", &out_), 0) << out_;
  ASSERT_EQ(test::run_command(
                test::binary_path() + " ingest --raw " + (dir_ / "archive.zip").string() + " --db " + db(), &out_),
            0)
      << out_;
  EXPECT_EQ(count("SELECT count(*) FROM recipes"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM interactions"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM interactions_test"), 1);
  EXPECT_EQ(std::get<std::string>(value("SELECT source FROM dataset_info")), (dir_ / "archive.zip").string());
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("foodcom")) << "unpacked: " << entry.path();
  }
}

TEST_F(IngestSafety, WrongOrCorruptArchivesGetAClearError) {
  good_database();
  dir_.write("RAW_recipes.csv", recipes_);
  ASSERT_EQ(zip(dir_, "partial.zip", "RAW_recipes.csv", &out_), 0) << out_;
  const std::string ingest_raw = test::binary_path() + " ingest --db " + db() + " --raw ";
  EXPECT_EQ(test::run_command(ingest_raw + (dir_ / "partial.zip").string(), &out_), 3);
  EXPECT_TRUE(says("partial.zip: the archive has no RAW_interactions.csv")) << out_;

  const std::string whole = test::read_file(dir_ / "partial.zip");
  dir_.write("cut.zip", whole.substr(0, whole.size() / 2));
  EXPECT_EQ(test::run_command(ingest_raw + (dir_ / "cut.zip").string(), &out_), 3);
  EXPECT_TRUE(says("cut.zip: cannot read the zip archive: ")) << out_;

  dir_.write("notes.txt", "not an archive");
  EXPECT_EQ(test::run_command(ingest_raw + (dir_ / "notes.txt").string(), &out_), 3);
  EXPECT_TRUE(says("notes.txt: not a zip archive")) << out_;
  expect_good_database_kept();
}

TEST_F(IngestSafety, CorruptEntryDataIsLocatedInTheArchive) {
  good_database();
  std::string rows = kHeader;
  for (int id = 1; id <= 200; ++id) rows += recipe(id, "pie number " + std::to_string(id * 7919));
  dir_.write("RAW_recipes.csv", rows);
  dir_.write("RAW_interactions.csv", interactions_);
  ASSERT_EQ(zip(dir_, "bad.zip", "RAW_recipes.csv RAW_interactions.csv", &out_), 0) << out_;
  std::string bytes = test::read_file(dir_ / "bad.zip");
  // Flip bytes in the middle of the first entry's compressed data (its local header is 30 + name bytes).
  const std::size_t data_start = 30 + std::string("foodcom/RAW_recipes.csv").size();
  for (std::size_t k = data_start + 40; k < data_start + 60; ++k) bytes[k] = static_cast<char>(bytes[k] ^ 0x5A);
  dir_.write("bad.zip", bytes);
  EXPECT_EQ(
      test::run_command(test::binary_path() + " ingest --db " + db() + " --raw " + (dir_ / "bad.zip").string(), &out_),
      3);
  EXPECT_TRUE(says("bad.zip:foodcom/RAW_recipes.csv")) << out_;
  expect_good_database_kept();
}

}  // namespace
}  // namespace mtm::data
