#include "data/list_literal.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace mtm::data {
namespace {

std::vector<std::string> strings(std::string_view text) {
  std::vector<std::string> out;
  auto error = parse_string_list(text, out);
  EXPECT_FALSE(error.has_value()) << text << ": " << (error ? error->message : "");
  return out;
}

using Strings = std::vector<std::string>;

TEST(ListLiteral, ParsesSingleQuotedItems) {
  EXPECT_EQ(strings("['60-minutes-or-less', 'time-to-make', 'course']"),
            (Strings{"60-minutes-or-less", "time-to-make", "course"}));
}

TEST(ListLiteral, ParsesDoubleQuotedItemWithApostrophe) {
  // Python's repr switches to double quotes when the item holds an apostrophe (recipe 44061).
  EXPECT_EQ(strings(R"(['a', "i use'old' glass ketchup bottles", 'b'])"),
            (Strings{"a", "i use'old' glass ketchup bottles", "b"}));
}

TEST(ListLiteral, KeepsCommasInsideItems) {
  EXPECT_EQ(strings("['orange, juice of', 'lemon, juice of', 'salt']"),
            (Strings{"orange, juice of", "lemon, juice of", "salt"}));
}

TEST(ListLiteral, UnescapesBackslashEscapes) {
  // repr writes both quote kinds in one item as '...\'...' with the single quote escaped.
  EXPECT_EQ(strings(R"(['it\'s "big"', 'back\\slash', 'tab\there'])"),
            (Strings{"it's \"big\"", "back\\slash", "tab\there"}));
  EXPECT_EQ(strings(R"(['caf\xe9', '\u00e9t\u00e9'])"), (Strings{"caf\xC3\xA9", "\xC3\xA9t\xC3\xA9"}));
}

TEST(ListLiteral, ParsesEmptyListAndEmptyItems) {
  EXPECT_TRUE(strings("[]").empty());
  EXPECT_TRUE(strings("  [ ]  ").empty());
  EXPECT_EQ(strings("['', 'x', \"\"]"), (Strings{"", "x", ""}));
}

TEST(ListLiteral, KeepsUtf8AndAcceptsTrailingComma) {
  EXPECT_EQ(strings("['crème brûlée', 'jalapeño',]"), (Strings{"crème brûlée", "jalapeño"}));
}

// Expected values from Python: [x.encode("utf-8") for x in ast.literal_eval(text)].
TEST(ListLiteral, DecodesEveryEscapeLikePython) {
  EXPECT_EQ(strings(R"(['\x41\x4a\x4A', '\u00e9\u20AC\U0001F600\U0000007a', '\101\7\60x'])"),
            (Strings{"AJJ", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z",
                     "A\x07"
                     "0x"}));
  EXPECT_EQ(strings("['\\r\\t\\a\\b\\f\\v', 'line\\\nnext', '\\q\\%']"),
            (Strings{"\r\t\x07\x08\x0C\x0B", "linenext", "\\q\\%"}));
}

TEST(ListLiteral, RejectsBadEscapesWhereTheyStart) {
  std::vector<std::string> out;
  auto error = parse_string_list(R"(['ab\x4'])", out);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->offset, 4u);
  EXPECT_EQ(error->message, "bad \\x escape: expected 2 hex digits");
  error = parse_string_list(R"(['\U00110000'])", out);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->message, "escape is not a valid Unicode code point");
  // Python keeps a lone surrogate in a str, but it has no UTF-8 form: rejected too.
  error = parse_string_list(R"(['\ud800'])", out);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->offset, 2u);
  error = parse_string_list("['a\\", out);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->message, "backslash at end of literal");
  EXPECT_EQ(error->offset, 3u);
}

TEST(ListLiteral, RejectsUnterminatedItem) {
  std::vector<std::string> out;
  auto error = parse_string_list("['abc, 'def']", out);
  ASSERT_TRUE(error.has_value());
  error = parse_string_list("['abc'", out);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->offset, 6u);
  error = parse_string_list("['abc", out);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->offset, 1u);  // the quote that is never closed
}

TEST(ListLiteral, RejectsMissingBracketsAndBareWords) {
  std::vector<std::string> out;
  EXPECT_TRUE(parse_string_list("'a', 'b'", out).has_value());
  EXPECT_TRUE(parse_string_list("[a, b]", out).has_value());
  EXPECT_TRUE(parse_string_list("['a'] x", out).has_value());
  EXPECT_TRUE(parse_string_list("['a' 'b']", out).has_value());
  EXPECT_TRUE(parse_string_list("", out).has_value());
}

TEST(ListLiteral, ParsesNutritionNumbers) {
  std::vector<double> out;
  ASSERT_FALSE(parse_number_list("[51.5, 0.0, 13.0, 0.0, 2.0, 0.0, 4.0]", out).has_value());
  EXPECT_EQ(out, (std::vector<double>{51.5, 0.0, 13.0, 0.0, 2.0, 0.0, 4.0}));
  ASSERT_FALSE(parse_number_list("[3967.1, -1, 1e3, +2]", out).has_value());
  EXPECT_EQ(out, (std::vector<double>{3967.1, -1.0, 1000.0, 2.0}));
  ASSERT_FALSE(parse_number_list("[]", out).has_value());
  EXPECT_TRUE(out.empty());
}

TEST(ListLiteral, RejectsNonNumbersInNumberList) {
  std::vector<double> out;
  auto error = parse_number_list("[1.0, abc, 2.0]", out);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->offset, 6u);
  EXPECT_TRUE(parse_number_list("[1.0, 2.0", out).has_value());
  EXPECT_TRUE(parse_number_list("['1.0']", out).has_value());
}

}  // namespace
}  // namespace mtm::data
