// The one parameter reader: names checked once (unknown, repeated, lang) with the same words as the analysis
// filters, values read by their spec, and every refusal naming the parameter and what it expects, in EN and FR.
#include "server/param_reader.hpp"

#include <gtest/gtest.h>

#include "analysis/filters.hpp"
#include "core/errors.hpp"

namespace mtm::server {
namespace {

const std::vector<ParamSpec> kTable = {
    {"page", "integer", 1, 100, {}, "Page"},
    {"ratio", "number", 0, 1, {}, "Ratio"},
    {"sort", "enum", 0, 0, {"relevance", "newest"}, "Order"},
    {"exact", "boolean", 0, 0, {}, "Exact"},
    {"tags", "list", 0, 0, {}, "Tags"},
    {"q", "text", 0, 0, {}, "Words"},
};
const std::vector<std::string> kAccepted = {"page", "ratio", "sort", "exact", "tags", "q"};

Request request(const std::string& query) {
  Request req;
  req.query = query;
  req.params = parse_query(query);
  return req;
}

/// The ParameterError reading query throws through read, as (kind, parameter, argument).
template <typename Read>
std::tuple<ProblemKind, std::string, std::string> refusal(const std::string& query, Read read) {
  try {
    const ParamReader params(request(query), kAccepted, kTable);
    read(params);
  } catch (const ParameterError& e) {
    return {e.problem_kind(), e.parameter(), e.argument()};
  }
  ADD_FAILURE() << query << " was accepted";
  return {};
}

TEST(ParamReader, ReadsEachValueByItsSpec) {
  const ParamReader params(request("page=3&ratio=0.25&exact=false&tags=Low+Fat,%20easy%20%20dinner,,&q=soup"),
                           kAccepted, kTable);
  EXPECT_EQ(params.integer("page"), 3);
  EXPECT_DOUBLE_EQ(*params.number("ratio"), 0.25);
  EXPECT_EQ(params.choice("sort"), "relevance");
  EXPECT_FALSE(params.boolean("exact", true));
  EXPECT_EQ(*params.list("tags"), (std::vector<std::string>{"low fat", "easy dinner"}));
  EXPECT_EQ(params.text("q", "q"), "soup");
  EXPECT_EQ(params.raw("missing"), nullptr);
}

TEST(ParamReader, EveryRefusalNamesTheParameterAndWhatItExpects) {
  using Kind = ProblemKind;
  const auto noop = [](const ParamReader&) {};
  EXPECT_EQ(refusal("color=red", noop), std::make_tuple(Kind::UnknownParameter, std::string("color"),
                                                        std::string("page, ratio, sort, exact, tags, q, lang")));
  EXPECT_EQ(refusal("page=1&page=2", noop),
            std::make_tuple(Kind::RepeatedParameter, std::string("page"), std::string()));
  EXPECT_EQ(refusal("lang=de", noop), std::make_tuple(Kind::InvalidValue, std::string("lang"), std::string("en | fr")));
  EXPECT_EQ(refusal("page=0", [](const ParamReader& p) { (void)p.integer("page"); }),
            std::make_tuple(Kind::InvalidValue, std::string("page"), std::string("an integer between 1 and 100")));
  EXPECT_EQ(refusal("page=2x&lang=fr", [](const ParamReader& p) { (void)p.integer("page"); }),
            std::make_tuple(Kind::InvalidValue, std::string("page"), std::string("un entier entre 1 et 100")));
  EXPECT_EQ(refusal("ratio=nan", [](const ParamReader& p) { (void)p.number("ratio"); }),
            std::make_tuple(Kind::InvalidValue, std::string("ratio"), std::string("a number between 0 and 1")));
  EXPECT_EQ(refusal("sort=best", [](const ParamReader& p) { (void)p.choice("sort"); }),
            std::make_tuple(Kind::InvalidValue, std::string("sort"), std::string("one of: relevance, newest")));
  EXPECT_EQ(refusal("exact=1", [](const ParamReader& p) { (void)p.boolean("exact", true); }),
            std::make_tuple(Kind::InvalidValue, std::string("exact"), std::string("true or false")));
  EXPECT_EQ(refusal("q=" + std::string(201, 'a'), [](const ParamReader& p) { (void)p.text("q", "q"); }),
            std::make_tuple(Kind::InvalidValue, std::string("q"), std::string("at most 200 characters")));
}

TEST(ParamReader, UnknownNamesAreWordedAsTheAnalysisFiltersWordThem) {
  // One check behind both: the analyses' filters (also read by the CLI) and every route.
  try {
    (void)analysis::parse_filters({{"color", "red"}}, {"top_n"});
    FAIL() << "accepted";
  } catch (const ValidationError& filters_error) {
    try {
      (void)checked_params(request("color=red"), {"top_n"});
      FAIL() << "accepted";
    } catch (const ParameterError& route_error) {
      EXPECT_STREQ(filters_error.what(), route_error.what());
      EXPECT_EQ(filters_error.parameter(), route_error.parameter());
    }
  }
}

TEST(ParamReader, FilterSpecsAreExpectedInBothLanguages) {
  EXPECT_EQ(expected(*filter_param_spec("top_n"), "fr"), "un entier entre 1 et 100");
  EXPECT_EQ(expected(*filter_param_spec("seasons"), "fr"),
            "une liste séparée par des virgules parmi : winter, spring, summer, autumn");
  EXPECT_EQ(expected(*filter_param_spec("days"), "en"), "a comma-separated list of integers between 1 and 7");
  EXPECT_EQ(expected(*filter_param_spec("clean_only"), "fr"), "true ou false");
  EXPECT_FALSE(filter_param_spec("nothing"));
}

}  // namespace
}  // namespace mtm::server
