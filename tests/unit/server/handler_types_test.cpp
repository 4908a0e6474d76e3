// The server's own request/response pair: header names without case, query parameters decoded as a browser
// encodes them, a header set twice holding the last value, and one body kind at a time.
#include "server/handler_types.hpp"

#include <gtest/gtest.h>

namespace mtm::server {
namespace {

TEST(HandlerTypes, QueryParametersAreDecodedAndKeptInOrder) {
  const Params params = parse_query("q=chicken+soup&lang=fr&top_n=10&top_n=20&e=%C3%A9t%C3%A9&empty=&flag&&bad=%zz");
  EXPECT_EQ(params.find("q")->second, "chicken soup");
  EXPECT_EQ(params.find("e")->second, "\xC3\xA9t\xC3\xA9");
  EXPECT_EQ(params.count("top_n"), 2U);
  EXPECT_EQ(params.find("empty")->second, "");
  EXPECT_EQ(params.find("flag")->second, "");
  // A malformed escape is kept as sent (the parameter's own check then names it).
  EXPECT_EQ(params.find("bad")->second, "%zz");
  EXPECT_EQ(params.size(), 8U);
  EXPECT_TRUE(parse_query("").empty());
}

TEST(HandlerTypes, RequestReadsHeadersWithoutCaseAndParametersByIndex) {
  Request req;
  req.headers.emplace("Accept-Encoding", "gzip");
  req.headers.emplace("X-Forwarded-For", "10.0.0.1");
  req.headers.emplace("x-forwarded-for", "10.0.0.2");
  req.params = parse_query("top_n=10&top_n=20");
  EXPECT_TRUE(req.has_header("accept-encoding"));
  EXPECT_EQ(req.get_header_value("ACCEPT-ENCODING"), "gzip");
  EXPECT_EQ(req.get_header_value_count("X-Forwarded-For"), 2U);
  EXPECT_EQ(req.get_header_value("X-Forwarded-For", 1), "10.0.0.2");
  EXPECT_EQ(req.get_header_value("Missing"), "");
  EXPECT_EQ(req.get_param_value("top_n"), "10");
  EXPECT_EQ(req.get_param_value("top_n", 1), "20");
  EXPECT_EQ(req.get_param_value("top_n", 2), "");
  EXPECT_EQ(req.get_param_value_count("top_n"), 2U);
  EXPECT_FALSE(req.has_param("lang"));
}

TEST(HandlerTypes, SetHeaderReplacesWhateverCaseItHad) {
  Response res;
  res.set_header("Cache-Control", "no-cache");
  res.headers.emplace("cache-control", "public");
  res.set_header("CACHE-CONTROL", "no-store");
  EXPECT_EQ(res.headers.size(), 1U);
  EXPECT_EQ(res.get_header_value("cache-control"), "no-store");
}

TEST(HandlerTypes, EachWayOfSettingTheBodyReplacesTheOthers) {
  Response res;
  res.set_content_provider(1000, "text/csv", [](std::size_t, std::size_t, DataSink&) { return true; });
  EXPECT_EQ(res.content_length(), 1000U);
  EXPECT_EQ(res.get_header_value("Content-Type"), "text/csv");
  res.set_content("{}", "application/json");
  EXPECT_FALSE(res.provider);
  EXPECT_EQ(res.content_length(), 2U);
  auto owner = std::make_shared<const std::string>("twelve bytes");
  res.set_content_view(owner, *owner, "text/plain");
  EXPECT_TRUE(res.body.empty());
  EXPECT_EQ(res.content_length(), 12U);
  EXPECT_EQ(res.get_header_value("Content-Type"), "text/plain");
}

}  // namespace
}  // namespace mtm::server
