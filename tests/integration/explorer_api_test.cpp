// The explorer's API against a real server on the hand-built database of support/explorer_db
// (expected values from tests/oracle/explorer_expected.py).
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "server/http_server.hpp"
#include "support/embedded_server.hpp"
#include "support/explorer_db.hpp"
#include "support/server_options.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

using nlohmann::json;

class ExplorerApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    db::Database database((*dir_ / "explorer.duckdb").string());
    test::create_explorer_db(database);
  }
  static void TearDownTestSuite() { dir_.reset(); }

  void SetUp() override {
    server_ =
        std::make_unique<test::EmbeddedServer>(test::server_options((*dir_ / "explorer.duckdb").string(), 2, 1 << 20));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }

  json get_json(const std::string& path, int expected_status) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
    if (expected_status >= 400) {
      EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << path;
    }
    return json::parse(res->body, nullptr, false);
  }

  static std::vector<std::int64_t> ids(const json& results) {
    std::vector<std::int64_t> out;
    for (const auto& r : results) out.push_back(r["id"].get<std::int64_t>());
    return out;
  }

  static inline std::unique_ptr<test::TempDir> dir_;
  std::unique_ptr<test::EmbeddedServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ExplorerApiTest, SearchRanksFiltersAndCountsFacets) {
  const json r = get_json("/api/v1/search?q=chicken%20soup&prefix=false", 200);
  // Two recipes hold both words, fewer than 5: the one holding only "chicken" follows, saying so.
  EXPECT_EQ(r["total"], 3);
  EXPECT_EQ(r["partial"], true);
  EXPECT_EQ(ids(r["results"]), (std::vector<std::int64_t>{2, 6, 1}));
  EXPECT_EQ(r["results"][0]["left_out"], json::array());
  EXPECT_EQ(r["results"][2]["left_out"], json::array({"soup"}));
  EXPECT_NEAR(r["results"][0]["score"].get<double>(), 2.9885746420978645, 1e-5);
  EXPECT_EQ(r["results"][0]["name"], "Chicken Soup");
  EXPECT_NEAR(r["results"][0]["adjusted_rating"].get<double>(), 40.0 / 11.0, 1e-12);
  EXPECT_DOUBLE_EQ(r["adjusted_rating"]["prior_mean"].get<double>(), 3.7);
  EXPECT_EQ(r["words"][0]["matches"][0]["kind"], "exact");
  EXPECT_EQ(r["facets"]["tags"][0]["value"], "soups");
  EXPECT_EQ(r["facets"]["tags"][0]["count"], 2);

  // What readers mean: a French word translated, accents folded, highlight ranges in UTF-16 units, and a
  // partial match naming the words each result leaves out.
  const json poulet = get_json("/api/v1/search?q=Poulet", 200);
  EXPECT_EQ(poulet["translations"], json::parse(R"([{"from":"poulet","to":"chicken"}])"));
  EXPECT_EQ(ids(poulet["results"]), ids(get_json("/api/v1/search?q=chicken", 200)["results"]));
  EXPECT_EQ(ids(get_json("/api/v1/search?q=CH%C3%8FCKEN%20soup", 200)["results"]),
            (std::vector<std::int64_t>{2, 6, 1}));
  const json soup = get_json("/api/v1/search?q=soup&prefix=false", 200);
  EXPECT_EQ(soup["results"][0]["name_highlights"], json::parse("[[8, 12]]"));  // "Chicken Soup"
  EXPECT_EQ(soup["results"][0]["left_out"], json::array());
  EXPECT_EQ(soup["partial"], false);
  // Each result's snippet: its ingredients around the first matched word, else its tags, highlighted alike.
  const json chicken_soup = get_json("/api/v1/search?q=chiken%20soup&prefix=false", 200)["results"][0];
  EXPECT_EQ(chicken_soup["id"], 2);
  EXPECT_EQ(chicken_soup["snippet"], "carrot, chicken, water");
  EXPECT_EQ(chicken_soup["snippet_highlights"], json::parse("[[8, 15]]"));  // the typo's word, "chicken"
  EXPECT_EQ(chicken_soup["snippet_source"], "ingredients");
  const json indian = get_json("/api/v1/search?q=indian&prefix=false", 200)["results"][0];
  EXPECT_EQ(indian["snippet"], "indian, main-dish");
  EXPECT_EQ(indian["snippet_highlights"], json::parse("[[0, 6]]"));
  EXPECT_EQ(indian["snippet_source"], "tags");
  const json partial = get_json("/api/v1/search?q=chicken%20brownies&prefix=false", 200);
  EXPECT_EQ(partial["partial"], true);
  EXPECT_EQ(partial["total"], 4);
  for (const auto& hit : partial["results"])
    EXPECT_EQ(hit["left_out"], json::array({hit["id"] == 4 ? "chicken" : "brownies"})) << hit["id"];
  EXPECT_EQ(get_json("/api/v1/search?q=chikn", 200)["words"][0]["suggestions"], json::array({"chicken"}));

  const json easy = get_json("/api/v1/search?tags=Easy&exclude_ingredients=nuts&sort=newest", 200);
  EXPECT_EQ(ids(easy["results"]), (std::vector<std::int64_t>{3, 2}));
  const json paged = get_json("/api/v1/search?sort=popularity&page=2&per_page=2", 200);
  EXPECT_EQ(ids(paged["results"]), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(paged["total"], 6);
  const json typo = get_json("/api/v1/search?q=chiken&prefix=false", 200);
  EXPECT_EQ(typo["words"][0]["matches"][0]["kind"], "typo");
  EXPECT_EQ(typo["total"], 3);  // chicken: recipes 1, 2 and 6
  const json filtered = get_json(
      "/api/v1/search?min_rating=4.5&min_ratings=2&max_minutes=60&max_steps=8&"
      "min_calories=100&max_calories=600",
      200);
  EXPECT_EQ(ids(filtered["results"]), (std::vector<std::int64_t>{1}));
}

TEST_F(ExplorerApiTest, BadSearchParametersAreProblemsNamingTheParameter) {
  EXPECT_EQ(get_json("/api/v1/search?max_minutes=abc", 400)["parameter"], "max_minutes");
  EXPECT_EQ(get_json("/api/v1/search?max_minutes=-1", 400)["parameter"], "max_minutes");
  EXPECT_EQ(get_json("/api/v1/search?min_rating=6", 400)["parameter"], "min_rating");
  EXPECT_EQ(get_json("/api/v1/search?min_rating=nan", 400)["parameter"], "min_rating");
  EXPECT_EQ(get_json("/api/v1/search?per_page=0", 400)["parameter"], "per_page");
  EXPECT_EQ(get_json("/api/v1/search?prefix=maybe", 400)["parameter"], "prefix");
  EXPECT_EQ(get_json("/api/v1/search?min_calories=500&max_calories=100", 400)["parameter"], "max_calories");
  EXPECT_EQ(get_json("/api/v1/search?q=" + std::string(201, 'a'), 400)["parameter"], "q");
  EXPECT_EQ(get_json("/api/v1/search?tags=" + std::string(101, 'a'), 400)["parameter"], "tags");
  EXPECT_EQ(get_json("/api/v1/search?bogus=1", 400)["parameter"], "bogus");
  const json fr = get_json("/api/v1/search?sort=best&lang=fr", 400);
  EXPECT_EQ(fr["parameter"], "sort");
  EXPECT_NE(fr["detail"].get<std::string>().find("une valeur parmi : relevance, rating, popularity, newest"),
            std::string::npos)
      << fr["detail"];
  const json en = get_json("/api/v1/search?sort=best", 400);
  EXPECT_NE(en["detail"].get<std::string>().find("one of: relevance"), std::string::npos) << en["detail"];
}

TEST_F(ExplorerApiTest, RecipePageReviewsAndErrors) {
  const json page = get_json("/api/v1/recipes/2", 200);
  EXPECT_EQ(page["name"], "Chicken Soup");
  EXPECT_EQ(page["rating"]["count"], 1);
  EXPECT_EQ(page["rating"]["reviews"], 2);
  EXPECT_EQ(page["similar"][0]["id"], 6);
  EXPECT_NEAR(page["similar"][0]["similarity"].get<double>(), 0.5795422432520221, 1e-9);
  const json reviews = get_json("/api/v1/recipes/2/reviews?per_page=5", 200);
  ASSERT_EQ(reviews["reviews"].size(), 2u);
  EXPECT_EQ(reviews["reviews"][0]["text"], test::kDecodedReview);
  EXPECT_EQ(reviews["total"], 2);
  EXPECT_EQ(get_json("/api/v1/recipes/abc", 400)["parameter"], "id");
  EXPECT_EQ(get_json("/api/v1/recipes/-3/reviews", 400)["parameter"], "id");
  EXPECT_EQ(get_json("/api/v1/recipes/2/reviews?page=0", 400)["parameter"], "page");
  EXPECT_EQ(get_json("/api/v1/recipes/99", 404)["status"], 404);
  EXPECT_EQ(get_json("/api/v1/recipes/99999999999999999999", 400)["parameter"], "id");
}

TEST_F(ExplorerApiTest, PantryAndCompletion) {
  const json r = get_json("/api/v1/pantry?have=chicken,Carrot&staples=salt,water", 200);
  EXPECT_EQ(ids(r["results"]), (std::vector<std::int64_t>{2, 6, 1}));
  EXPECT_NEAR(r["results"][1]["rating_used"].get<double>(), 42.0 / 11.0, 1e-12);
  EXPECT_EQ(r["results"][1]["missing"], json::array({"curry powder"}));
  EXPECT_EQ(r["results"][0]["uses"], json::array({"chicken", "carrot"}));
  EXPECT_EQ(r["results"][1]["uses"], json::array({"carrot"}));
  // French names: read through the lexicon, said so; completion offers them with their English word.
  const json fr = get_json("/api/v1/pantry?have=poulet", 200);
  EXPECT_EQ(fr["translations"], json::parse(R"([{"from":"poulet","to":"chicken"}])"));
  EXPECT_EQ(fr["total"], 2);
  const json french = get_json("/api/v1/ingredients?prefix=Poul", 200)["french"];
  ASSERT_FALSE(french.empty());
  EXPECT_EQ(french[0], json::parse(R"({"value":"poulet","english":"chicken","recipes":2})"));
  // Default staples include salt and water; an empty value means none.
  EXPECT_EQ(get_json("/api/v1/pantry?have=chicken,carrot", 200)["results"][1]["coverage"], 0.75);
  EXPECT_EQ(get_json("/api/v1/pantry?have=chicken,carrot&staples=", 200)["results"][0]["coverage"], 2.0 / 3.0);
  EXPECT_EQ(get_json("/api/v1/pantry?have=chicken,carrot&staples=none", 200)["results"][0]["coverage"], 2.0 / 3.0);
  EXPECT_EQ(get_json("/api/v1/pantry?have=chocolate&exclude=nuts&max_minutes=60", 200)["total"], 1);
  EXPECT_EQ(get_json("/api/v1/pantry?have=saffron", 200)["unknown"], json::array({"saffron"}));
  EXPECT_EQ(get_json("/api/v1/pantry?max_minutes=x", 400)["parameter"], "max_minutes");
  const json items = get_json("/api/v1/ingredients?prefix=CH&limit=2", 200);
  ASSERT_EQ(items["items"].size(), 2u);
  EXPECT_EQ(items["items"][0]["value"], "chicken");
  EXPECT_EQ(items["items"][0]["recipes"], 2);
  EXPECT_EQ(get_json("/api/v1/tags?prefix=so", 200)["items"][0]["value"], "soups");
  EXPECT_EQ(get_json("/api/v1/tags?limit=0", 400)["parameter"], "limit");
}

TEST_F(ExplorerApiTest, ContributorAndUserPages) {
  EXPECT_EQ(get_json("/api/v1/contributors/20", 200)["recipes"], 2);
  EXPECT_EQ(get_json("/api/v1/users/100", 200)["ratings_count"], 3);
  EXPECT_EQ(get_json("/api/v1/users/555", 404)["status"], 404);
  EXPECT_EQ(get_json("/api/v1/contributors/x", 400)["parameter"], "id");
}

TEST_F(ExplorerApiTest, OpenApiDescribesTheExplorerParameters) {
  const json doc = get_json("/api/v1/openapi.json", 200);
  const json& search = doc["paths"]["/api/v1/search"]["get"]["parameters"];
  std::set<std::string> names;
  for (const auto& p : search) names.insert(p["name"].get<std::string>());
  EXPECT_EQ(names.size(), 16u);  // 15 + lang
  EXPECT_TRUE(names.count("exclude_ingredients"));
  EXPECT_EQ(doc["paths"]["/api/v1/recipes/{id}"]["get"]["parameters"][0]["in"], "path");
  EXPECT_TRUE(doc["paths"]["/api/v1/users/{id}"]["get"]["responses"].contains("404"));

  // The search answer's fields: every field of a real answer and of its results is described, the facet
  // sampling fields are optional (absent when the counts are exact), the snippet fields required.
  const json& answer =
      doc["paths"]["/api/v1/search"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
  const json& result = answer["properties"]["results"]["items"];
  const json real = get_json("/api/v1/search?q=chicken", 200);
  for (const auto& [name, value] : real.items()) EXPECT_TRUE(answer["properties"].contains(name)) << name;
  for (const auto& [name, value] : real["results"][0].items()) EXPECT_TRUE(result["properties"].contains(name)) << name;
  EXPECT_EQ(result["properties"].size(), real["results"][0].size());
  for (const char* name : {"facets_sampled", "facets_sample_size", "facets_margin"}) {
    EXPECT_TRUE(answer["properties"].contains(name)) << name;
    EXPECT_EQ(std::count(answer["required"].begin(), answer["required"].end(), name), 0) << name;
  }
  for (const char* name : {"snippet", "snippet_highlights", "snippet_source"})
    EXPECT_EQ(std::count(result["required"].begin(), result["required"].end(), name), 1) << name;
  EXPECT_EQ(result["properties"]["snippet_source"]["enum"], json::parse(R"(["ingredients", "tags"])"));
  EXPECT_FALSE(answer.dump().find("x-optional") != std::string::npos);
}

}  // namespace
}  // namespace mtm
