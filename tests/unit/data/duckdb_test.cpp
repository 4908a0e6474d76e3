#include "data/duckdb.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"

namespace mtm::db {
namespace {

TEST(DuckDb, PreparedStatementBindsValuesNeverPastes) {
  Database database("");
  auto con = database.connect();
  con.execute("CREATE TABLE t(name VARCHAR, n BIGINT)");
  PreparedStatement insert(con, "INSERT INTO t VALUES (?, ?)");
  insert.bind(1, "x'); DROP TABLE t; --").bind(2, std::int64_t{2147483648}).execute();
  auto rows = con.query("SELECT name, n FROM t").rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(rows[0][0]), "x'); DROP TABLE t; --");
  EXPECT_EQ(std::get<std::int64_t>(rows[0][1]), 2147483648);
}

TEST(DuckDb, PrepareErrorThrowsDatabaseErrorWithReason) {
  Database database("");
  auto con = database.connect();
  try {
    PreparedStatement bad(con, "SELECT * FROM missing_table WHERE x = ?");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("missing_table"), std::string::npos);
  }
}

TEST(DuckDb, AppenderWritesListsDatesAndNulls) {
  Database database("");
  auto con = database.connect();
  con.execute("CREATE TABLE r(id BIGINT, d DATE, tags VARCHAR[], note VARCHAR)");
  {
    Appender app(con, "r");
    app.append(std::int64_t{7}).append(*parse_date("2008-02-29")).append(std::vector<std::string>{"a, b", "c'd"});
    app.append_null().end_row();
    app.close();
  }
  auto rows = con.query("SELECT id, CAST(d AS VARCHAR), len(tags), tags[1], note IS NULL FROM r").rows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(rows[0][1]), "2008-02-29");
  EXPECT_EQ(std::get<std::int64_t>(rows[0][2]), 2);
  EXPECT_EQ(std::get<std::string>(rows[0][3]), "a, b");
  EXPECT_TRUE(std::get<bool>(rows[0][4]));
}

TEST(DuckDb, AppenderAndBindAcceptEmptyLists) {
  Database database("");
  auto con = database.connect();
  con.execute("CREATE TABLE r(tags VARCHAR[])");
  {
    Appender app(con, "r");
    app.append(std::vector<std::string>{}).end_row();
    app.close();
  }
  EXPECT_EQ(std::get<std::int64_t>(con.query("SELECT len(tags) FROM r").scalar()), 0);
  PreparedStatement count(con, "SELECT count(*) FROM r WHERE list_contains(?, 'x')");
  EXPECT_EQ(std::get<std::int64_t>(count.bind(1, std::vector<std::string>{}).execute().scalar()), 0);
}

TEST(DuckDb, ChunkReadsTypedColumnsAndStringLists) {
  Database database("");
  auto con = database.connect();
  auto result = con.query("SELECT 1.5::DOUBLE, 42::INTEGER, 'txt', ['x', 'y'], DATE '1970-01-02'");
  auto chunk = result.next_chunk();
  ASSERT_TRUE(chunk.has_value());
  EXPECT_DOUBLE_EQ(chunk->get_double(0, 0), 1.5);
  EXPECT_EQ(chunk->get_int64(1, 0), 42);
  EXPECT_EQ(chunk->get_string(2, 0), "txt");
  EXPECT_EQ(chunk->get_string_list(3, 0), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(chunk->get_int64(4, 0), 1);
}

TEST(DuckDb, ReadOnlyDatabaseRejectsWrites) {
  test::TempDir dir;
  const auto path = (dir / "ro.duckdb").string();
  {
    Database database(path);
    database.connect().execute("CREATE TABLE t(x INTEGER)");
  }
  Database ro(path, true);
  auto con = ro.connect();
  EXPECT_THROW(con.execute("INSERT INTO t VALUES (1)"), DatabaseError);
}

TEST(DuckDb, OpenMissingDirectoryFailsWithPath) {
  try {
    Database database("/nonexistent-dir/x.duckdb");
    FAIL();
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/x.duckdb"), std::string::npos);
  }
}

TEST(Dates, ParseAndFormatRoundTripAndRejectInvalid) {
  EXPECT_EQ(parse_date("1970-01-01")->days, 0);
  EXPECT_EQ(format_date(*parse_date("1999-08-06")), "1999-08-06");
  EXPECT_EQ(format_date(*parse_date("2018-12-04")), "2018-12-04");
  EXPECT_TRUE(parse_date("2000-02-29").has_value());
  EXPECT_FALSE(parse_date("1900-02-29").has_value());
  EXPECT_FALSE(parse_date("2017/8/18").has_value());
  EXPECT_FALSE(parse_date("2017-13-01").has_value());
  EXPECT_FALSE(parse_date("").has_value());
}

}  // namespace
}  // namespace mtm::db
