#include "data/csv/csv_reader.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"

namespace mtm::data::csv {
namespace {

std::vector<std::vector<std::string>> read_all(CsvReader& reader) {
  std::vector<std::vector<std::string>> rows;
  CsvRecord record;
  while (reader.next(record)) {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < record.size(); ++i) row.emplace_back(record[i]);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::vector<std::string>> read_text(const std::string& text) {
  auto reader = CsvReader::from_string(text, "t.csv");
  return read_all(reader);
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, UnquotesRfc4180Fields) {
  EXPECT_EQ(read_text("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",plain\n"),
            (Rows{{"a", "b", "c"}, {"x, y", "say \"hi\"", "plain"}}));
}

TEST(CsvReader, AcceptsCrlfRecordEnds) {
  EXPECT_EQ(read_text("a,b\r\n1,2\r\n3,4\r\n"), (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
}

TEST(CsvReader, AcceptsLfAndLoneCrRecordEnds) {
  EXPECT_EQ(read_text("a,b\n1,2\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_text("a,b\r1,2\r"), (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, AcceptsLfRecordsWithCrlfInsideFields) {
  // The pandas re-export: LF record ends, CRLF kept inside quoted fields.
  EXPECT_EQ(read_text("id,text\n1,\"line one\r\nline two\"\n2,x\r\n3,y\n"),
            (Rows{{"id", "text"}, {"1", "line one\r\nline two"}, {"2", "x"}, {"3", "y"}}));
}

TEST(CsvReader, KeepsLineNumbersAcrossMultiLineFields) {
  auto reader = CsvReader::from_string("h1,h2\r\n1,\"a\r\nb\r\nc\"\r\n2,zz\r\n", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.start().line, 2);
  EXPECT_EQ(record[1], "a\r\nb\r\nc");
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.start().line, 5);
  EXPECT_EQ(record.position(1).line, 5);
  EXPECT_EQ(record.position(1).column, 3);
}

TEST(CsvReader, DistinguishesEmptyAndQuotedEmptyFields) {
  auto reader = CsvReader::from_string("a,b,c\n,\"\",\n", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  ASSERT_EQ(record.size(), 3u);
  EXPECT_EQ(record[0], "");
  EXPECT_FALSE(record.quoted(0));
  EXPECT_EQ(record[1], "");
  EXPECT_TRUE(record.quoted(1));
  EXPECT_EQ(record[2], "");
}

TEST(CsvReader, SkipsBlankLinesAndBom) {
  EXPECT_EQ(read_text("\xEF\xBB\xBFname,id\n\nx,1\r\n\r\ny,2\n\n"), (Rows{{"name", "id"}, {"x", "1"}, {"y", "2"}}));
}

// Regression (fuzz_csv_reader): after a BOM, positions on line 1 were 3 bytes too small (column -2).
TEST(CsvReader, CountsColumnsOfTheFirstLineAfterTheBom) {
  auto reader = CsvReader::from_string("\xEF\xBB\xBFname,id\r\n\"bad\"quote,1\r2,3", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.position(0).line, 1);
  EXPECT_EQ(record.position(0).column, 1);
  EXPECT_EQ(record.position(1).column, 6);
  EXPECT_EQ(record.end().column, 8);
  EXPECT_EQ(reader.bytes_read(), 11);  // the BOM, "name,id" and the CR (its LF goes with the next record)
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.problem(), "unexpected text after a closing quote");
  EXPECT_EQ(record.position(1).column, 12);
}

TEST(CsvReader, SkipsTheBomOfAFile) {
  test::TempDir dir;
  const auto path = dir.write("bom.csv", "\xEF\xBB\xBFid,name\n7,x\n");
  CsvReader reader(path.string());
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record[0], "id");
  EXPECT_EQ(record.position(1).column, 4);
  CsvReader moved(std::move(reader));
  ASSERT_TRUE(moved.next(record));
  EXPECT_EQ(record[0], "7");
  EXPECT_EQ(record.start().line, 2);
  EXPECT_EQ(moved.source(), path.string());
  EXPECT_FALSE(moved.next(record));
}

TEST(CsvReader, RejectsNulBytesInMemoryText) {
  try {
    CsvReader::from_string(std::string("a,b\n1,\0\n", 8), "mem.csv");
    FAIL() << "expected a DataLoadError";
  } catch (const DataLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("binary content (NUL byte at byte offset 6)"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("mem.csv"), std::string::npos) << e.what();
  }
}

TEST(CsvReader, KeepsUtf8AndHtmlEntitiesVerbatim) {
  EXPECT_EQ(read_text("r\n\"crème &amp; brûlée&#039;s <br/> â€”\"\n"),
            (Rows{{"r"}, {"crème &amp; brûlée&#039;s <br/> â€”"}}));
}

TEST(CsvReader, FlagsInvalidUtf8WithFieldPosition) {
  auto reader = CsvReader::from_string("a,b\nok,bad\xFF\n", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_TRUE(record.problem().empty());
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.problem(), "invalid UTF-8 in field 2");
  EXPECT_EQ(record.problem_position().line, 2);
  EXPECT_EQ(record.problem_position().column, 4);
}

TEST(CsvReader, FlagsTextAfterClosingQuote) {
  auto reader = CsvReader::from_string("a,b\n\"x\"y,z\n", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.problem(), "unexpected text after a closing quote");
  EXPECT_EQ(record.problem_position().column, 4);
}

TEST(CsvReader, MarksLastRecordWithoutLineBreak) {
  auto reader = CsvReader::from_string("a,b\n1,2\n3,4", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  EXPECT_FALSE(record.unterminated());
  ASSERT_TRUE(reader.next(record));
  EXPECT_TRUE(record.unterminated());
  EXPECT_EQ(record[1], "4");
  EXPECT_FALSE(reader.next(record));
}

TEST(CsvReader, ReportsFieldColumns) {
  auto reader = CsvReader::from_string("a,b,c\nxx,\"y\",zzz\n", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.position(0).column, 1);
  EXPECT_EQ(record.position(1).column, 4);
  EXPECT_EQ(record.position(2).column, 8);
  EXPECT_EQ(record.end().column, 11);
}

TEST(CsvReader, RejectsUnterminatedQuote) {
  auto reader = CsvReader::from_string("a,b\n1,2\n3,\"never closed\n4,5\n", "t.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  try {
    reader.next(record);
    FAIL() << "expected DataLoadError";
  } catch (const DataLoadError& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 3);
    EXPECT_NE(std::string(e.what()).find("t.csv:3:3: unterminated quoted field"), std::string::npos) << e.what();
  }
}

TEST(CsvReader, RejectsEmptyInput) {
  EXPECT_THROW(CsvReader::from_string("", "t.csv"), DataLoadError);
  test::TempDir dir;
  const auto path = dir.write("empty.csv", "");
  try {
    CsvReader reader(path.string(), "empty.csv");
    FAIL() << "expected DataLoadError";
  } catch (const DataLoadError& e) {
    EXPECT_STREQ(e.what(), "empty.csv: file is empty (expected a CSV header line)");
  }
}

TEST(CsvReader, RejectsBinaryContent) {
  test::TempDir dir;
  const auto path = dir.write("bin.csv", std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8));
  try {
    CsvReader reader(path.string(), "bin.csv");
    FAIL() << "expected DataLoadError";
  } catch (const DataLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("bin.csv: binary content (NUL byte at byte offset 3)"), std::string::npos)
        << e.what();
  }
}

TEST(CsvReader, RejectsMissingFile) {
  try {
    CsvReader reader("/nonexistent/RAW_recipes.csv");
    FAIL() << "expected DataLoadError";
  } catch (const DataLoadError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/RAW_recipes.csv: cannot open file: No such file or directory");
  }
}

TEST(CsvReader, StreamsRecordsAcrossBufferBoundaries) {
  // Over 3 MiB so records and quoted multi-line fields straddle the 1 MiB buffer refills.
  std::string text = "id,text\r\n";
  const int rows = 60000;
  for (int i = 0; i < rows; ++i) {
    text += std::to_string(i) + ",\"row " + std::to_string(i) + ", has \"\"quotes\"\"\r\nand a second line\"\r\n";
  }
  test::TempDir dir;
  const auto path = dir.write("big.csv", text);
  ASSERT_GT(text.size(), 3u << 20);
  CsvReader reader(path.string());
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  int n = 0;
  while (reader.next(record)) {
    ASSERT_EQ(record.size(), 2u);
    ASSERT_EQ(record[0], std::to_string(n));
    ASSERT_EQ(record[1], "row " + std::to_string(n) + ", has \"quotes\"\r\nand a second line");
    ASSERT_EQ(record.start().line, 2 + 2 * n);
    ++n;
  }
  EXPECT_EQ(n, rows);
  EXPECT_EQ(reader.bytes_read(), static_cast<std::int64_t>(text.size()));
}

TEST(CsvReader, ValidatesUtf8) {
  EXPECT_TRUE(is_valid_utf8("plain ascii text, longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("crème brûlée ✓ 𝄞"));
  std::size_t bad = 0;
  EXPECT_FALSE(is_valid_utf8("abc\xC3", &bad));  // truncated sequence
  EXPECT_EQ(bad, 3u);
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
}

}  // namespace
}  // namespace mtm::data::csv
