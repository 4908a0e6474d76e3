// The table browser's SQL: identifiers only from the schema, every value a bound parameter cast to its column's
// type, ties broken by every column; and every bad parameter refused by name.
#include "server/table_browser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace mtm::server {
namespace {

const std::vector<TableSchema> kTables = {{"recipes",
                                           "table",
                                           {{"id", "BIGINT"},
                                            {"name", "VARCHAR"},
                                            {"submitted", "DATE"},
                                            {"tags", "VARCHAR[]"},
                                            {"is_clean", "BOOLEAN", true}},
                                           8}};

std::string error_parameter(const std::multimap<std::string, std::string>& params) {
  try {
    (void)parse_view(params, kTables);
  } catch (const ValidationError& e) {
    return e.parameter();
  }
  return "(accepted)";
}

TEST(TableBrowser, PageSqlBindsEveryValue) {
  const auto view = parse_view({{"table", "recipes"},
                                {"eq.name", "x' OR 1=1 --"},
                                {"min.submitted", "2001-01-01"},
                                {"has.tags", "easy"},
                                {"eq.is_clean", "true"},
                                {"sort", "submitted"},
                                {"order", "desc"},
                                {"page", "3"},
                                {"per_page", "20"}},
                               kTables);
  const auto page = page_sql(view, kTables[0]);
  // Filters in the multimap's (name) order: eq.is_clean, eq.name, has.tags, min.submitted.
  EXPECT_EQ(page.sql,
            "SELECT * FROM \"recipes\" WHERE \"is_clean\" = CAST(? AS BOOLEAN) AND \"name\" = CAST(? AS VARCHAR) AND "
            "contains(lower(CAST(\"tags\" AS VARCHAR)), lower(?)) AND \"submitted\" >= CAST(? AS DATE) ORDER BY "
            "\"submitted\" DESC NULLS LAST, \"id\", \"name\", \"tags\", \"is_clean\" LIMIT 20 OFFSET 40");
  EXPECT_EQ(page.values, (std::vector<std::string>{"true", "x' OR 1=1 --", "easy", "2001-01-01"}));
  EXPECT_EQ(count_sql(view, kTables[0]).values.size(), 4U);
  EXPECT_THAT(facet_sql(view, kTables[0], "is_clean", 30).sql,
              ::testing::StartsWith("SELECT \"is_clean\" AS value, count(*) AS n FROM \"recipes\" WHERE"));
  const auto list = page_sql(parse_view({{"table", "recipes"}, {"eq.tags", "easy"}}, kTables), kTables[0]);
  EXPECT_EQ(list.sql,
            "SELECT * FROM \"recipes\" WHERE list_contains(\"tags\", ?) ORDER BY \"id\", \"name\", "
            "\"submitted\", \"tags\", \"is_clean\" LIMIT 50 OFFSET 0");
}

TEST(TableBrowser, BadParametersAreNamed) {
  EXPECT_EQ(error_parameter({}), "table");
  EXPECT_EQ(error_parameter({{"table", "users; DROP TABLE recipes"}}), "table");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"eq.\"id\"", "1"}}), "eq.\"id\"");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"sort", "id; --"}}), "sort");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"order", "sideways"}}), "order");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"per_page", "501"}}), "per_page");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"page", "0"}}), "page");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"min.name", "a"}}), "min.name");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"min.id", "abc"}}), "min.id");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"eq.submitted", "2001-02-30"}}), "eq.submitted");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"eq.is_clean", "yes"}}), "eq.is_clean");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"limit", "5"}}), "limit");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"eq.id", "1"}, {"eq.id", "2"}}), "eq.id");
  EXPECT_EQ(error_parameter({{"table", "recipes"}, {"eq.id", "1"}, {"lang", "fr"}}), "(accepted)");
}

TEST(TableBrowser, IdentifiersAreQuoted) {
  EXPECT_EQ(quoted_identifier("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace mtm::server
