// The exports of the clean data from a real server: listed with sizes and row counts, each file readable by
// DuckDB with the table's rows, served with ETag (304), byte ranges (206, 416), and written once per dataset.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "data/duckdb.hpp"
#include "server/http_server.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class ExportsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test::make_small_api_db(dir_ / "api.duckdb");
    server::ServerOptions options;
    options.db_path = (dir_ / "api.duckdb").string();
    options.threads = 2;
    options.exports_dir = (dir_ / "exports").string();
    server_ = std::make_unique<server::HttpServer>(options);
    const int port = server_->bind("127.0.0.1", 0);
    thread_ = std::thread([this] { server_->run(); });
    for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port);
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }

  json listing() {
    const auto res = client_->Get("/api/v1/exports");
    EXPECT_TRUE(res && res->status == 200);
    return res ? json::parse(res->body) : json();
  }

  test::TempDir dir_;
  std::unique_ptr<server::HttpServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
};

std::int64_t rows_in(const fs::path& file, const std::string& reader) {
  db::Database memory("");
  auto connection = memory.connect();
  return std::get<std::int64_t>(
      connection.query("SELECT count(*) FROM " + reader + "('" + file.string() + "')").scalar());
}

TEST_F(ExportsApiTest, EveryMainTableInParquetAndCsvWithItsRows) {
  const json list = listing();
  ASSERT_EQ(list["files"].size(), 8U) << list.dump();
  std::map<std::string, std::int64_t> expected = {{"recipes", test::SmallDbFacts::kRecipes},
                                                  {"interactions", test::SmallDbFacts::kInteractions}};
  for (const auto& file : list["files"]) {
    const std::string name = file["name"];
    const auto res = client_->Get(file["url"].get<std::string>());
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << name;
    EXPECT_EQ(res->body.size(), file["bytes"].get<std::size_t>()) << name;
    EXPECT_EQ(res->get_header_value("Accept-Ranges"), "bytes");
    EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"" + name + "\"");
    const fs::path copy = dir_ / ("copy-" + name);
    std::ofstream(copy, std::ios::binary) << res->body;
    const bool parquet = file["format"] == "parquet";
    EXPECT_EQ(res->get_header_value("Content-Type"),
              parquet ? "application/vnd.apache.parquet" : "text/csv; charset=utf-8");
    const std::int64_t rows = rows_in(copy, parquet ? "read_parquet" : "read_csv");
    EXPECT_EQ(rows, file["rows"].get<std::int64_t>()) << name;
    if (expected.count(file["table"]) != 0) {
      EXPECT_EQ(rows, expected[file["table"]]) << name;
    }
  }
  // The recipes keep their cleaning flag: 7 of the 8 are clean.
  db::Database memory("");
  auto connection = memory.connect();
  const auto clean = connection
                         .query("SELECT count(*) FILTER (WHERE is_clean) FROM read_parquet('" +
                                (dir_ / "copy-recipes.parquet").string() + "')")
                         .scalar();
  EXPECT_EQ(std::get<std::int64_t>(clean), 7);
}

TEST_F(ExportsApiTest, RangesAndETags) {
  const auto whole = client_->Get("/api/v1/exports/recipes.parquet");
  ASSERT_TRUE(whole);
  ASSERT_EQ(whole->status, 200);
  const std::string etag = whole->get_header_value("ETag");
  EXPECT_THAT(etag, ::testing::MatchesRegex("\"[0-9a-f]{16}-recipes\\.parquet-[0-9]+\""));
  EXPECT_EQ(whole->body.substr(0, 4), "PAR1");
  const std::size_t size = whole->body.size();

  const auto part = client_->Get("/api/v1/exports/recipes.parquet", {{"Range", "bytes=4-103"}});
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, whole->body.substr(4, 100));
  EXPECT_EQ(part->get_header_value("Content-Range"), "bytes 4-103/" + std::to_string(size));
  const auto tail = client_->Get("/api/v1/exports/recipes.parquet", {{"Range", "bytes=-4"}});
  ASSERT_TRUE(tail);
  EXPECT_EQ(tail->status, 206);
  EXPECT_EQ(tail->body, "PAR1");
  const auto beyond =
      client_->Get("/api/v1/exports/recipes.parquet", {{"Range", "bytes=" + std::to_string(size) + "-"}});
  ASSERT_TRUE(beyond);
  EXPECT_EQ(beyond->status, 416);
  EXPECT_EQ(beyond->get_header_value("Content-Range"), "bytes */" + std::to_string(size));
  const auto cached = client_->Get("/api/v1/exports/recipes.parquet", {{"If-None-Match", etag}});
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->status, 304);
  EXPECT_TRUE(cached->body.empty());

  const auto unknown = client_->Get("/api/v1/exports/users.parquet");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  const auto escape = client_->Get("/api/v1/exports/..%2Fapi.duckdb");
  ASSERT_TRUE(escape);
  EXPECT_EQ(escape->status, 404);
}

TEST_F(ExportsApiTest, WrittenOncePerDataset) {
  (void)listing();
  const fs::path manifest = fs::directory_iterator(dir_ / "exports")->path() / "manifest.json";
  ASSERT_TRUE(fs::exists(manifest));
  const auto written = fs::last_write_time(manifest);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  (void)listing();
  EXPECT_EQ(fs::last_write_time(manifest), written);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "exports"), fs::directory_iterator()), 1);
}

}  // namespace
}  // namespace mtm
