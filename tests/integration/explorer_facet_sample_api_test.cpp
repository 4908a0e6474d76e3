// /api/v1/search says when its tag and ingredient facets are scaled from a sample: facets_sampled, the
// sample size and the 95 % margin appear only for a result set larger than kFacetSampleSize.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "analysis/explorer/search.hpp"
#include "server/http_server.hpp"
#include "support/embedded_server.hpp"
#include "support/recipe_db.hpp"
#include "support/server_options.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

using nlohmann::json;

// kFacetSampleSize + 100 recipes; every tenth is tagged "tenth" (a small result set).
const std::int64_t kRecipes = static_cast<std::int64_t>(analysis::explorer::kFacetSampleSize) + 100;

class FacetSampleApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    db::Database database((*dir_ / "large.duckdb").string());
    std::vector<test::RecipeRow> rows;
    for (std::int64_t id = 1; id <= kRecipes; ++id) {
      test::RecipeRow row{id, "2010-01-01"};
      row.tags = {"all"};
      if (id % 10 == 0) row.tags.push_back("tenth");
      if (id % 3 == 0) row.tags.push_back("third");
      row.ingredients = {"salt"};
      rows.push_back(row);
    }
    test::create_small_db(database, rows);
  }
  static void TearDownTestSuite() { dir_.reset(); }

  void SetUp() override {
    server_ =
        std::make_unique<test::EmbeddedServer>(test::server_options((*dir_ / "large.duckdb").string(), 2, 1 << 20));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }

  json get_json(const std::string& path) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }

  // The count of a tag facet; -1 when the facet does not list the tag.
  static double tag_count(const json& response, const std::string& tag) {
    for (const auto& f : response["facets"]["tags"]) {
      if (f["value"] == tag) return f["count"].get<double>();
    }
    return -1;
  }

  static inline std::unique_ptr<test::TempDir> dir_;
  std::unique_ptr<test::EmbeddedServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(FacetSampleApiTest, OnlyLargeResultSetsSayTheirFacetsAreSampled) {
  const json all = get_json("/api/v1/search");
  ASSERT_EQ(all["total"], kRecipes);
  EXPECT_EQ(all["facets_sampled"], true);
  EXPECT_EQ(all["facets_sample_size"], analysis::explorer::kFacetSampleSize);
  const double margin = std::ceil(
      analysis::explorer::facet_count_margin(static_cast<std::size_t>(kRecipes), analysis::explorer::kFacetSampleSize));
  EXPECT_EQ(all["facets_margin"].get<double>(), margin);
  EXPECT_GT(margin, 0.0);
  EXPECT_EQ(all["facets"]["tags"][0]["value"], "all");
  EXPECT_EQ(all["facets"]["tags"][0]["count"], kRecipes);
  // The third of the recipes tagged "third" (1366 of 4100), within the stated margin.
  EXPECT_LE(std::abs(tag_count(all, "third") - 1366.0), margin);

  const json tenth = get_json("/api/v1/search?tags=tenth");
  ASSERT_EQ(tenth["total"], kRecipes / 10);
  EXPECT_FALSE(tenth.contains("facets_sampled"));
  EXPECT_FALSE(tenth.contains("facets_sample_size"));
  EXPECT_FALSE(tenth.contains("facets_margin"));
  // Exact: 410 recipes tagged tenth, of which the multiples of 30 are "third" (136).
  ASSERT_FALSE(tenth["facets"]["tags"].empty());
  EXPECT_EQ(tag_count(tenth, "all"), 410.0);
  EXPECT_EQ(tag_count(tenth, "third"), 136.0);
}

}  // namespace
}  // namespace mtm
