#include "analysis/filters.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace mtm::analysis {
namespace {

const std::vector<std::string> kAll = {"year_from", "year_to",       "seasons",        "days",
                                       "top_n",     "min_frequency", "clean_only",     "band_low",
                                       "band_high", "date_basis",    "min_difference", "min_interactions"};

std::string parameter_of(const std::vector<std::pair<std::string, std::string>>& params) {
  try {
    parse_filters(params, kAll);
  } catch (const ValidationError& e) {
    return e.parameter();
  }
  return "";
}

TEST(Filters, DefaultsReproduceTheOriginalView) {
  Filters f = parse_filters({}, kAll);
  EXPECT_EQ(f.year_from, 1999);
  EXPECT_EQ(f.year_to, 2018);
  EXPECT_TRUE(f.all_seasons());
  EXPECT_TRUE(f.all_days());
  EXPECT_TRUE(f.clean_only);
  EXPECT_EQ(f.lang, "en");
}

TEST(Filters, ParsesListsInCanonicalOrder) {
  Filters f = parse_filters({{"seasons", "Autumn, winter,fall"}, {"days", "sun,1,sat"}}, kAll);
  EXPECT_EQ(f.seasons, (std::vector<std::string>{"winter", "autumn"}));
  EXPECT_EQ(f.days, (std::vector<int>{1, 6, 7}));
}

TEST(Filters, CanonicalFormIsTheSameForEquivalentInputs) {
  auto a = parse_filters({{"seasons", "summer,winter"}, {"top_n", "5"}}, kAll);
  auto b = parse_filters({{"top_n", "5"}, {"seasons", "winter,summer"}}, kAll);
  EXPECT_EQ(a.canonical(), b.canonical());
  auto c = parse_filters({{"top_n", "6"}}, kAll);
  EXPECT_NE(a.canonical(), c.canonical());
}

TEST(Filters, RejectsUnknownParameterNamingIt) {
  EXPECT_EQ(parameter_of({{"colour", "red"}}), "colour");
  try {
    parse_filters({{"top_n", "3"}}, {"year_from"});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.parameter(), "top_n");
    EXPECT_NE(std::string(e.what()).find("unknown parameter 'top_n'"), std::string::npos);
  }
}

TEST(Filters, RejectsBadValuesNamingTheParameter) {
  EXPECT_EQ(parameter_of({{"year_from", "19x9"}}), "year_from");
  EXPECT_EQ(parameter_of({{"year_to", "3000"}}), "year_to");
  EXPECT_EQ(parameter_of({{"year_from", "2010"}, {"year_to", "2005"}}), "year_from");
  EXPECT_EQ(parameter_of({{"seasons", "monsoon"}}), "seasons");
  EXPECT_EQ(parameter_of({{"seasons", ","}}), "seasons");
  EXPECT_EQ(parameter_of({{"days", "8"}}), "days");
  EXPECT_EQ(parameter_of({{"top_n", "0"}}), "top_n");
  EXPECT_EQ(parameter_of({{"min_frequency", "nan"}}), "min_frequency");
  EXPECT_EQ(parameter_of({{"min_frequency", "1.5"}}), "min_frequency");
  EXPECT_EQ(parameter_of({{"clean_only", "maybe"}}), "clean_only");
  EXPECT_EQ(parameter_of({{"band_low", "0.9"}, {"band_high", "0.1"}}), "band_low");
  EXPECT_EQ(parameter_of({{"date_basis", "posted"}}), "date_basis");
  EXPECT_EQ(parameter_of({{"lang", "de"}}), "lang");
  EXPECT_EQ(parameter_of({{"top_n", "3"}, {"top_n", "4"}}), "top_n");
}

TEST(Filters, EverySpecHasADefaultThatParses) {
  for (const auto& spec : filter_specs()) {
    if (spec.default_value.empty()) continue;
    EXPECT_NO_THROW(parse_filters({{spec.name, spec.default_value}}, kAll)) << spec.name;
  }
}

}  // namespace
}  // namespace mtm::analysis
