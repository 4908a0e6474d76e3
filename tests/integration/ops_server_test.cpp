// Operations features of a real server on a free port: security headers on every kind of response,
// static paths that try to escape, POST /api/v1/events (schema, size cap, rate limit, log lines),
// /metrics parsed line by line, slow-request and error details in the log files, and the healthcheck
// command's exit codes.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "core/logging.hpp"
#include "core/version_info.hpp"
#include "data/duckdb.hpp"
#include "server/http_server.hpp"
#include "server/security_headers.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> lines_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

fs::path only_file_starting_with(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) found.push_back(entry.path());
  }
  EXPECT_EQ(found.size(), 1U) << prefix;
  return found.empty() ? fs::path() : found.front();
}

std::string event(const std::string& type, const std::string& client = "0123456789abcdef",
                  const std::string& extra = "") {
  return R"({"type":")" + type + R"(","page":"trends","lang":"fr","client_id":")" + client + "\"" + extra + "}";
}

std::map<std::string, double> parse_metrics(const std::string& text);

class OpsServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    test::make_small_api_db(*dir_ / "api.duckdb");
  }
  static void TearDownTestSuite() { dir_.reset(); }

  void start(const fs::path& db, double slow_ms = 60000,
             const std::function<void(server::ServerOptions&)>& tweak = {}) {
    LogConfig log;
    log.environment = "preprod";
    log.dir = (logs_.path()).string();
    log.console_level = "off";
    init_logging(log);
    server::ServerOptions options;
    options.db_path = db.string();
    options.threads = 2;
    options.cache_bytes = 1 << 20;
    options.environment = Environment::Preprod;
    options.max_request_bytes = 2048;
    options.slow_request_ms = slow_ms;
    options.events.max_bytes = 512;
    options.events.burst = 3;
    options.events.rate_per_minute = 1;
    if (tweak) tweak(options);
    server_ = std::make_unique<server::HttpServer>(options);
    port_ = server_->bind("127.0.0.1", 0);
    thread_ = std::thread([this] { server_->run(); });
    for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_TRUE(server_->is_running());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  }

  void SetUp() override { start(*dir_ / "api.duckdb"); }

  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    shutdown_logging();
  }

  /// Stop the server and write out the logs, so the files can be read.
  void stop() {
    server_->stop();
    thread_.join();
    shutdown_logging();
  }

  httplib::Result post_event(const std::string& body, const std::string& query = "") {
    return client_->Post(("/api/v1/events" + query).c_str(), body, "application/json");
  }

  static inline std::unique_ptr<test::TempDir> dir_;
  test::TempDir logs_;
  std::unique_ptr<server::HttpServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  int port_ = 0;
};

void expect_security_headers(const httplib::Result& res, const std::string& what) {
  ASSERT_TRUE(res) << what;
  EXPECT_EQ(res->get_header_value_count("Content-Security-Policy"), 1U) << what;
  const std::string csp = res->get_header_value("Content-Security-Policy");
  EXPECT_EQ(csp, server::kContentSecurityPolicy) << what;
  EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'")) << what;
  EXPECT_THAT(csp, HasSubstr("default-src 'self'")) << what;
  EXPECT_THAT(csp, Not(HasSubstr("http"))) << "no external origin: " << what;
  EXPECT_THAT(csp, Not(HasSubstr("*"))) << what;
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(res->get_header_value("Referrer-Policy"), "no-referrer") << what;
  EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << what;
}

TEST_F(OpsServerTest, SecurityHeadersOnEveryKindOfResponse) {
  expect_security_headers(client_->Get("/"), "index");
  expect_security_headers(client_->Get("/assets/js/app.js"), "asset");
  expect_security_headers(client_->Get("/healthz"), "health");
  expect_security_headers(client_->Get("/metrics"), "metrics");
  expect_security_headers(client_->Get("/api/v1/summary"), "api json");
  expect_security_headers(client_->Get("/api/v1/summary?bogus=1"), "400 problem");
  expect_security_headers(client_->Get("/no/such/page"), "404 problem");
  expect_security_headers(post_event(event("page_view")), "204 event");
  expect_security_headers(client_->Post("/api/v1/events", std::string(4096, 'x'), "application/json"), "413");
  auto etag = client_->Get("/assets/js/app.js")->get_header_value("ETag");
  auto not_modified = client_->Get("/assets/js/app.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(not_modified);
  EXPECT_EQ(not_modified->status, 304);
  expect_security_headers(not_modified, "304");
}

TEST_F(OpsServerTest, StaticPathsCannotEscapeTheEmbeddedAssets) {
  const std::vector<std::string> attempts = {
      "/assets/../CMakeLists.txt",
      "/assets/../../../../etc/passwd",
      "/assets/js/../../../../../etc/passwd",
      "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/assets/..%2f..%2f..%2fetc%2fpasswd",
      "/assets/%2E%2E%2F%2E%2E%2Fsrc%2Fmain.cpp",
      "/assets/%252e%252e/%252e%252e/etc/passwd",
      "/assets/..\\..\\etc\\passwd",
      "/assets//etc/passwd",
      "/assets/%00../etc/passwd",
      "/../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
  };
  for (const auto& path : attempts) {
    auto res = client_->Get(path.c_str());
    ASSERT_TRUE(res) << path;
    EXPECT_TRUE(res->status == 404 || res->status == 400) << path << " -> " << res->status;
    EXPECT_THAT(res->body, Not(HasSubstr("root:"))) << path;
    EXPECT_THAT(res->body, Not(HasSubstr("cmake_minimum_required"))) << path;
    EXPECT_THAT(res->body, Not(HasSubstr("#include"))) << path;
  }
  // The legitimate asset next to them is served.
  EXPECT_EQ(client_->Get("/assets/js/app.js")->status, 200);
}

TEST_F(OpsServerTest, EventsAreValidatedFieldByField) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"not json", "body"},
      {"[1,2]", "body"},
      {R"({"page":"trends","lang":"en","client_id":"0123456789abcdef"})", "type"},
      {event("hack"), "type"},
      {R"({"type":"download","page":"Trends Page","lang":"en","client_id":"0123456789abcdef"})", "page"},
      {R"({"type":"download","page":"trends","lang":"de","client_id":"0123456789abcdef"})", "lang"},
      {event("download", "me@example.com"), "client_id"},
      {event("download", "short"), "client_id"},
      {event("download", "0123456789abcdef", R"(,"email":"me@example.com")"), "email"},
      {event("download", "0123456789abcdef", R"(,"params":{"x":{"nested":1}})"), "params.x"},
      {event("download", "0123456789abcdef", R"(,"params":{"Bad Name":1})"), "params.Bad Name"},
      {event("download", "0123456789abcdef", R"(,"params":[1])"), "params"},
      {R"({"type":1,"page":"trends","lang":"en","client_id":"0123456789abcdef"})", "type"},
  };
  for (const auto& [body, field] : bad) {
    auto res = post_event(body);
    ASSERT_TRUE(res) << body;
    EXPECT_EQ(res->status, 400) << body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << body;
    const json problem = json::parse(res->body);
    EXPECT_EQ(problem["parameter"], field) << body;
    EXPECT_EQ(problem["type"], "/problems/invalid-value") << body;
  }
  auto french = post_event(event("hack"), "?lang=fr");
  ASSERT_TRUE(french);
  EXPECT_EQ(json::parse(french->body)["title"], "Valeur de paramètre invalide");
}

TEST_F(OpsServerTest, AcceptedEventsBecomeOneJsonLineEach) {
  auto ok = post_event(event("page_view"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 204);
  ok = post_event(event("filter_change", "0123456789abcdef", R"(,"params":{"year_from":"2001","top_n":10})"));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 204);
  // sendBeacon posts text/plain; the body is the same JSON.
  ok = client_->Post("/api/v1/events", event("download", "fedcba9876543210"), "text/plain;charset=UTF-8");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 204);
  stop();

  const auto lines = lines_of(only_file_starting_with(logs_.path(), "preprod_user_interactions_"));
  ASSERT_EQ(lines.size(), 3U);
  const json first = json::parse(lines[0]);
  EXPECT_EQ(first["type"], "page_view");
  EXPECT_EQ(first["page"], "trends");
  EXPECT_EQ(first["lang"], "fr");
  EXPECT_EQ(first["env"], "preprod");
  EXPECT_EQ(first["client_id"], "0123456789abcdef");
  EXPECT_TRUE(std::regex_match(first["ts"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  EXPECT_EQ(first["params"], json::object());
  EXPECT_EQ(json::parse(lines[1])["params"], json({{"year_from", "2001"}, {"top_n", 10}}));
  EXPECT_EQ(json::parse(lines[2])["type"], "download");
  // Anonymous: the client address is not logged with the event.
  for (const auto& line : lines) EXPECT_THAT(line, Not(HasSubstr("127.0.0.1")));
}

TEST_F(OpsServerTest, EventBodiesAreCappedAndClientsRateLimited) {
  const std::string padding(600, 'a');
  auto too_big = post_event(event("download", "0123456789abcdef", R"(,"params":{"p":")" + padding + "\"}"));
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413);
  EXPECT_EQ(json::parse(too_big->body)["type"], "/problems/payload-too-large");
  EXPECT_THAT(json::parse(too_big->body)["detail"].get<std::string>(), HasSubstr("512 bytes"));

  // Above the server-wide request limit cpp-httplib refuses before routing; still a problem document.
  auto huge = client_->Post("/api/v1/events", std::string(5000, '{'), "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_EQ(huge->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_THAT(json::parse(huge->body)["detail"].get<std::string>(), HasSubstr("2048 bytes"));

  // Burst of 3, then one token a minute.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(post_event(event("page_view", "aaaaaaaa11111111"))->status, 204) << i;
  auto limited = post_event(event("page_view", "aaaaaaaa11111111"), "?lang=fr");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(json::parse(limited->body)["type"], "/problems/too-many-requests");
  EXPECT_EQ(json::parse(limited->body)["title"], "Trop de requêtes");
  const int retry_after = std::stoi(limited->get_header_value("Retry-After"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  // The client chooses its id: a new one buys nothing (random ids once got every event of a flood through).
  auto rotated = post_event(event("page_view", "bbbbbbbb22222222"));
  ASSERT_TRUE(rotated);
  EXPECT_EQ(rotated->status, 429);
  // Nor does an X-Forwarded-For from a peer that is not a configured proxy.
  auto forged =
      client_->Post("/api/v1/events", {{"X-Forwarded-For", "203.0.113.9"}}, event("page_view"), "application/json");
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 429);
}

httplib::Result post_from(httplib::Client& client, const std::string& forwarded_for, const std::string& body) {
  return client.Post("/api/v1/events", {{"X-Forwarded-For", forwarded_for}}, body, "application/json");
}

TEST_F(OpsServerTest, BehindATrustedProxyEachForwardedAddressHasItsBucket) {
  stop();
  start(*dir_ / "api.duckdb", 60000,
        [](server::ServerOptions& options) { options.events.trusted_proxies = "192.0.2.1, 127.0.0.1"; });
  for (int i = 0; i < 3; ++i) EXPECT_EQ(post_from(*client_, "203.0.113.7", event("page_view"))->status, 204) << i;
  EXPECT_EQ(post_from(*client_, "203.0.113.7", event("page_view", "cccccccc33333333"))->status, 429);
  // What the proxy saw is the last entry; the ones before come from the client and are not believed.
  EXPECT_EQ(post_from(*client_, "198.51.100.1, 203.0.113.7", event("page_view"))->status, 429);
  EXPECT_EQ(post_from(*client_, "203.0.113.8", event("page_view"))->status, 204);
}

TEST_F(OpsServerTest, AGlobalBudgetHoldsAFloodFromManyAddresses) {
  stop();
  start(*dir_ / "api.duckdb", 60000, [](server::ServerOptions& options) {
    options.events.trusted_proxies = "127.0.0.1";
    options.events.global_burst = 5;
    options.events.global_rate_per_minute = 1;
  });
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(post_from(*client_, "203.0.113." + std::to_string(10 + i), event("page_view"))->status, 204) << i;
  }
  auto refused = post_from(*client_, "203.0.113.99", event("page_view"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_FALSE(refused->get_header_value("Retry-After").empty());
}

TEST_F(OpsServerTest, TheDaysInteractionsLogIsCappedInBytes) {
  stop();
  start(*dir_ / "api.duckdb", 60000, [](server::ServerOptions& options) {
    options.events.trusted_proxies = "127.0.0.1";
    options.events.burst = 100;
    options.events.max_bytes_per_day = 300;
  });
  // 136 bytes a line: two fit, the rest are dropped (still 204: the client can do nothing about it).
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(post_from(*client_, "203.0.113.50", event("page_view"))->status, 204) << i;
  }
  const auto metrics = parse_metrics(client_->Get("/metrics")->body);
  EXPECT_EQ(metrics.at("mangetamain_events_accepted_total"), 2);
  EXPECT_EQ(metrics.at("mangetamain_events_dropped_total"), 4);
  stop();
  const fs::path file = only_file_starting_with(logs_.path(), "preprod_user_interactions_");
  EXPECT_LE(fs::file_size(file), 300U);
  EXPECT_EQ(lines_of(file).size(), 2U);
  int warnings = 0;
  for (const auto& line : lines_of(logs_ / "preprod_debug.log")) {
    if (line.find("reached events.max_bytes_per_day") != std::string::npos) ++warnings;
  }
  EXPECT_EQ(warnings, 1);
}

TEST_F(OpsServerTest, TheDailyCapHoldsAcrossARestart) {
  const auto capped = [](server::ServerOptions& options) {
    options.events.trusted_proxies = "127.0.0.1";
    options.events.burst = 100;
    options.events.max_bytes_per_day = 300;
  };
  stop();
  start(*dir_ / "api.duckdb", 60000, capped);
  // 136 bytes a line: the first server writes two (272 bytes) and stops.
  for (int i = 0; i < 2; ++i) EXPECT_EQ(post_from(*client_, "203.0.113.51", event("page_view"))->status, 204);
  EXPECT_EQ(parse_metrics(client_->Get("/metrics")->body).at("mangetamain_events_accepted_total"), 2);
  stop();
  // A new process on the same log directory starts from the day's file, not from zero.
  start(*dir_ / "api.duckdb", 60000, capped);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(post_from(*client_, "203.0.113.52", event("page_view"))->status, 204);
  const auto metrics = parse_metrics(client_->Get("/metrics")->body);
  EXPECT_EQ(metrics.at("mangetamain_events_accepted_total"), 0);
  EXPECT_EQ(metrics.at("mangetamain_events_dropped_total"), 3);
  stop();
  const fs::path file = only_file_starting_with(logs_.path(), "preprod_user_interactions_");
  EXPECT_EQ(lines_of(file).size(), 2U);
  EXPECT_LE(fs::file_size(file), 300U);
}

/// name{labels} -> value, from the exposition text; fails the test on a line that does not parse.
std::map<std::string, double> parse_metrics(const std::string& text) {
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;
  const std::regex sample(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+-]+|\+Inf|NaN)$)");
  const std::regex type(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$)");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (line.rfind("# HELP ", 0) == 0) continue;
    if (std::regex_match(line, m, type)) {
      types[m[1]] = m[2];
      continue;
    }
    EXPECT_TRUE(std::regex_match(line, m, sample)) << "unparsable line: " << line;
    if (m.empty()) continue;
    std::string family = m[1];
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      const std::string s(suffix);
      if (family.size() > s.size() && family.ends_with(s) && types.count(family.substr(0, family.size() - s.size())))
        family = family.substr(0, family.size() - s.size());
    }
    EXPECT_TRUE(types.count(family)) << "sample before its # TYPE: " << line;
    samples[std::string(m[1]) + std::string(m[2])] = std::stod(m[3]);
  }
  return samples;
}

TEST_F(OpsServerTest, MetricsParseAndCountersMove) {
  // A request is counted after its response is written; on one keep-alive connection the server counts
  // each request before it reads the next, so the second scrape sees every earlier request.
  client_->set_keep_alive(true);
  auto first = client_->Get("/metrics");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const auto before = parse_metrics(first->body);
  EXPECT_EQ(before.at("mangetamain_dataset_rows{table=\"recipes\"}"), test::SmallDbFacts::kRecipes);
  EXPECT_EQ(before.at("mangetamain_dataset_rows{table=\"interactions\"}"), test::SmallDbFacts::kInteractions);
  const std::string build = std::string("mangetamain_build_info{version=\"") + version::kVersion + "\",commit=\"" +
                            version::kGitCommit + "\",build_date=\"" + version::kBuildDate +
                            "\",environment=\"PREPROD\"}";
  EXPECT_EQ(before.at(build), 1);

  ASSERT_EQ(client_->Get("/api/v1/summary")->status, 200);
  ASSERT_EQ(client_->Get("/api/v1/summary")->status, 200);
  ASSERT_EQ(client_->Get("/nowhere")->status, 404);
  ASSERT_EQ(post_event(event("page_view"))->status, 204);
  ASSERT_EQ(post_event("{}")->status, 400);

  const auto after = parse_metrics(client_->Get("/metrics")->body);
  const std::string summary = "{route=\"/api/v1/summary\",method=\"GET\",status=\"200\"}";
  EXPECT_EQ(after.at("mangetamain_http_requests_total" + summary), 2);
  EXPECT_EQ(after.at("mangetamain_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"}"), 1);
  EXPECT_EQ(after.at("mangetamain_http_requests_total{route=\"/metrics\",method=\"GET\",status=\"200\"}"), 1);
  EXPECT_EQ(after.at("mangetamain_http_requests_total{route=\"/api/v1/events\",method=\"POST\",status=\"204\"}"), 1);
  EXPECT_EQ(after.at("mangetamain_http_requests_total{route=\"/api/v1/events\",method=\"POST\",status=\"400\"}"), 1);
  // First summary computed (miss), second served from the cache (hit).
  EXPECT_EQ(after.at("mangetamain_cache_misses_total") - before.at("mangetamain_cache_misses_total"), 1);
  EXPECT_EQ(after.at("mangetamain_cache_hits_total") - before.at("mangetamain_cache_hits_total"), 1);
  EXPECT_GT(after.at("mangetamain_cache_bytes"), 0);
  EXPECT_EQ(after.at("mangetamain_cache_max_bytes"), 1 << 20);
  EXPECT_EQ(after.at("mangetamain_events_accepted_total"), 1);
  EXPECT_EQ(after.at("mangetamain_events_rejected_total"), 1);
  // The histogram: cumulative buckets ending with +Inf = count.
  const std::string route = "route=\"/api/v1/summary\"";
  EXPECT_EQ(after.at("mangetamain_http_request_duration_seconds_count{" + route + "}"), 2);
  EXPECT_EQ(after.at("mangetamain_http_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"}"), 2);
  double previous = 0;
  for (const double bound : server::kLatencyBuckets) {
    const double value =
        after.at(fmt::format("mangetamain_http_request_duration_seconds_bucket{{{},le=\"{}\"}}", route, bound));
    EXPECT_GE(value, previous);
    previous = value;
  }
  EXPECT_GT(after.at("mangetamain_http_request_duration_seconds_sum{" + route + "}"), 0);
}

TEST_F(OpsServerTest, DrainingRefusesNewRequestsAndClosesEveryConnection) {
  client_->set_keep_alive(true);
  auto before = client_->Get("/api/v1/summary");
  ASSERT_TRUE(before);
  EXPECT_EQ(before->status, 200);
  EXPECT_EQ(before->get_header_value("Connection"), "");

  server_->begin_drain();
  auto refused = client_->Get("/api/v1/summary?lang=fr");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->get_header_value("Connection"), "close");
  EXPECT_EQ(refused->get_header_value("Content-Type"), "application/problem+json");
  const auto problem = json::parse(refused->body);
  EXPECT_EQ(problem["type"], "/problems/shutting-down");
  EXPECT_EQ(problem["title"], "Serveur en cours d'arrêt");
  EXPECT_EQ(problem["status"], 503);
  // Every route, health checks included: a balancer takes the replica out at once.
  auto health = client_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 503);
  EXPECT_EQ(health->get_header_value("Connection"), "close");

  // Nothing is in flight any more (each response above was written before the client got it).
  EXPECT_TRUE(server_->wait_drained(std::chrono::milliseconds(2000)));
  EXPECT_TRUE(server_->drain_and_stop(std::chrono::milliseconds(2000)));
  thread_.join();
  EXPECT_FALSE(server_->is_running());
}

TEST_F(OpsServerTest, AccessLogAndSlowRequestsInTheFiles) {
  stop();
  start(*dir_ / "api.duckdb", /*slow_ms=*/0);
  ASSERT_EQ(client_->Get("/healthz")->status, 200);
  stop();
  const auto access = lines_of(logs_ / "preprod_access.log");
  ASSERT_FALSE(access.empty());
  EXPECT_THAT(access.back(), HasSubstr("\"GET /healthz\" 200"));
  bool slow_logged = false;
  for (const auto& line : lines_of(logs_ / "preprod_debug.log")) {
    if (line.find("slow request: GET /healthz took") != std::string::npos) {
      slow_logged = true;
      EXPECT_THAT(line, HasSubstr("handler"));
      EXPECT_THAT(line, HasSubstr("route /healthz"));
      EXPECT_THAT(line, HasSubstr("warn"));
    }
  }
  EXPECT_TRUE(slow_logged);
}

TEST_F(OpsServerTest, ALineCannotBeForgedThroughTheRequestPath) {
  auto res = client_->Get("/x%0a2026-01-01T00:00:00.000%20access%20FAKE");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  stop();
  const auto access = lines_of(logs_ / "preprod_access.log");
  ASSERT_EQ(access.size(), 1U) << test::read_file(logs_ / "preprod_access.log");
  EXPECT_THAT(access[0], HasSubstr(R"("GET /x\n2026-01-01T00:00:00.000 access FAKE" 404)"));
  for (const auto& line : lines_of(logs_ / "preprod_debug.log")) EXPECT_THAT(line, Not(HasSubstr("FAKE")));
}

/// A raw loopback connection to the server under test.
int connect_raw(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& data) {
  return ::send(fd, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
}

// Two I/O threads and two work threads (options.threads = 2): 200 clients that never finish their head or body
// hold none of them, and a head of thousands of fields is refused with 431 without being kept.
TEST_F(OpsServerTest, SlowAndHostileClientsBlockNothingAndHugeHeadsAre431) {
  std::vector<int> slow;
  for (int i = 0; i < 200; ++i) {
    const int fd = connect_raw(port_);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(i % 2 == 0 ? send_all(fd, "GET /healthz HTTP/1.1\r\nHost: a\r\nX-Slow: 1\r\n")
                           : send_all(fd, "POST /api/v1/events HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{"));
    slow.push_back(fd);
  }
  auto health = client_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto summary = client_->Get("/api/v1/summary");
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->status, 200);

  const int fd = connect_raw(port_);
  ASSERT_GE(fd, 0);
  std::string chunk;
  for (int i = 0; i < 1000; ++i) chunk += "X-Many: 1\r\n";
  bool sending = send_all(fd, "GET /healthz HTTP/1.1\r\nHost: a\r\n");
  for (int i = 0; i < 200 && sending; ++i) sending = send_all(fd, chunk);
  std::string answer;
  char buffer[4096];
  for (int i = 0; i < 64 && answer.find("}") == std::string::npos; ++i) {
    const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got <= 0) break;
    answer.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  for (const int s : slow) ::close(s);
  EXPECT_EQ(answer.rfind("HTTP/1.1 431", 0), 0U) << answer.substr(0, 200);
  EXPECT_NE(answer.find("application/problem+json"), std::string::npos);
  EXPECT_NE(answer.find("/problems/headers-too-large"), std::string::npos);
  EXPECT_NE(answer.find("Content-Security-Policy"), std::string::npos);
}

TEST_F(OpsServerTest, ErrorDetailsGoToErrorsLogNotToTheClient) {
  stop();
  // A database without its ingest_report table opens (the server checks dataset_info and the explorer's
  // tables at start), then GET /api/v1/ingest-report fails inside DuckDB.
  const fs::path broken = logs_ / "broken.duckdb";
  fs::copy_file(*dir_ / "api.duckdb", broken);
  {
    db::Database database(broken.string());
    database.connect().execute("DROP TABLE ingest_report");
  }
  start(broken);
  auto res = client_->Get("/api/v1/ingest-report");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_THAT(res->body, Not(HasSubstr("ingest_report")));
  stop();
  // DuckDB's message may span lines (the query excerpt); the record starts on the first.
  const auto errors = lines_of(logs_ / "preprod_errors.log");
  ASSERT_FALSE(errors.empty());
  EXPECT_THAT(errors[0], HasSubstr("error"));
  EXPECT_THAT(errors[0], HasSubstr("GET /api/v1/ingest-report")) << test::read_file(logs_ / "preprod_errors.log");
  EXPECT_THAT(test::read_file(logs_ / "preprod_errors.log"), HasSubstr("ingest_report"));
}

TEST_F(OpsServerTest, HealthcheckExitCodes) {
  const std::string bin = test::binary_path();
  const std::string base = "http://127.0.0.1:" + std::to_string(port_);
  std::string out;
  EXPECT_EQ(test::run_command(bin + " healthcheck " + base + "/readyz", &out), 0) << out;
  EXPECT_THAT(out, HasSubstr("healthy"));
  EXPECT_EQ(test::run_command(bin + " healthcheck " + base + "/nowhere", &out), 1) << out;
  EXPECT_THAT(out, HasSubstr("answered HTTP 404"));
  EXPECT_EQ(test::run_command(bin + " healthcheck ftp://127.0.0.1/", &out), 1) << out;
  EXPECT_THAT(out, HasSubstr("not an http:// URL"));

  // A closed port: connection refused.
  stop();
  EXPECT_EQ(test::run_command(bin + " healthcheck --timeout 2 " + base + "/healthz", &out), 1) << out;
  EXPECT_THAT(out, HasSubstr("unhealthy"));

  // A socket that accepts and never answers: the timeout ends the check.
  httplib::Server silent;
  silent.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::seconds(2));
    res.set_content("late", "text/plain");
  });
  const int silent_port = silent.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { silent.listen_after_bind(); });
  // Exit 1 (not the 0 a late 200 would give) shows the timeout ended the check.
  EXPECT_EQ(test::run_command(
                bin + " healthcheck --timeout 0.5 http://127.0.0.1:" + std::to_string(silent_port) + "/slow", &out),
            1)
      << out;
  EXPECT_THAT(out, HasSubstr("unhealthy"));
  silent.stop();
  serving.join();
}

}  // namespace
}  // namespace mtm
