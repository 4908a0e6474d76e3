// The read-only SQL workbench of a real server on a free port: answers, and every refusal the issue lists
// (file access, COPY, ATTACH, INSTALL/LOAD, SET/PRAGMA on the limits, several statements, a query past the
// time limit, a result past the row and byte caps, concurrency and rate caps), each followed by a check that
// the server still answers. Messages must be DuckDB's about the query, with no server path in them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "data/duckdb.hpp"
#include "server/http_server.hpp"
#include "server/sql_workbench.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class SqlApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    test::make_small_api_db(*dir_ / "api.duckdb");
  }
  static void TearDownTestSuite() { dir_.reset(); }

  void start(const std::function<void(SqlConfig&)>& tweak = {}) {
    server::ServerOptions options;
    options.db_path = (*dir_ / "api.duckdb").string();
    options.threads = 4;
    options.cache_bytes = 1 << 20;
    options.sql.timeout_s = 0.5;
    options.sql.max_rows = 1000;
    options.sql.max_result_bytes = 64 * 1024;
    options.sql.memory_bytes = std::size_t{64} << 20;
    options.sql.burst = 1000;
    options.sql.rate_per_minute = 60000;
    if (tweak) tweak(options.sql);
    server_ = std::make_unique<server::HttpServer>(options);
    port_ = server_->bind("127.0.0.1", 0);
    thread_ = std::thread([this] { server_->run(); });
    for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_TRUE(server_->is_running());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(std::chrono::seconds(30));
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Result post(const std::string& sql, const std::string& query = "") {
    return client_->Post(("/api/v1/sql" + query).c_str(), json{{"sql", sql}}.dump(), "application/json");
  }

  /// The query answered 200; its JSON.
  json answer(const std::string& sql) {
    const auto res = post(sql);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << sql << "\n" << res->body;
    return json::parse(res->body);
  }

  /// The query was refused with status; its problem document. Then the server still answers a query.
  json refused(const std::string& sql, int status = 400) {
    const auto res = post(sql);
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, status) << sql << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << sql;
    const json problem = json::parse(res->body);
    const std::string detail = problem.value("detail", "");
    EXPECT_THAT(detail, Not(HasSubstr(dir_->path().string()))) << "a server path in: " << detail;
    EXPECT_THAT(detail, Not(HasSubstr("/etc/"))) << detail;
    EXPECT_THAT(detail, Not(HasSubstr("/tmp/"))) << detail;
    expect_healthy();
    return problem;
  }

  void expect_healthy() {
    const auto health = client_->Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    const auto res = post("SELECT count(*) AS n FROM recipes");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(json::parse(res->body)["rows"], json::parse("[[8]]"));
  }

  static inline std::unique_ptr<test::TempDir> dir_;
  std::unique_ptr<server::HttpServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(SqlApiTest, AnswersAReadWithColumnsTypesAndRows) {
  start();
  const json result = answer(
      "SELECT rating, count(*) AS n FROM interactions WHERE rating BETWEEN 1 AND 5 GROUP BY rating ORDER BY rating");
  EXPECT_EQ(result["columns"], json::parse(R"([{"name":"rating","type":"INTEGER"},{"name":"n","type":"BIGINT"}])"))
      << result.dump();
  // The small database's ratings with stars: 3, 4, 5, 5, 5.
  EXPECT_EQ(result["rows"], json::parse("[[3,1],[4,1],[5,3]]"));
  EXPECT_EQ(result["row_count"], 3);
  EXPECT_EQ(result["truncated"], false);
  EXPECT_TRUE(result["truncated_by"].is_null());

  // GET with q, a trailing semicolon, WITH and FROM-first reads.
  const auto get = client_->Get("/api/v1/sql?q=WITH%20x%20AS%20(FROM%20recipes)%20SELECT%20max(id)%20FROM%20x%3B");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200) << get->body;
  EXPECT_EQ(json::parse(get->body)["rows"], json::parse("[[8]]"));
}

TEST_F(SqlApiTest, CsvAndTextBodies) {
  start();
  const auto csv = client_->Post("/api/v1/sql?format=csv",
                                 R"(SELECT 'a,b' AS "x y", NULL AS n, 2.5 AS d, 'say "hi"' AS q)", "text/plain");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body, "x y,n,d,q\r\n\"a,b\",,2.5,\"say \"\"hi\"\"\"\r\n");
  const auto json_format =
      client_->Post("/api/v1/sql", R"({"sql":"SELECT 1 AS one","format":"csv"})", "application/json");
  ASSERT_TRUE(json_format);
  EXPECT_EQ(json_format->body, "one\r\n1\r\n");
}

TEST_F(SqlApiTest, ParquetOfTheResult) {
  start();
  const auto res = client_->Post(
      "/api/v1/sql?format=parquet",
      R"(SELECT id, name, submitted, tags, is_clean, calories, 1 AS id FROM recipes WHERE id <= 3 ORDER BY id)",
      "text/plain");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/vnd.apache.parquet");
  ASSERT_EQ(res->body.substr(0, 4), "PAR1");
  const fs::path file = dir_->path() / "result.parquet";
  {
    std::ofstream out(file, std::ios::binary);
    out << res->body;
  }
  db::Database memory("");
  auto connection = memory.connect();
  auto rows =
      connection
          .query("SELECT id, id_2, typeof(submitted), CAST(submitted AS VARCHAR), is_clean FROM read_parquet('" +
                 file.string() + "') ORDER BY id")
          .rows();
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(std::get<std::int64_t>(rows[0][0]), 1);
  EXPECT_EQ(std::get<std::int64_t>(rows[2][1]), 1);
  EXPECT_EQ(std::get<std::string>(rows[0][2]), "DATE");
  EXPECT_EQ(std::get<std::string>(rows[0][3]), "2000-01-03");
  EXPECT_TRUE(std::get<bool>(rows[0][4]));
}

TEST_F(SqlApiTest, BadRequestsNameTheirParameter) {
  start();
  const auto empty = client_->Get("/api/v1/sql?q=%20%20");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(json::parse(empty->body)["parameter"], "q");
  const auto missing = client_->Get("/api/v1/sql");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  EXPECT_THAT(json::parse(missing->body)["detail"].get<std::string>(), HasSubstr("'q'"));
  const auto not_json = client_->Post("/api/v1/sql", "[1]", "application/json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400);
  EXPECT_EQ(json::parse(not_json->body)["parameter"], "body");
  const auto format = client_->Get("/api/v1/sql?q=SELECT%201&format=xml");
  ASSERT_TRUE(format);
  EXPECT_EQ(format->status, 400);
  EXPECT_EQ(json::parse(format->body)["parameter"], "format");
  const auto french = client_->Get("/api/v1/sql?q=SELECT%201&format=xml&lang=fr");
  ASSERT_TRUE(french);
  EXPECT_THAT(json::parse(french->body)["detail"].get<std::string>(), HasSubstr("vaut json, csv ou parquet"));
  const std::string too_long = "SELECT '" + std::string(20000, 'x') + "'";
  const auto long_body = post(too_long);
  ASSERT_TRUE(long_body);
  EXPECT_EQ(long_body->status, 400);
  EXPECT_THAT(json::parse(long_body->body)["detail"].get<std::string>(), HasSubstr("over the limit of 16384"));
  const auto syntax = refused("SELEC 1");
  EXPECT_THAT(syntax["detail"].get<std::string>(), HasSubstr("syntax error"));
  const auto unknown = refused("SELECT * FROM no_such_table");
  EXPECT_THAT(unknown["detail"].get<std::string>(), HasSubstr("no_such_table"));
}

TEST_F(SqlApiTest, FileAndNetworkAccessIsRefused) {
  start();
  for (const std::string& sql : std::vector<std::string>{
           "SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_text('/etc/hostname')",
           "SELECT * FROM glob('/etc/*')", "SELECT * FROM read_parquet('https://example.com/x.parquet')",
           "SELECT * FROM read_csv('" + (dir_->path() / "secret.csv").string() + "')"}) {
    const json problem = refused(sql);
    EXPECT_THAT(problem["detail"].get<std::string>(), HasSubstr("disabled")) << sql << ": " << problem.dump();
  }
  // A quoted path is not read as a file either: with external access off it is only a table name.
  const json bare = refused("SELECT * FROM '/etc/passwd'");
  EXPECT_THAT(bare["detail"].get<std::string>(), HasSubstr("Table with name passwd does not exist"));
}

TEST_F(SqlApiTest, WritesAttachCopyAndExtensionsAreRefused) {
  start();
  const fs::path target = dir_->path() / "out.csv";
  for (const std::string& sql : std::vector<std::string>{
           "COPY recipes TO '" + target.string() + "'", "COPY (SELECT 1) TO '/tmp/x.parquet' (FORMAT parquet)",
           "ATTACH '" + (dir_->path() / "other.duckdb").string() + "' AS other", "ATTACH ':memory:' AS scratch",
           "INSTALL httpfs", "LOAD httpfs", "CREATE TABLE t AS SELECT 1", "INSERT INTO recipes (id) VALUES (99)",
           "DELETE FROM recipes", "EXPORT DATABASE '/tmp/dump'", "CALL pragma_version()", "EXPLAIN SELECT 1",
           "DETACH api", "CHECKPOINT"}) {
    const json problem = refused(sql);
    EXPECT_EQ(problem["parameter"], "sql") << sql;
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_FALSE(fs::exists(dir_->path() / "other.duckdb"));
}

TEST_F(SqlApiTest, SettingsCannotBeChanged) {
  start();
  for (const std::string& sql : std::vector<std::string>{
           "SET memory_limit = '64GB'", "SET threads = 64", "PRAGMA threads = 64", "SET enable_external_access = true",
           "RESET memory_limit", "SET lock_configuration = false", "PRAGMA memory_limit = '64GB'",
           "SELECT * FROM (SET threads = 8)"}) {
    refused(sql);
  }
  // The limits in force are the configured ones, and the configuration is locked.
  const json settings = answer(
      "SELECT current_setting('threads') AS threads, current_setting('lock_configuration') AS locked, "
      "current_setting('enable_external_access') AS external, current_setting('autoload_known_extensions') AS "
      "autoload");
  EXPECT_EQ(settings["rows"], json::parse(R"([[1,true,false,false]])")) << settings.dump();
  EXPECT_EQ(answer("SELECT current_setting('memory_limit')")["rows"], json::parse(R"([["64.0 MiB"]])"));
}

TEST_F(SqlApiTest, CatalogFunctionsShowNoServerPath) {
  start();
  const json databases = answer("SELECT path FROM duckdb_databases() WHERE path IS NOT NULL");
  ASSERT_EQ(databases["row_count"], 1);
  const std::string path = databases["rows"][0][0];
  EXPECT_THAT(path, Not(HasSubstr(dir_->path().string())));
  EXPECT_EQ(fs::path(path).filename(), "api.duckdb");
  const json settings = answer("SELECT string_agg(value, ' ') FROM duckdb_settings()");
  EXPECT_THAT(settings["rows"][0][0].get<std::string>(), Not(HasSubstr(dir_->path().string())));
}

TEST_F(SqlApiTest, OneStatementPerQuery) {
  start();
  const json problem = refused("SELECT 1; SELECT 2");
  EXPECT_THAT(problem["detail"].get<std::string>(), HasSubstr("holds 2"));
  refused("SELECT 1; DROP TABLE recipes");
  EXPECT_EQ(answer("SELECT count(*) FROM recipes")["rows"], json::parse("[[8]]"));
}

TEST_F(SqlApiTest, ALongQueryIsInterruptedAtTheLimit) {
  start();
  const auto begin = std::chrono::steady_clock::now();
  const json problem = refused("SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000000000) b", 422);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  EXPECT_THAT(problem["detail"].get<std::string>(), HasSubstr("longer than 0.5 s"));
  // Not a timing assertion: an interrupt that never came would run for hours, not minutes.
  EXPECT_LT(seconds, 120.0);
  EXPECT_EQ(server_->context().workbench.sql->running(), 0U);
}

TEST_F(SqlApiTest, LargeResultsAreTruncatedByRowsAndBytes) {
  start();
  const auto res = post("SELECT range AS i FROM range(10000000)");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("X-Result-Truncated"), "rows");
  const json rows = json::parse(res->body);
  EXPECT_EQ(rows["row_count"], 1000);
  EXPECT_EQ(rows["rows"].size(), 1000U);
  EXPECT_EQ(rows["rows"][999][0], 999);
  EXPECT_EQ(rows["truncated"], true);
  EXPECT_EQ(rows["truncated_by"], "rows");
  // 1,000-character cells cost 1,004 bytes each: 65 fit in 64 KiB.
  const json bytes = answer("SELECT repeat('x', 1000) AS s FROM range(500)");
  EXPECT_EQ(bytes["truncated_by"], "bytes");
  EXPECT_EQ(bytes["row_count"], 65536 / 1004);
  expect_healthy();
}

TEST_F(SqlApiTest, ConcurrentQueriesAreCappedPerClient) {
  start([](SqlConfig& sql) {
    sql.max_concurrent_per_client = 1;
    sql.timeout_s = 3;
  });
  std::thread slow([this] {
    httplib::Client other("127.0.0.1", port_);
    other.set_read_timeout(std::chrono::seconds(30));
    const auto res = other.Post("/api/v1/sql",
                                json{{"sql",
                                      "SELECT sum(a.range * b.range) FROM range(1000000000) a, "
                                      "range(1000000000) b"}}
                                    .dump(),
                                "application/json");
    EXPECT_TRUE(res && res->status == 422);
  });
  for (int i = 0; i < 2000 && server_->context().workbench.sql->running() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(server_->context().workbench.sql->running(), 1U);
  const auto second = post("SELECT 1");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 429) << second->body;
  EXPECT_EQ(second->get_header_value("Retry-After"), "1");
  slow.join();
  expect_healthy();
}

TEST_F(SqlApiTest, ConcurrentQueriesAreCappedInAll) {
  // The client may run two, everybody together one: the second is refused by the global cap.
  start([](SqlConfig& sql) {
    sql.max_concurrent_per_client = 2;
    sql.max_concurrent = 1;
    sql.timeout_s = 3;
  });
  std::thread slow([this] {
    httplib::Client other("127.0.0.1", port_);
    other.set_read_timeout(std::chrono::seconds(30));
    (void)other.Post("/api/v1/sql", "SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000000000) b",
                     "text/plain");
  });
  for (int i = 0; i < 2000 && server_->context().workbench.sql->running() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(server_->context().workbench.sql->running(), 1U);
  const auto res = client_->Get("/api/v1/sql?q=SELECT%201");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429) << res->body;
  EXPECT_THAT(json::parse(res->body)["detail"].get<std::string>(), HasSubstr("Too many SQL queries are running"));
  slow.join();
}

TEST_F(SqlApiTest, HasItsOwnRateLimit) {
  start([](SqlConfig& sql) {
    sql.burst = 3;
    sql.rate_per_minute = 1;
  });
  for (int i = 0; i < 3; ++i) {
    const auto res = client_->Get("/api/v1/sql?q=SELECT%201");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
  }
  const auto limited = client_->Get("/api/v1/sql?q=SELECT%201");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "60");
  // The rest of the API is not limited by it.
  const auto summary = client_->Get("/api/v1/summary");
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->status, 200);
}

TEST_F(SqlApiTest, CanBeSwitchedOff) {
  start([](SqlConfig& sql) { sql.enabled = false; });
  const auto res = client_->Get("/api/v1/sql?q=SELECT%201");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(SqlApiTest, DescribedInTheOpenApiDocument) {
  start();
  const auto res = client_->Get("/api/v1/openapi.json");
  ASSERT_TRUE(res);
  const json doc = json::parse(res->body);
  const json& sql = doc["paths"]["/api/v1/sql"];
  EXPECT_EQ(sql["get"]["parameters"][0]["name"], "q");
  EXPECT_EQ(sql["post"]["requestBody"]["content"]["application/json"]["schema"]["required"], json::array({"sql"}));
  EXPECT_TRUE(sql["post"]["responses"].contains("429"));
}

}  // namespace
}  // namespace mtm
