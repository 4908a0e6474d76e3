// Reading the SQL workbench's request: where the query comes from for each method and content type, and every
// rejection naming its parameter in English and French.
#include "server/sql_request.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mtm::server {
namespace {

SqlRequestInput input(std::string_view method, std::string_view type, std::string_view body,
                      std::optional<std::string> q = std::nullopt, std::optional<std::string> format = std::nullopt) {
  return {method, type, body, std::move(q), std::move(format), 100};
}

SqlRequestError error_of(const SqlRequestInput& in) {
  try {
    (void)parse_sql_request(in);
  } catch (const SqlRequestError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << in.body;
  return SqlRequestError("", "", "");
}

TEST(SqlRequest, QueryFromEachPlace) {
  const auto get = parse_sql_request(input("GET", "", "", "SELECT 1"));
  EXPECT_EQ(get.sql, "SELECT 1");
  EXPECT_EQ(get.format, "json");
  const auto json_body =
      parse_sql_request(input("POST", "application/json; charset=utf-8", R"({"sql":"SELECT 'é'","format":"csv"})"));
  EXPECT_EQ(json_body.sql, "SELECT 'é'");
  EXPECT_EQ(json_body.format, "csv");
  const auto text = parse_sql_request(input("POST", "Text/Plain", "FROM recipes", std::nullopt, "csv"));
  EXPECT_EQ(text.sql, "FROM recipes");
  EXPECT_EQ(text.format, "csv");
  EXPECT_EQ(parse_sql_request(input("POST", "application/sql", "SELECT 2")).sql, "SELECT 2");
}

TEST(SqlRequest, RejectionsNameTheirParameter) {
  EXPECT_EQ(error_of(input("GET", "", "")).parameter(), "q");
  EXPECT_EQ(error_of(input("GET", "", "", " \n\t")).parameter(), "q");
  EXPECT_STREQ(error_of(input("GET", "", "", " \n\t")).what(), "the query is empty");
  EXPECT_EQ(error_of(input("GET", "", "", "SELECT 1", "xml")).parameter(), "format");
  EXPECT_EQ(error_of(input("GET", "", "", "SELECT 1", "xml")).text("fr"),
            "le paramètre « format » vaut json, csv ou parquet, pas « xml »");
  EXPECT_EQ(error_of(input("POST", "application/json", "[\"SELECT 1\"]")).parameter(), "body");
  // The catalogs quote the braces of the example: ICU prints them as they are.
  EXPECT_STREQ(error_of(input("POST", "application/json", "[\"SELECT 1\"]")).what(),
               R"(the body must be a JSON object such as {"sql": "SELECT 1"})");
  EXPECT_EQ(error_of(input("POST", "image/png", "SELECT 1")).text("fr"),
            R"(envoyez la requête en application/json {"sql": …} ou en text/plain)");
  EXPECT_EQ(error_of(input("POST", "application/json", "{\"sql\": 1}")).parameter(), "sql");
  EXPECT_STREQ(error_of(input("POST", "application/json", R"({"sql":"x","limit":3})")).what(),
               "unknown field 'limit' in the body (accepted: sql, format)");
  EXPECT_EQ(error_of(input("POST", "application/json", "{}")).parameter(), "sql");
  EXPECT_EQ(error_of(input("POST", "image/png", "SELECT 1")).parameter(), "body");
  EXPECT_EQ(error_of(input("POST", "text/plain", "SELECT 1", "SELECT 2")).parameter(), "q");
  EXPECT_STREQ(error_of(input("GET", "", "", std::string(101, 'x'))).what(),
               "the query is 101 bytes long, over the limit of 100");
  EXPECT_STREQ(error_of(input("POST", "text/plain", "SELECT '\xC3\x28'")).what(), "the query is not valid UTF-8");
}

TEST(SqlRequest, Utf8Validation) {
  EXPECT_TRUE(valid_utf8("plain ascii"));
  EXPECT_TRUE(valid_utf8("crème brûlée 🍮"));
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(valid_utf8("\xE2\x82"));          // cut short
  EXPECT_FALSE(valid_utf8("\xFF"));
}

}  // namespace
}  // namespace mtm::server
