// A language-free result renders into each language: message nodes become {id, params, text}, label nodes
// bare strings, nested parameters text; everything else is untouched.
#include "present/render.hpp"

#include <gtest/gtest.h>

#include "present/message.hpp"

namespace mtm::present {
namespace {

const Catalog& catalog() {
  static const Catalog instance({{"en",
                                  {{"title", "{count, plural, one {# rating} other {# ratings}}"},
                                   {"period.weekend", "Weekend"},
                                   {"mean_of", "Mean on {period}"}}},
                                 {"fr",
                                  {{"title", "{count, plural, one {# note} other {# notes}}"},
                                   {"period.weekend", "Week-end"},
                                   {"mean_of", "Moyenne le {period}"}}}});
  return instance;
}

TEST(RenderTest, MessagesKeepIdAndParamsBesideTheirText) {
  const nlohmann::json result = {{"title", message("title", {{"count", 1}})}, {"value", 4.5}};
  const auto fr = render(result, "fr", catalog());
  EXPECT_EQ(fr["title"]["id"], "title");
  EXPECT_EQ(fr["title"]["params"]["count"], 1);
  EXPECT_EQ(fr["title"]["text"], "1 note");
  EXPECT_EQ(fr["value"], 4.5);
  EXPECT_EQ(render(result, "en", catalog())["title"]["text"], "1 rating");
}

TEST(RenderTest, LabelsBecomeBareStringsAndNestedParamsText) {
  const nlohmann::json trace = {{"name", label("mean_of", {{"period", label("period.weekend")}})},
                                {"x", {label("period.weekend"), "Data name"}}};
  const auto fr = render(trace, "fr", catalog());
  EXPECT_EQ(fr["name"], "Moyenne le Week-end");
  EXPECT_EQ(fr["x"], nlohmann::json::array({"Week-end", "Data name"}));
  EXPECT_EQ(render(trace, "en", catalog())["name"], "Mean on Weekend");
}

TEST(RenderTest, AnObjectWithOtherKeysIsNotAMessage) {
  const nlohmann::json data = {{"msg", "title"}, {"params", nlohmann::json::object()}, {"extra", 1}};
  EXPECT_EQ(render(data, "fr", catalog()), data);
}

}  // namespace
}  // namespace mtm::present
