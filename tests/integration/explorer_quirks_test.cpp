// The repository's quirky fixtures (tests/fixtures) through the whole chain: ingest, then the explorer API of a real
// server. Entities and <br/> in reviews are decoded for display, a recipe without a name and interactions pointing at
// missing recipes are served without error. Quirk list: tests/fixtures/README.md.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "data/ingest.hpp"
#include "server/http_server.hpp"
#include "support/embedded_server.hpp"
#include "support/server_options.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

using nlohmann::json;

class ExplorerQuirksTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    data::IngestOptions options;
    options.raw_dir.clear();
    options.recipes = test::fixture(GetParam() + "/RAW_recipes.csv");
    options.interactions = test::fixture(GetParam() + "/RAW_interactions.csv");
    options.db_path = dir_ / "quirks.duckdb";
    options.max_bad_share = 1.0;  // the fixtures' bad rows are there on purpose
    data::run_ingest(options);
    server_ = std::make_unique<test::EmbeddedServer>(test::server_options(options.db_path.string(), 2, 1 << 20));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }

  json get_json(const std::string& path, int expected_status = 200) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }

  test::TempDir dir_;
  std::unique_ptr<test::EmbeddedServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_P(ExplorerQuirksTest, EveryRecipeAndPersonPageAnswers) {
  const json all = get_json("/api/v1/search?per_page=100");
  const std::size_t expected = GetParam() == "crlf_bom" ? 6u : 5u;
  ASSERT_EQ(all["results"].size(), expected) << all.dump();
  for (const auto& r : all["results"]) {
    const auto id = r["id"].get<std::int64_t>();
    const json page = get_json("/api/v1/recipes/" + std::to_string(id));
    EXPECT_EQ(page["id"], id);
    get_json("/api/v1/recipes/" + std::to_string(id) + "/reviews");
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ExplorerQuirksTest, ::testing::Values("crlf_bom", "mixed_lf"));

using CrlfBomExplorer = ExplorerQuirksTest;
TEST_P(CrlfBomExplorer, ReviewsAreDecodedForDisplayAndTheNameCollapsed) {
  const json recipe = get_json("/api/v1/recipes/910001");
  EXPECT_EQ(recipe["name"], "zesty lemon lentil soup");
  EXPECT_EQ(recipe["raw_name"], "zesty lemon  lentil soup");
  const json reviews = get_json("/api/v1/recipes/910001/reviews");
  std::string texts;
  for (const auto& r : reviews["reviews"]) texts += r["text"].get<std::string>() + "|";
  EXPECT_NE(texts.find("Lovely soup! It's now a staple."), std::string::npos) << texts;
  EXPECT_NE(texts.find("green lentils & it worked."), std::string::npos) << texts;
  EXPECT_EQ(texts.find("&#039;"), std::string::npos) << texts;
  EXPECT_EQ(texts.find("<br/>"), std::string::npos) << texts;
  EXPECT_NE(texts.find("a staple.\n\nMade it twice."), std::string::npos) << texts;
  EXPECT_EQ(reviews["total"], 2);
}
INSTANTIATE_TEST_SUITE_P(Fixtures, CrlfBomExplorer, ::testing::Values("crlf_bom"));

using MixedLfExplorer = ExplorerQuirksTest;
TEST_P(MixedLfExplorer, ANamelessRecipeAndOrphanInteractionsAreServed) {
  const json nameless = get_json("/api/v1/recipes/920003");
  EXPECT_EQ(nameless["id"], 920003);
  const json found = get_json("/api/v1/search?q=salad");
  ASSERT_EQ(found["results"].size(), 1u) << found.dump();
  EXPECT_EQ(found["results"][0]["id"], 920003);
  // User 6003 only rated a recipe that is not in the file.
  get_json("/api/v1/users/6003");
  get_json("/api/v1/recipes/999901", 404);
}
INSTANTIATE_TEST_SUITE_P(Fixtures, MixedLfExplorer, ::testing::Values("mixed_lf"));

}  // namespace
}  // namespace mtm
