// The query and analyze subcommands, run as the built binary on a small database: output formats,
// exit codes and messages for bad input.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "data/duckdb.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

using nlohmann::json;

// POSIX shell single quoting: close the quote, emit an escaped quote, reopen.
std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    test::make_small_api_db(*dir_ / "small.duckdb");
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static std::string db() { return (*dir_ / "small.duckdb").string(); }

  static int run(const std::string& arguments, std::string* output) {
    return test::run_command(shell_quote(test::binary_path()) + " " + arguments, output);
  }

  static std::string query(const std::string& format, const std::string& sql, int expected_status = 0) {
    std::string out;
    EXPECT_EQ(run("query --db " + shell_quote(db()) + " --format " + format + " " + shell_quote(sql), &out),
              expected_status)
        << out;
    return out;
  }

  static inline std::unique_ptr<test::TempDir> dir_;
};

TEST_F(CliTest, QueryPrintsAnAlignedTable) {
  EXPECT_EQ(query("table", "SELECT count(*) AS recipes, 'a' AS x FROM recipes"),
            "recipes | x\n"
            "--------+--\n"
            "8       | a\n"
            "(1 row)\n");
  EXPECT_EQ(query("table", "SELECT 'l1' || chr(10) || 'l2' AS m UNION ALL SELECT 'z' ORDER BY m"),
            "m    \n"
            "-----\n"
            "l1 l2\n"
            "z    \n"
            "(2 rows)\n");
}

TEST_F(CliTest, QueryQuotesCsvFieldsOnlyWhenNeeded) {
  EXPECT_EQ(query("csv", "SELECT 'say \"hi\"' AS \"a,b\", 'x' || chr(10) || 'y' AS m, 3 AS n"),
            "\"a,b\",m,n\n"
            "\"say \"\"hi\"\"\",\"x\ny\",3\n");
}

TEST_F(CliTest, QueryPrintsJsonObjectsWithTypedValues) {
  const json rows =
      json::parse(query("json", "SELECT count(*) AS n, 2.5::DOUBLE AS d, 'é' AS s, NULL AS z FROM interactions"));
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0]["n"].get<int>(), test::SmallDbFacts::kInteractions);
  EXPECT_DOUBLE_EQ(rows[0]["d"].get<double>(), 2.5);
  EXPECT_EQ(rows[0]["s"].get<std::string>(), "é");
  EXPECT_TRUE(rows[0]["z"].is_null());
}

TEST_F(CliTest, QueryRejectsAMissingDatabaseAndBadSql) {
  std::string out;
  EXPECT_EQ(run("query --db " + shell_quote((*dir_ / "none.duckdb").string()) + " 'SELECT 1'", &out), 2);
  EXPECT_NE(out.find("none.duckdb' does not exist"), std::string::npos) << out;

  out = query("table", "SELECT * FROM no_such_table", 4);
  EXPECT_NE(out.find("no_such_table"), std::string::npos) << out;

  EXPECT_NE(run("query --db " + shell_quote(db()) + " --format xml 'SELECT 1'", &out), 0);
  EXPECT_NE(out.find("xml"), std::string::npos) << out;
}

TEST_F(CliTest, QueryOpensTheDatabaseReadOnly) {
  const std::string out = query("table", "CREATE TABLE t (x INTEGER)", 4);
  EXPECT_NE(out.find("read-only"), std::string::npos) << out;
}

TEST_F(CliTest, AnalyzeListsEveryRegisteredAnalysis) {
  std::string out;
  ASSERT_EQ(run("analyze --list", &out), 0) << out;
  for (const auto& a : analysis::analyses()) {
    EXPECT_NE(out.find(a.id + " "), std::string::npos) << a.id;
    EXPECT_NE(out.find(a.title_in("en")), std::string::npos) << a.id;
  }
}

TEST_F(CliTest, AnalyzePrintsTheSameJsonAsTheLibrary) {
  const analysis::Analysis* a = analysis::find_analysis("ratings.distribution");
  ASSERT_NE(a, nullptr);
  std::string out;
  ASSERT_EQ(run("analyze ratings.distribution --db " + shell_quote(db()) + " --pretty --lang fr", &out), 0) << out;
  db::Database database(db(), /*read_only=*/true);
  auto connection = database.connect();
  const auto filters = analysis::parse_filters({{"lang", "fr"}}, a->filters, a->defaults);
  // Through text on both sides, so NaN becomes null alike.
  EXPECT_EQ(json::parse(out), json::parse(analysis::localize(a->run(connection, filters), filters.lang)
                                              .dump(-1, ' ', false, json::error_handler_t::replace)));
  EXPECT_NE(out.find("\n  "), std::string::npos) << "--pretty indents";
}

TEST_F(CliTest, AnalyzeNamesTheBadInput) {
  std::string out;
  EXPECT_EQ(run("analyze nope.nothing --db " + shell_quote(db()), &out), 2);
  EXPECT_NE(out.find("unknown analysis 'nope.nothing'"), std::string::npos) << out;

  EXPECT_EQ(run("analyze ratings.distribution --year_from abc --db " + shell_quote(db()), &out), 2);
  EXPECT_NE(out.find("parameter 'year_from' must be an integer, got 'abc'"), std::string::npos) << out;

  EXPECT_EQ(run("analyze ratings.distribution --db " + shell_quote((*dir_ / "none.duckdb").string()), &out), 2);
  EXPECT_NE(out.find("does not exist"), std::string::npos) << out;
}

}  // namespace
}  // namespace mtm
