#include "data/duckdb.hpp"

#include <duckdb.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "data/flat_storage.hpp"
#include "data/huge_page_allocator.hpp"
#include "support/temp_dir.hpp"

namespace mtm::db {
namespace {

// The header is vendored (third_party/duckdb), the library comes from npm: both must be the pinned version.
TEST(DuckDb, LibraryIsTheVersionOfTheVendoredHeader) {
  EXPECT_EQ(std::string(duckdb_library_version()), std::string("v") + MTM_DUCKDB_VERSION);
}

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

TEST(DuckDb, EvictCachedBlocksReleasesWhatAQueryRead) {
  test::TempDir dir;
  const auto path = (dir / "cached.duckdb").string();
  {
    Database database(path);
    // Hashes do not compress: 2 x 4M x 8 bytes = 64 MB of blocks to read back.
    database.connect().execute("CREATE TABLE t AS SELECT hash(range) AS x, hash(range + 1) AS y FROM range(4000000)");
  }
  Database database(path, true);
  auto con = database.connect();
  const auto buffered = [&] {
    auto rows = con.query("SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()").rows();
    return std::get<std::int64_t>(rows.at(0).at(0));
  };
  // The buffer manager's own limit in bytes (pragma_database_size reports it as "18.8 GiB" and the like).
  const auto limit = [&] {
    const auto text =
        std::get<std::string>(con.query("SELECT memory_limit FROM pragma_database_size() LIMIT 1").rows().at(0).at(0));
    const std::size_t space = text.find(' ');
    const std::string unit = text.substr(space + 1);
    const double scale = unit == "KiB" ? 1024.0 : unit == "MiB" ? 1048576.0 : unit == "GiB" ? 1073741824.0 : 1.0;
    return std::stod(text.substr(0, space)) * scale;
  };
  const double default_limit = limit();
  ASSERT_GT(default_limit, 256.0 * 1048576) << "DuckDB's default limit is 80 % of the machine's memory";
  const auto checksum = [&] {
    return std::get<std::string>(con.query("SELECT (sum(x) + sum(y))::VARCHAR FROM t").rows().at(0).at(0));
  };
  const std::string before = checksum();
  // Derived data (what the analyses built from the tables) is not DuckDB's cache: it must survive.
  auto kept = con.derived().get("evict-test", [] { return std::make_shared<int>(42); });
  const std::int64_t after_read = buffered();
  EXPECT_GT(after_read, 32LL << 20) << "64 MB of columns were read";
  EXPECT_TRUE(con.evict_cached_blocks());
  EXPECT_LT(buffered(), after_read / 4);
  // The buffer manager's limit is back (not left at 8 MB) and the data reads again.
  EXPECT_GE(limit(), 0.99 * default_limit);
  EXPECT_LE(limit(), default_limit);
  EXPECT_EQ(checksum(), before);
  const auto again = con.derived().get("evict-test", [] { return std::make_shared<int>(0); });
  EXPECT_EQ(again, kept) << "the eviction dropped the derived data";
  EXPECT_EQ(*std::static_pointer_cast<int>(again), 42);
}

TEST(DuckDb, OpenMissingDirectoryFailsWithPath) {
  try {
    Database database("/nonexistent-dir/x.duckdb");
    FAIL();
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/x.duckdb"), std::string::npos);
  }
}

// Each SQL literal's value is fixed by its cast, so the expected Value is known without running DuckDB.
TEST(DuckDb, ReadsEveryColumnTypeAsAValue) {
  Database database("");
  auto con = database.connect();
  auto rows = con.query(
                     "SELECT true, -5::TINYINT, -300::SMALLINT, -70000::INTEGER, 200::UTINYINT, 60000::USMALLINT, "
                     "4000000000::UINTEGER, 9000000000::UBIGINT, 12345678901234567890123::HUGEINT, 0.5::FLOAT, "
                     "12.5::DECIMAL(4,1), -1234567.89::DECIMAL(9,2), 123456789012.345::DECIMAL(18,3), "
                     "12345678901234567890.25::DECIMAL(30,2), DATE '2008-02-29', TIMESTAMP '2019-12-31 23:59:58', "
                     "[1, NULL, 3], [['a'], []], NULL::INTEGER[], INTERVAL 1 DAY")
                  .rows();
  ASSERT_EQ(rows.size(), 1U);
  const auto& r = rows[0];
  ASSERT_EQ(r.size(), 20U);
  EXPECT_EQ(std::get<bool>(r[0]), true);
  EXPECT_EQ(std::get<std::int64_t>(r[1]), -5);
  EXPECT_EQ(std::get<std::int64_t>(r[2]), -300);
  EXPECT_EQ(std::get<std::int64_t>(r[3]), -70000);
  EXPECT_EQ(std::get<std::int64_t>(r[4]), 200);
  EXPECT_EQ(std::get<std::int64_t>(r[5]), 60000);
  EXPECT_EQ(std::get<std::int64_t>(r[6]), 4000000000);
  EXPECT_EQ(std::get<std::int64_t>(r[7]), 9000000000);
  EXPECT_DOUBLE_EQ(std::get<double>(r[8]), 12345678901234567890123.0);
  EXPECT_DOUBLE_EQ(std::get<double>(r[9]), 0.5);
  EXPECT_DOUBLE_EQ(std::get<double>(r[10]), 12.5);
  EXPECT_DOUBLE_EQ(std::get<double>(r[11]), -1234567.89);
  EXPECT_DOUBLE_EQ(std::get<double>(r[12]), 123456789012.345);
  EXPECT_DOUBLE_EQ(std::get<double>(r[13]), 12345678901234567890.25);
  EXPECT_EQ(std::get<std::string>(r[14]), "2008-02-29");
  EXPECT_EQ(std::get<std::string>(r[15]), "2019-12-31 23:59:58");
  EXPECT_EQ(std::get<std::string>(r[16]), "[1, NULL, 3]");
  EXPECT_EQ(std::get<std::string>(r[17]), "[[a], []]");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(r[18]));
  EXPECT_EQ(std::get<std::string>(r[19]), "<unsupported type>");
  EXPECT_EQ(to_text(r[0]), "true");
  EXPECT_EQ(to_text(Value{false}), "false");
  EXPECT_EQ(to_text(r[1]), "-5");
  EXPECT_EQ(to_text(r[10]), "12.5");
  EXPECT_EQ(to_text(r[18]), "");
}

TEST(DuckDb, ChunkAccessorsConvertAndRejectWrongTypes) {
  Database database("");
  auto con = database.connect();
  auto result = con.query(
      "SELECT 7::INTEGER AS i, 2.25::DOUBLE AS d, 'x' AS s, DATE '1970-01-11' AS day, "
      "true AS b, NULL::DOUBLE AS n, 1.5::DECIMAL(3,1) AS dec, ['p', NULL] AS l");
  EXPECT_EQ(result.column_count(), 8U);
  EXPECT_EQ(result.column_name(3), "day");
  EXPECT_EQ(result.column_type(1), DUCKDB_TYPE_DOUBLE);
  auto chunk = result.next_chunk();
  ASSERT_TRUE(chunk.has_value());
  EXPECT_EQ(chunk->get_int64(0, 0), 7);
  EXPECT_EQ(chunk->get_int64(3, 0), 10);  // days since 1970-01-01
  EXPECT_EQ(chunk->get_int64(4, 0), 1);
  EXPECT_EQ(chunk->get_int64(6, 0), 1);  // 1.5 truncated
  EXPECT_DOUBLE_EQ(chunk->get_double(1, 0), 2.25);
  EXPECT_DOUBLE_EQ(chunk->get_double(0, 0), 7.0);
  EXPECT_DOUBLE_EQ(chunk->get_double(6, 0), 1.5);
  EXPECT_TRUE(std::isnan(chunk->get_double(5, 0)));
  EXPECT_TRUE(chunk->is_null(5, 0));
  EXPECT_EQ(chunk->get_string(2, 0), "x");
  EXPECT_EQ(chunk->get_string_list(7, 0), (std::vector<std::string>{"p", ""}));
  EXPECT_THROW((void)chunk->get_int64(2, 0), DatabaseError);
  EXPECT_THROW((void)chunk->get_double(2, 0), DatabaseError);
  EXPECT_THROW((void)chunk->get_string(0, 0), DatabaseError);
  Chunk moved = std::move(*chunk);
  EXPECT_EQ(moved.size(), 1U);
  EXPECT_FALSE(result.next_chunk().has_value());
}

TEST(DuckDb, ColumnViewsReadWholeColumnsAndRejectOtherTypes) {
  Database database("");
  auto con = database.connect();
  // 3000 rows span two chunks (2048 rows each); every third row NULL, strings on both sides of the 12-byte
  // inline limit.
  auto result = con.stream(
      "SELECT i::BIGINT AS big, CASE WHEN i % 3 = 0 THEN NULL ELSE i::INTEGER END AS small, i / 4 AS d, "
      "DATE '1970-01-01' + i::INTEGER AS day, repeat('ab', i % 10) AS s FROM range(3000) t(i)");
  std::size_t row_at = 0;
  std::size_t chunks = 0;
  while (auto chunk = result.next_chunk()) {
    ++chunks;
    const auto big = chunk->column<std::int64_t>(0);
    const auto small = chunk->column<std::int32_t>(1);
    const auto d = chunk->column<double>(2);
    const auto day = chunk->column<std::int32_t>(3);
    const auto s = chunk->strings(4);
    for (std::size_t row = 0; row < chunk->size(); ++row, ++row_at) {
      const auto i = static_cast<std::int64_t>(row_at);
      ASSERT_TRUE(big.valid(row));
      EXPECT_EQ(big[row], i);
      EXPECT_EQ(small.valid(row), i % 3 != 0);
      if (small.valid(row)) {
        EXPECT_EQ(small[row], i);
      }
      EXPECT_DOUBLE_EQ(d[row], static_cast<double>(i) / 4.0);
      EXPECT_EQ(day[row], i);
      std::string expected;
      for (std::int64_t k = 0; k < i % 10; ++k) expected += "ab";
      EXPECT_EQ(s[row], expected);
    }
    EXPECT_THROW((void)chunk->column<std::int32_t>(0), DatabaseError);
    EXPECT_THROW((void)chunk->column<double>(1), DatabaseError);
    EXPECT_THROW((void)chunk->strings(0), DatabaseError);
  }
  EXPECT_EQ(row_at, 3000U);
  EXPECT_EQ(chunks, 2U);
  EXPECT_THROW(con.stream("SELECT * FROM no_such_table"), DatabaseError);
}

TEST(DuckDb, ScalarNeedsExactlyOneValue) {
  Database database("");
  auto con = database.connect();
  EXPECT_EQ(std::get<std::int64_t>(con.query("SELECT 42").scalar()), 42);
  try {
    (void)con.query("SELECT * FROM range(3)").scalar();
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_STREQ(e.what(), "expected one value, got 3 row(s)");
  }
  Result empty;
  EXPECT_EQ(empty.column_count(), 0U);
  EXPECT_EQ(empty.rows_changed(), 0);
  EXPECT_FALSE(empty.next_chunk().has_value());
}

TEST(DuckDb, MovedHandlesStayUsableAndBindErrorsNameTheParameter) {
  Database first("");
  Database database(std::move(first));
  Database other("");
  other = std::move(database);
  auto con = other.connect();
  Connection con2 = other.connect();
  con2 = std::move(con);
  con2.execute("CREATE TABLE t(d DATE, x DOUBLE, b BOOLEAN, l VARCHAR[], n INTEGER)");
  PreparedStatement insert(con2, "INSERT INTO t VALUES (?, ?, ?, ?, ?)");
  PreparedStatement moved(std::move(insert));
  PreparedStatement target(con2, "SELECT 1");
  target = std::move(moved);
  EXPECT_EQ(target.parameter_count(), 5U);
  target.bind(1, Date{365}).bind(2, 0.25).bind(3, true).bind(4, std::vector<std::string>{"a", "b"}).bind_null(5);
  EXPECT_EQ(target.execute().rows_changed(), 1);
  try {
    target.bind(6, std::int64_t{1});
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_STREQ(e.what(), "cannot bind an integer to parameter 6 (statement has 5 parameter(s))");
  }
  auto rows = con2.query("SELECT d, x, b, l, n FROM t").rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(std::get<std::string>(rows[0][0]), "1971-01-01");
  EXPECT_DOUBLE_EQ(std::get<double>(rows[0][1]), 0.25);
  EXPECT_EQ(std::get<bool>(rows[0][2]), true);
  EXPECT_EQ(std::get<std::string>(rows[0][3]), "[a, b]");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(rows[0][4]));
}

TEST(DuckDb, AppenderNamesTheTableInErrors) {
  Database database("");
  auto con = database.connect();
  try {
    Appender missing(con, "no_such_table");
    FAIL() << "expected DatabaseError";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("table 'no_such_table'"), std::string::npos) << e.what();
  }
  con.execute("CREATE TABLE t(a INTEGER, b DOUBLE, c BOOLEAN)");
  Appender appender(con, "t");
  appender.append(std::int32_t{3}).append(1.5).append(false).end_row();
  Appender moved(std::move(appender));
  moved.append(std::optional<std::int32_t>{}).append(std::optional<double>{2.0}).append(true).end_row();
  moved.close();
  auto rows = con.query("SELECT a, b, c FROM t ORDER BY b").rows();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(std::get<std::int64_t>(rows[0][0]), 3);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(rows[1][0]));
  EXPECT_EQ(std::get<bool>(rows[1][2]), true);
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

namespace mtm::data {
namespace {

TEST(FlatStorage, FlatListsSliceTheValuesByStarts) {
  FlatLists<std::uint32_t> lists;
  EXPECT_EQ(lists.size(), 0U);
  lists.starts = {0, 2, 2, 5};
  lists.values = {7, 9, 1, 2, 3};
  ASSERT_EQ(lists.size(), 3U);
  EXPECT_EQ(std::vector<std::uint32_t>(lists[0].begin(), lists[0].end()), (std::vector<std::uint32_t>{7, 9}));
  EXPECT_TRUE(lists[1].empty());
  EXPECT_EQ(std::vector<std::uint32_t>(lists[2].begin(), lists[2].end()), (std::vector<std::uint32_t>{1, 2, 3}));
}

TEST(FlatStorage, PackedStringsKeepEachStringWrittenInAnyOrder) {
  PackedStrings strings;
  strings.assign(3, 10);
  strings.set(2, std::string(5000, 'x'));  // more than the room announced: the buffer grows
  strings.set(0, "first");
  ASSERT_EQ(strings.size(), 3U);
  EXPECT_EQ(strings[0], "first");
  EXPECT_EQ(strings[1], "");
  EXPECT_EQ(strings[2], std::string(5000, 'x'));
  strings.push_back("last");
  EXPECT_EQ(strings.size(), 4U);
  EXPECT_EQ(strings[3], "last");
  EXPECT_EQ(strings[0], "first");
  strings.release();
  EXPECT_EQ(strings.size(), 0U);
}

TEST(FlatStorage, BigVectorMapsLargeBlocksZeroedAndAligned) {
  // Above the threshold the block is mapped on its own: zeroed by the system, on a 2 MiB boundary.
  const std::size_t n = huge_pages::kMinBytes / sizeof(std::uint32_t) + 1;
  BigVector<std::uint32_t> big(n);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(big.data()) % (std::size_t{2} << 20), 0U);
  EXPECT_EQ(big.front(), 0U);
  EXPECT_EQ(big.back(), 0U);
  big.back() = 42;
  big.push_back(43);  // grows: a new block, the old one unmapped
  EXPECT_EQ(big[n - 1], 42U);
  EXPECT_EQ(big[n], 43U);
  BigVector<std::uint32_t> small(10, 5);
  EXPECT_EQ(small[9], 5U);
}

}  // namespace
}  // namespace mtm::data
