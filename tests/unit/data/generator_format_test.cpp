// The generator's output format, checked against the Kaggle conventions with an independent RFC-4180
// splitter and a small Python-literal checker written here (not the project's CSV reader).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "data/generator/csv_writer.hpp"
#include "data/generator/generator.hpp"
#include "support/temp_dir.hpp"

namespace {

using mtm::test::read_file;
using mtm::test::TempDir;

/// Split a whole CSV text into records of fields (RFC 4180: "" escapes a quote, line breaks allowed in quotes).
/// Records must end with CRLF; a bare LF outside quotes is reported by returning an empty result.
std::vector<std::vector<std::string>> split_csv(std::string_view text, bool* crlf_only) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  *crlf_only = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      record.push_back(std::move(field));
      field.clear();
      records.push_back(std::move(record));
      record.clear();
      ++i;
    } else if (c == '\n' || c == '\r') {
      *crlf_only = false;
      field += c;
    } else {
      field += c;
    }
  }
  if (!field.empty() || !record.empty()) *crlf_only = false;  // last record without CRLF
  return records;
}

/// Items of a Python list literal of str (single- or double-quoted, backslash escapes); false if malformed.
bool parse_py_list(std::string_view text, std::vector<std::string>* items) {
  items->clear();
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return false;
  std::size_t i = 1;
  if (text[i] == ']') return i + 1 == text.size();
  for (;;) {
    if (i >= text.size() || (text[i] != '\'' && text[i] != '"')) return false;
    const char q = text[i++];
    std::string item;
    while (i < text.size() && text[i] != q) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      item += text[i++];
    }
    if (i >= text.size()) return false;
    ++i;
    // Python only double-quotes a str that holds an apostrophe and no double quote.
    if (q == '"' && (item.find('\'') == std::string::npos || item.find('"') != std::string::npos)) return false;
    items->push_back(std::move(item));
    if (text.substr(i, 2) == ", ") {
      i += 2;
      continue;
    }
    return text.substr(i) == "]";
  }
}

struct Generated {
  TempDir dir;
  std::string recipes;
  std::string interactions;
  std::string marker;
};

const Generated& small_dataset() {
  // Generated once per test binary; the TempDir is removed at exit.
  static const std::unique_ptr<Generated> g = [] {
    auto out = std::make_unique<Generated>();
    mtm::data::GeneratorOptions options;
    options.out_dir = out->dir.path() / "raw";
    options.scale = 0.01;
    options.seed = 42;
    mtm::data::generate(options);
    out->recipes = read_file(options.out_dir / "RAW_recipes.csv");
    out->interactions = read_file(options.out_dir / "RAW_interactions.csv");
    out->marker = read_file(options.out_dir / "GENERATED.json");
    return out;
  }();
  return *g;
}

TEST(CsvWriter, QuotesOnlyFieldsThatNeedIt) {
  std::string out;
  mtm::data::gen::append_csv_field(out, "plain text");
  EXPECT_EQ(out, "plain text");
  out.clear();
  mtm::data::gen::append_csv_field(out, "a, b");
  EXPECT_EQ(out, "\"a, b\"");
  out.clear();
  mtm::data::gen::append_csv_field(out, "say \"hi\"");
  EXPECT_EQ(out, "\"say \"\"hi\"\"\"");
  out.clear();
  mtm::data::gen::append_csv_field(out, "line\r\nbreak");
  EXPECT_EQ(out, "\"line\r\nbreak\"");
}

TEST(CsvWriter, WritesPythonReprOfStrings) {
  std::string out;
  mtm::data::gen::append_py_repr(out, "lemon, juice of");
  EXPECT_EQ(out, "'lemon, juice of'");
  out.clear();
  mtm::data::gen::append_py_repr(out, "i use'old' glass ketchup bottles");
  EXPECT_EQ(out, "\"i use'old' glass ketchup bottles\"");
  out.clear();
  mtm::data::gen::append_py_repr(out, "it's a \"test\"");  // both quotes: Python escapes the apostrophe
  EXPECT_EQ(out, "'it\\'s a \"test\"'");
}

TEST(CsvWriter, WritesTenthsLikePythonFloats) {
  std::string out;
  mtm::data::gen::append_tenths(out, 515);
  out += ' ';
  mtm::data::gen::append_tenths(out, 0);
  out += ' ';
  mtm::data::gen::append_tenths(out, 39671);
  EXPECT_EQ(out, "51.5 0.0 3967.1");
  out.clear();
  mtm::data::gen::append_date(out, 0);
  out += ' ';
  mtm::data::gen::append_date(out, 13431);  // 36 x 365 + 9 leap days (1972..2004) + 282 days to Oct 10
  EXPECT_EQ(out, "1970-01-01 2006-10-10");
}

TEST(GeneratorFormat, RecipesHaveTheKaggleHeaderAndTwelveFieldsPerRecord) {
  const auto& g = small_dataset();
  EXPECT_EQ(g.recipes.rfind("name,id,minutes,contributor_id,submitted,tags,nutrition,n_steps,steps,description,"
                            "ingredients,n_ingredients\r\n",
                            0),
            0U);
  bool crlf_only = false;
  const auto records = split_csv(g.recipes, &crlf_only);
  EXPECT_TRUE(crlf_only);
  ASSERT_EQ(records.size(), 1U + 2316U);  // header + round(231,637 x 0.01)
  for (std::size_t r = 0; r < records.size(); ++r) ASSERT_EQ(records[r].size(), 12U) << "record " << r;
}

TEST(GeneratorFormat, RecipeListsAreWellFormedAndMatchTheirCounts) {
  const auto& g = small_dataset();
  bool crlf_only = false;
  const auto records = split_csv(g.recipes, &crlf_only);
  std::vector<std::string> items;
  int double_quoted_items = 0;
  int comma_items = 0;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& f = records[r];
    ASSERT_TRUE(parse_py_list(f[5], &items)) << f[5];  // tags
    ASSERT_TRUE(parse_py_list(f[8], &items)) << f[8];  // steps
    EXPECT_EQ(std::to_string(items.size()), f[7]) << "n_steps of record " << r;
    for (const auto& s : items) double_quoted_items += s.find('\'') != std::string::npos;
    ASSERT_TRUE(parse_py_list(f[10], &items)) << f[10];  // ingredients
    EXPECT_EQ(std::to_string(items.size()), f[11]) << "n_ingredients of record " << r;
    for (const auto& s : items) comma_items += s.find(',') != std::string::npos;
    // Nutrition: "[c, f, s, so, p, sf, ca]" with seven one-decimal numbers.
    const std::string& n = f[6];
    ASSERT_TRUE(n.size() > 2 && n.front() == '[' && n.back() == ']') << n;
    int values = 1;
    for (char c : n) values += c == ',';
    EXPECT_EQ(values, 7) << n;
    EXPECT_EQ(n.find(".", n.rfind(", ")) + 3, n.size()) << n;  // last value has one decimal
    EXPECT_EQ(f[4].size(), 10U);                               // YYYY-MM-DD
  }
  EXPECT_GT(double_quoted_items, 0);
  EXPECT_GT(comma_items, 0);
}

TEST(GeneratorFormat, InteractionsHaveFiveFieldsAndRealisticText) {
  const auto& g = small_dataset();
  EXPECT_EQ(g.interactions.rfind("user_id,recipe_id,date,rating,review\r\n", 0), 0U);
  bool crlf_only = false;
  const auto records = split_csv(g.interactions, &crlf_only);
  EXPECT_TRUE(crlf_only);
  ASSERT_EQ(records.size(), 1U + 11324U);  // header + round(1,132,367 x 0.01)
  int multiline = 0;
  int entities = 0;
  for (std::size_t r = 1; r < records.size(); ++r) {
    ASSERT_EQ(records[r].size(), 5U) << "record " << r;
    const std::string& rating = records[r][3];
    ASSERT_TRUE(rating.size() == 1 && rating[0] >= '0' && rating[0] <= '5') << rating;
    multiline += records[r][4].find("\r\n") != std::string::npos;
    entities += records[r][4].find("&#039;") != std::string::npos;
  }
  EXPECT_GT(multiline, 11324 / 50);  // ~6.5 % expected
  EXPECT_GT(entities, 0);
}

TEST(GeneratorFormat, WritesTheSyntheticMarker) {
  EXPECT_EQ(small_dataset().marker,
            "{\"generator\":\"mangetamain generate\",\"version\":\"0.1.0\",\"seed\":42,\"scale\":0.01,"
            "\"synthetic\":true}\n");
}

}  // namespace
