// Serving and ingesting from an s3:// data source against the shared s3rver: raw CSVs fetched then ingested,
// a prebuilt database object, the cache on restart, and S3 down with and without a cache.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/errors.hpp"
#include "data/duckdb.hpp"
#include "data/s3/s3_dataset.hpp"
#include "support/s3rver.hpp"
#include "support/server_process.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm::data::s3 {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kRawSource = "s3://mangetamain/serve-raw";
constexpr const char* kDbSource = "s3://mangetamain/serve-db/prebuilt.duckdb";

Credentials s3rver_creds(int port) {
  Credentials c;
  c.access_key_id = test::S3rver::kKeyId;
  c.secret_access_key = "not-checked-secret-42";
  c.endpoint = "http://127.0.0.1:" + std::to_string(port);
  c.region = "us-east-1";
  c.origin = "test";
  return c;
}

RetryPolicy quick_retries() {
  RetryPolicy p;
  p.backoff = std::chrono::milliseconds(20);
  p.connect_timeout_ms = 2000;
  return p;
}

std::int64_t count_rows(const fs::path& db_path, const std::string& table) {
  db::Database database(db_path.string(), /*read_only=*/true);
  auto rows = database.connect().query("SELECT count(*) FROM " + table).rows();
  return std::get<std::int64_t>(rows.at(0).at(0));
}

class S3ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    upload_ = std::make_unique<test::TempDir>();
    fs::create_directories(upload_->path() / "serve-raw");
    fs::create_directories(upload_->path() / "serve-db");
    fs::copy_file(test::fixture("crlf_bom/RAW_recipes.csv"), *upload_ / "serve-raw/RAW_recipes.csv");
    fs::copy_file(test::fixture("crlf_bom/RAW_interactions.csv"), *upload_ / "serve-raw/RAW_interactions.csv");
    test::make_small_api_db(*upload_ / "serve-db/prebuilt.duckdb");
    std::string out;
    ASSERT_EQ(test::S3rver::shared().upload(upload_->path(), "", &out), 0) << out;
    // Independent count of the fixture's recipe records (Python's csv module, quoted newlines included).
    ASSERT_EQ(
        test::run_command("/usr/bin/python3 -c \"import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], "
                          "newline=''))) - 1)\" '" +
                              test::fixture("crlf_bom/RAW_recipes.csv").string() + "'",
                          &out),
        0)
        << out;
    fixture_recipes_ = std::stoll(out);
  }
  static void TearDownTestSuite() { upload_.reset(); }

  static inline std::unique_ptr<test::TempDir> upload_;
  static inline std::int64_t fixture_recipes_ = 0;
};

TEST_F(S3ServeTest, RawCsvsAreFetchedAndIngestedOnceThenReusedAfterARestart) {
  test::TempDir cache;
  const S3DataSource source = parse_data_source(kRawSource);
  EXPECT_TRUE(source.database.empty());
  const S3DatabaseResult first =
      prepare_s3_database(S3Client(s3rver_creds(test::S3rver::shared().port())), source, cache.path());
  EXPECT_TRUE(first.ingested);
  EXPECT_EQ(first.fetch.downloaded, 2);
  EXPECT_EQ(first.db_path, cache / "mangetamain.duckdb");
  EXPECT_EQ(count_rows(first.db_path, "recipes"), fixture_recipes_);
  const auto mtime = fs::last_write_time(first.db_path);

  const S3Client restarted(s3rver_creds(test::S3rver::shared().port()));
  const S3DatabaseResult second = prepare_s3_database(restarted, source, cache.path());
  EXPECT_FALSE(second.ingested);
  EXPECT_EQ(second.fetch.downloaded, 0);
  EXPECT_EQ(second.fetch.not_modified, 2);
  EXPECT_EQ(restarted.requests_sent(), 3);  // the listing and two conditional GETs answered 304
  EXPECT_EQ(fs::last_write_time(second.db_path), mtime);
}

TEST_F(S3ServeTest, APrebuiltDatabaseObjectIsDownloadedAsIs) {
  test::TempDir cache;
  const S3DataSource source = parse_data_source(kDbSource);
  EXPECT_EQ(source.database, "prebuilt.duckdb");
  EXPECT_EQ(source.location.prefix, "serve-db/");
  const S3DatabaseResult r =
      prepare_s3_database(S3Client(s3rver_creds(test::S3rver::shared().port())), source, cache.path());
  EXPECT_FALSE(r.ingested);
  EXPECT_EQ(r.db_path, cache / "prebuilt.duckdb");
  EXPECT_EQ(test::read_file(r.db_path), test::read_file(*upload_ / "serve-db/prebuilt.duckdb"));
}

TEST_F(S3ServeTest, S3DownWithACacheServesTheCachedDatabaseWithAWarning) {
  test::TempDir cache;
  const S3DataSource source = parse_data_source(kRawSource);
  ASSERT_TRUE(
      prepare_s3_database(S3Client(s3rver_creds(test::S3rver::shared().port())), source, cache.path()).ingested);
  const S3DatabaseResult offline =
      prepare_s3_database(S3Client(s3rver_creds(test::free_port()), quick_retries()), source, cache.path());
  EXPECT_FALSE(offline.ingested);
  EXPECT_EQ(offline.fetch.offline, 2);
  ASSERT_EQ(offline.warnings.size(), 2u);
  EXPECT_NE(offline.warnings[0].find("using the cached copy"), std::string::npos) << offline.warnings[0];
  EXPECT_EQ(count_rows(offline.db_path, "recipes"), fixture_recipes_);
}

TEST_F(S3ServeTest, S3DownWithoutACacheIsOneClearError) {
  test::TempDir cache;
  try {
    (void)prepare_s3_database(S3Client(s3rver_creds(test::free_port()), quick_retries()), parse_data_source(kRawSource),
                              cache.path());
    FAIL() << "no error";
  } catch (const DataLoadError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("cannot reach S3 endpoint"), std::string::npos) << msg;
    EXPECT_NE(msg.find("no cached copy"), std::string::npos) << msg;
  }
  EXPECT_FALSE(fs::exists(cache / "mangetamain.duckdb"));
}

TEST_F(S3ServeTest, ServeFromS3ThenRestartWithoutDownloadingThenS3Down) {
  test::TempDir work;
  const auto& s3 = test::S3rver::shared();
  const std::vector<std::pair<std::string, std::string>> env = {{"AWS_ACCESS_KEY_ID", test::S3rver::kKeyId},
                                                                {"AWS_SECRET_ACCESS_KEY", "not-checked-secret-42"},
                                                                {"AWS_REGION", "us-east-1"},
                                                                {"MANGETAMAIN_ADMIN_TOKEN", "t0ken-s3"}};
  const std::string cache = (work / "cache").string();
  auto args = [&](const std::string& endpoint) {
    return std::vector<std::string>{"serve",  "--data", kRawSource, "--cache-dir", cache, "--endpoint",
                                    endpoint, "--port", "0",        "--threads",   "2"};
  };
  {
    test::ServerProcess server(args(s3.endpoint()), env, work / "first.log");
    ASSERT_GT(server.port(), 0);
    httplib::Client client("127.0.0.1", server.port());
    auto ready = client.Get("/readyz");
    ASSERT_TRUE(ready);
    ASSERT_EQ(ready->status, 200) << ready->body;
    EXPECT_EQ(json::parse(ready->body)["dataset"]["recipes_rows"], fixture_recipes_);
    auto metrics = client.Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("\nmangetamain_data_source_offline 0\n"), std::string::npos) << metrics->body;
    // A reload re-fetches: nothing changed on S3, so nothing is downloaded or ingested again.
    auto reloaded = client.Post("/api/v1/admin/reload", {{"Authorization", "Bearer t0ken-s3"}}, "", "text/plain");
    ASSERT_TRUE(reloaded);
    EXPECT_EQ(reloaded->status, 200) << reloaded->body;
    EXPECT_EQ(server.stop(), 0);
    const std::string log = server.log();
    EXPECT_NE(log.find("2 downloaded, 0 up to date, 0 from cache while offline, ingested"), std::string::npos) << log;
    EXPECT_NE(log.find("0 downloaded, 2 up to date, 0 from cache while offline\n"), std::string::npos) << log;
    EXPECT_EQ(log.find("not-checked-secret-42"), std::string::npos) << log;
  }
  {
    test::ServerProcess restarted(args(s3.endpoint()), env, work / "second.log");
    ASSERT_GT(restarted.port(), 0);
    EXPECT_EQ(restarted.stop(), 0);
    EXPECT_NE(restarted.log().find("0 downloaded, 2 up to date"), std::string::npos) << restarted.log();
  }
  {
    const std::string down = "http://127.0.0.1:" + std::to_string(test::free_port());
    test::ServerProcess offline(args(down), env, work / "offline.log");
    ASSERT_GT(offline.port(), 0);
    httplib::Client client("127.0.0.1", offline.port());
    auto ready = client.Get("/readyz");
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->status, 200);
    auto metrics = client.Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("\nmangetamain_data_source_offline 1\n"), std::string::npos) << metrics->body;
    EXPECT_EQ(offline.stop(), 0);
    const std::string log = offline.log();
    EXPECT_NE(log.find("using the cached copy"), std::string::npos) << log;
    EXPECT_NE(log.find("0 downloaded, 0 up to date, 2 from cache while offline"), std::string::npos) << log;
  }
}

TEST_F(S3ServeTest, ServeWithS3DownAndNoCacheExitsWithOneClearError) {
  test::TempDir work;
  const std::string down = "http://127.0.0.1:" + std::to_string(test::free_port());
  test::ServerProcess server(
      {"serve", "--data", kRawSource, "--cache-dir", (work / "cache").string(), "--endpoint", down, "--port", "0"},
      {{"AWS_ACCESS_KEY_ID", test::S3rver::kKeyId}, {"AWS_SECRET_ACCESS_KEY", "x"}}, work / "serve.log",
      /*wait_listening=*/false);
  EXPECT_EQ(server.wait(), 3);
  const std::string log = server.log();
  EXPECT_NE(log.find("error: s3://mangetamain/serve-raw/"), std::string::npos) << log;
  EXPECT_NE(log.find("no cached copy"), std::string::npos) << log;
  EXPECT_EQ(log.find("listening on"), std::string::npos) << log;
}

TEST_F(S3ServeTest, IngestFromS3FetchesIntoTheCacheThenWritesTheDatabase) {
  test::TempDir work;
  const std::string cmd = "cd '" + work.path().string() + "' && " + test::S3rver::shared().env_prefix() + "'" +
                          test::binary_path() + "' ingest --data " + kRawSource + " --db out.duckdb";
  std::string out;
  ASSERT_EQ(test::run_command(cmd, &out), 0) << out;
  EXPECT_NE(out.find("fetched s3://mangetamain/serve-raw: 2 downloaded"), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(work / "data/s3-cache/raw/RAW_recipes.csv"));
  EXPECT_EQ(count_rows(work / "out.duckdb", "recipes"), fixture_recipes_);
  ASSERT_EQ(test::run_command(cmd, &out), 0) << out;
  EXPECT_NE(out.find("0 downloaded, 2 up to date"), std::string::npos) << out;

  const std::string wrong = "cd '" + work.path().string() + "' && " + test::S3rver::shared().env_prefix() + "'" +
                            test::binary_path() + "' ingest --data " + kDbSource + " --db other.duckdb";
  EXPECT_EQ(test::run_command(wrong, &out), 2) << out;
  EXPECT_NE(out.find("is a prebuilt database; ingest reads raw CSVs"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(work / "other.duckdb"));
}

}  // namespace
}  // namespace mtm::data::s3
