// The table browser's API on the small database: every table with its rows and typed columns, pages sorted and
// filtered with the counts a reader checks by hand, facets, the page as CSV, and bad or hostile parameters
// refused by name while the data stays as it was.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "data/duckdb.hpp"
#include "server/http_server.hpp"
#include "support/embedded_server.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

using nlohmann::json;

class TableBrowserApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    test::make_small_api_db(*dir_ / "api.duckdb");
    server::ServerOptions options;
    options.db_path = (*dir_ / "api.duckdb").string();
    options.threads = 2;
    server_ = std::make_unique<test::EmbeddedServer>(options);
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }

  static httplib::Result get(const std::string& path) {
    return httplib::Client("127.0.0.1", server_->port()).Get(path);
  }
  static json ok(const std::string& path) {
    const auto res = get(path);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << path << "\n" << res->body;
    return json::parse(res->body);
  }

  static inline std::unique_ptr<test::TempDir> dir_;
  static inline std::unique_ptr<test::EmbeddedServer> server_;
};

TEST_F(TableBrowserApiTest, EveryTableWithRowsAndTypedColumns) {
  const json tables = ok("/api/v1/data/tables")["tables"];
  std::map<std::string, json> by_name;
  for (const auto& t : tables) by_name[t["name"]] = t;
  ASSERT_TRUE(by_name.count("recipes"));
  EXPECT_EQ(by_name["recipes"]["rows"], test::SmallDbFacts::kRecipes);
  EXPECT_EQ(by_name["interactions"]["rows"], test::SmallDbFacts::kInteractions);
  EXPECT_EQ(by_name["ingest_report"]["rows"], test::SmallDbFacts::kIngestSteps);
  EXPECT_EQ(by_name["recipes"]["columns"][0], json::parse(R"({"name":"id","type":"BIGINT","facet":false})"));
  EXPECT_TRUE(by_name.count("recipe_ingredients"));
}

TEST_F(TableBrowserApiTest, FilteredSortedPagesAndFacets) {
  // Ratings 5, 5, 4, 3, 0, 5: three fives, by users 1, 2 and 4.
  const json fives = ok("/api/v1/data/rows?table=interactions&eq.rating=5&sort=user_id&order=desc");
  EXPECT_EQ(fives["total"], 3);
  std::vector<std::int64_t> users;
  for (const auto& row : fives["rows"]) users.push_back(row[0]);
  EXPECT_EQ(users, (std::vector<std::int64_t>{4, 2, 1}));
  const json rating_facet = fives["facets"]["rating"];
  EXPECT_EQ(rating_facet, json::parse("[[5,3]]"));

  const json all = ok("/api/v1/data/rows?table=interactions&per_page=2&page=2&sort=date");
  EXPECT_EQ(all["total"], 6);
  EXPECT_EQ(all["row_count"], 2);
  EXPECT_EQ(all["rows"][0][2], "2006-07-04");  // the third review by date
  EXPECT_EQ(all["rows"][1][2], "2007-10-10");
  EXPECT_EQ(all["facets"]["rating"], json::parse("[[5,3],[0,1],[3,1],[4,1]]"));

  const json range = ok("/api/v1/data/rows?table=recipes&min.minutes=30&max.minutes=90");
  EXPECT_EQ(range["total"], 4);  // 45, 90, 60, 30
  const json tags = ok("/api/v1/data/rows?table=recipes&eq.tags=summer");
  EXPECT_EQ(tags["total"], 2);
  const json contains = ok("/api/v1/data/rows?table=recipe_ingredients&has.ingredient=TOMA");
  EXPECT_EQ(contains["total"], 2);
}

TEST_F(TableBrowserApiTest, ThePageAsCsv) {
  const auto res = get("/api/v1/data/rows?table=recipe_tags&sort=recipe_id&per_page=3&format=csv");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "recipe_id,tag\r\n1,easy\r\n2,dessert\r\n3,summer\r\n");
}

TEST_F(TableBrowserApiTest, ThePageAsParquet) {
  const auto res = get("/api/v1/data/rows?table=interactions&eq.rating=5&sort=user_id&format=parquet");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body.substr(0, 4), "PAR1");
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"interactions-page1.parquet\"");
}

TEST_F(TableBrowserApiTest, EveryRowOfAViewAsOneFileAcrossItsPages) {
  // The view of 6 interactions sorted by date, shown 2 per page: all=1 gives the 6, in the view's order.
  const auto csv = get("/api/v1/data/rows?table=interactions&per_page=2&page=2&sort=date&format=csv&all=1");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Disposition"), "attachment; filename=\"interactions-all.csv\"");
  EXPECT_EQ(csv->get_header_value("Accept-Ranges"), "bytes");
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = csv->body.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(csv->body.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 7u);  // header + 6 rows
  const json page = ok("/api/v1/data/rows?table=interactions&per_page=2&page=2&sort=date");
  EXPECT_NE(lines[3].find(page["rows"][0][2].get<std::string>()), std::string::npos) << lines[3];  // row 3 by date
  EXPECT_NE(lines[4].find(page["rows"][1][2].get<std::string>()), std::string::npos) << lines[4];
  // A filtered view: the three fives, as Parquet.
  const auto parquet = get("/api/v1/data/rows?table=interactions&eq.rating=5&format=parquet&all=true");
  ASSERT_TRUE(parquet);
  ASSERT_EQ(parquet->status, 200);
  EXPECT_EQ(parquet->body.substr(0, 4), "PAR1");
  const auto file = *dir_ / "fives.parquet";
  std::ofstream(file, std::ios::binary) << parquet->body;
  db::Database reader("");
  auto con = reader.connect();
  EXPECT_EQ(std::get<std::int64_t>(con.query("SELECT count(*) FROM read_parquet('" + file.string() + "')").scalar()),
            3);
  EXPECT_EQ(std::get<std::int64_t>(
                con.query("SELECT count(*) FROM read_parquet('" + file.string() + "') WHERE rating <> 5").scalar()),
            0);
  // all=1 is for the files; the JSON view stays paged.
  const auto json_all = get("/api/v1/data/rows?table=interactions&all=1");
  ASSERT_TRUE(json_all);
  EXPECT_EQ(json_all->status, 400);
  EXPECT_EQ(json::parse(json_all->body)["parameter"], "all");
}

TEST_F(TableBrowserApiTest, HostileParametersAreRefusedByName) {
  for (const auto& [path, parameter] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/data/rows?table=recipes%3B%20DROP%20TABLE%20recipes", "table"},
           {"/api/v1/data/rows?table=recipes&sort=id%3B--", "sort"},
           {"/api/v1/data/rows?table=recipes&min.minutes=1%20OR%201%3D1", "min.minutes"},
           {"/api/v1/data/rows?table=recipes&eq.nope=1", "eq.nope"},
           {"/api/v1/data/rows?table=recipes&format=xml", "format"}}) {
    const auto res = get(path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << path;
    EXPECT_EQ(json::parse(res->body)["parameter"], parameter) << path;
  }
  // A value is only ever a value.
  EXPECT_EQ(ok("/api/v1/data/rows?table=recipes&eq.name=x%27%20OR%201%3D1%20--")["total"], 0);
  EXPECT_EQ(ok("/api/v1/data/tables")["tables"].size(), ok("/api/v1/data/tables")["tables"].size());
  EXPECT_EQ(ok("/api/v1/data/rows?table=recipes")["total"], test::SmallDbFacts::kRecipes);
}

}  // namespace
}  // namespace mtm
