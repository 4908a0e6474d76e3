// The ingest's small parts on their own: the date layouts, the kind of a row problem, the quality gate's text.
#include <gtest/gtest.h>

#include <variant>

#include "core/errors.hpp"
#include "data/duckdb.hpp"
#include "data/ingest/dates.hpp"
#include "data/ingest/quality_gate.hpp"
#include "data/ingest/row_reader.hpp"

namespace mtm::data::ingest {
namespace {

std::string iso(std::string_view text, DateOrder order = DateOrder::Unset) {
  auto parsed = parse_ingest_date(text, order);
  if (const auto* problem = std::get_if<DateProblem>(&parsed)) return "problem: " + problem->message;
  return db::format_date(std::get<db::Date>(parsed));
}

TEST(IngestDates, KaggleAndSpreadsheetLayoutsAreRead) {
  EXPECT_EQ(iso("2017-08-18"), "2017-08-18");
  EXPECT_EQ(iso("2017/8/18"), "2017-08-18");
  EXPECT_EQ(iso("2017/08/01"), "2017-08-01");
  EXPECT_EQ(iso("2014-10-5"), "2014-10-05");
  EXPECT_EQ(iso("2000/2/29"), "2000-02-29");
}

TEST(IngestDates, ImpossibleDatesAndOtherShapesAreProblems) {
  EXPECT_EQ(iso("2001/2/29"), "problem: expected a date YYYY-MM-DD");
  EXPECT_EQ(iso("2005-13-45"), "problem: expected a date YYYY-MM-DD");
  EXPECT_EQ(iso("yesterday"), "problem: expected a date YYYY-MM-DD");
  EXPECT_EQ(iso("2017/8"), "problem: expected a date YYYY-MM-DD");
  EXPECT_EQ(iso("17/8/18"), "problem: expected a date YYYY-MM-DD");
  EXPECT_EQ(iso("2017/8/18/1"), "problem: expected a date YYYY-MM-DD");
}

TEST(IngestDates, DayAndMonthFirstNeedAnOrder) {
  EXPECT_EQ(iso("8/11/2017"),
            "problem: day and month order is ambiguous (M/D/YYYY or D/M/YYYY); choose with "
            "--date-order mdy or --date-order dmy");
  EXPECT_EQ(iso("8/11/2017", DateOrder::MonthFirst), "2017-08-11");
  EXPECT_EQ(iso("8/11/2017", DateOrder::DayFirst), "2017-11-08");
  EXPECT_EQ(iso("18.8.2017", DateOrder::DayFirst), "2017-08-18");
  EXPECT_EQ(iso("18/8/2017", DateOrder::MonthFirst), "problem: expected a date YYYY-MM-DD");
}

TEST(IngestDates, OrderNames) {
  EXPECT_EQ(parse_date_order("mdy"), DateOrder::MonthFirst);
  EXPECT_EQ(parse_date_order("dmy"), DateOrder::DayFirst);
  EXPECT_EQ(parse_date_order(""), DateOrder::Unset);
  EXPECT_FALSE(parse_date_order("ymd").has_value());
  EXPECT_EQ(date_order_name(DateOrder::MonthFirst), "mdy");
  EXPECT_EQ(date_order_name(DateOrder::DayFirst), "dmy");
  EXPECT_EQ(date_order_name(DateOrder::Unset), "unset");
}

TEST(IngestRowProblems, KindDropsTheQuotedValue) {
  EXPECT_EQ(problem_kind("minutes: expected an integer, found 'abc'"), "minutes: expected an integer");
  EXPECT_EQ(problem_kind("expected 12 fields, found 11"), "expected 12 fields");
  EXPECT_EQ(problem_kind("tags: bad list literal at character 2: unterminated string item"), "tags: bad list literal");
  EXPECT_EQ(problem_kind("id: missing value"), "id: missing value");
}

TEST(IngestRowProblems, KindsAreCountedInOrderOfFirstSight) {
  TableSummary summary;
  RowErrors errors("f.csv", false, 1, summary);
  errors.add({2, 7}, "minutes: expected an integer, found 'x'");
  errors.add({3, 1}, "id: missing value");
  errors.add({4, 7}, "minutes: expected an integer, found 'y'");
  errors.count_kind("id: duplicate (the first row is kept)");
  ASSERT_EQ(summary.problem_kinds.size(), 3U);
  EXPECT_EQ(summary.problem_kinds[0], (std::pair<std::string, std::int64_t>{"minutes: expected an integer", 2}));
  EXPECT_EQ(summary.problem_kinds[1].first, "id: missing value");
  EXPECT_EQ(summary.row_errors, 3);
  ASSERT_EQ(summary.first_errors.size(), 1U);
  EXPECT_EQ(summary.first_errors[0], "f.csv:2:7: minutes: expected an integer, found 'x'");
}

TableSummary table(std::int64_t read, std::int64_t bad, std::int64_t usable) {
  TableSummary t;
  t.table = "interactions";
  t.file = "i.csv";
  t.rows_read = read;
  t.rows_bad = bad;
  t.rows_usable = usable;
  t.problem_kinds = {{"date: expected a date YYYY-MM-DD", bad}};
  t.first_errors = {"i.csv:2:5: date: expected a date YYYY-MM-DD, found '18 Aug'"};
  return t;
}

TEST(IngestQualityGate, TheShareDecides) {
  EXPECT_FALSE(quality_failure(table(1000, 10, 990), 0.01).has_value());
  const auto failure = quality_failure(table(1000, 11, 989), 0.01);
  ASSERT_TRUE(failure.has_value());
  EXPECT_EQ(*failure,
            "table interactions: 11 of 1000 rows (1.1 %) were dropped or have a problem, more than the 1 % allowed "
            "(--max-bad-rows 0.01)\n  problems by kind:\n           11  date: expected a date YYYY-MM-DD\n"
            "  first problems:\n    i.csv:2:5: date: expected a date YYYY-MM-DD, found '18 Aug'");
  EXPECT_FALSE(quality_failure(table(1000, 500, 500), 0.5).has_value());
}

TEST(IngestQualityGate, NoUsableRowAlwaysFails) {
  const auto failure = quality_failure(table(20, 0, 0), 1.0);
  ASSERT_TRUE(failure.has_value());
  EXPECT_TRUE(
      failure->starts_with("table interactions: no usable row among the 20 read (0 dropped or with a problem)"));
}

TEST(IngestQualityGate, EveryFailingTableIsReported) {
  TableSummary recipes = table(10, 10, 0);
  recipes.table = "recipes";
  recipes.file = "r.csv";
  try {
    check_row_quality({recipes, table(1000, 0, 1000), table(100, 50, 50)}, 0.01);
    FAIL() << "no error";
  } catch (const DataLoadError& e) {
    const std::string text = e.what();
    EXPECT_TRUE(text.starts_with("r.csv: table recipes: no usable row")) << text;
    EXPECT_NE(text.find("\ni.csv: table interactions: 50 of 100 rows (50 %)"), std::string::npos) << text;
    EXPECT_TRUE(text.ends_with("\nthe database was not changed")) << text;
  }
  EXPECT_NO_THROW(check_row_quality({table(1000, 0, 1000)}, 0.0));
}

}  // namespace
}  // namespace mtm::data::ingest
