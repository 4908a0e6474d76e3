// Reloading the dataset without a restart: the pieces it relies on (constant-time token check, bearer header,
// dataset identity, the dataset slot, the cache clear), then POST /api/v1/admin/reload (token checks) and SIGHUP,
// with requests in flight while the database file is replaced and swapped in.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>
#include <vector>

#include "core/errors.hpp"
#include "data/duckdb.hpp"
#include "server/admin.hpp"
#include "server/api.hpp"
#include "server/dataset.hpp"
#include "server/http_server.hpp"
#include "server/lru_cache.hpp"
#include "support/server_options.hpp"
#include "support/server_process.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kToken = "reload-token-7f3a9c";
constexpr int kRecipesInB = test::SmallDbFacts::kRecipes - 2;

// Database A is the small API database; B is the same minus two recipes, from another source.
void make_databases(const test::TempDir& dir) {
  test::make_small_api_db(dir / "a.duckdb");
  test::make_small_api_db(dir / "b.duckdb");
  db::Database b((dir / "b.duckdb").string());
  auto con = b.connect();
  con.execute("DELETE FROM recipes WHERE id IN (7, 8)");
  con.execute("UPDATE dataset_info SET source = 'second ingest', recipes_rows = " + std::to_string(kRecipesInB));
}

// Replace the served file the way a new ingest does: write beside it, then rename over it.
void install(const test::TempDir& dir, const std::string& which) {
  fs::copy_file(dir / (which + ".duckdb"), dir / "served.duckdb.new", fs::copy_options::overwrite_existing);
  fs::rename(dir / "served.duckdb.new", dir / "served.duckdb");
}

class ReloadTest : public ::testing::Test {
 protected:
  void start(const std::string& token) {
    make_databases(dir_);
    install(dir_, "a");
    server::ServerOptions options = test::server_options((dir_ / "served.duckdb").string(), 4, 1 << 20);
    options.admin_token = token;
    server_ = std::make_unique<server::HttpServer>(options);
    port_ = server_->bind("127.0.0.1", 0);
    thread_ = std::thread([this] { server_->run(); });
    for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_TRUE(server_->is_running());
  }

  void TearDown() override {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Result reload(const std::string& authorization) {
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers headers;
    if (!authorization.empty()) headers.emplace("Authorization", authorization);
    return client.Post("/api/v1/admin/reload", headers, "", "application/json");
  }

  test::TempDir dir_;
  std::unique_ptr<server::HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ReloadTest, RefusedWith403WhenNoTokenIsConfigured) {
  start("");
  auto res = reload(std::string("Bearer ") + kToken);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  const json body = json::parse(res->body);
  EXPECT_EQ(body["type"], "/problems/admin-disabled");
  EXPECT_EQ(body["status"], 403);
  EXPECT_EQ(server_->context().data.dataset()->generation(), 1u);
}

TEST_F(ReloadTest, MissingOrWrongTokenIs401AndNothingChanges) {
  start(kToken);
  for (const std::string& auth : {std::string(), std::string("Bearer wrong"), std::string("Bearer ") + kToken + "x",
                                  std::string("Basic ") + kToken}) {
    auto res = reload(auth);
    ASSERT_TRUE(res) << auth;
    EXPECT_EQ(res->status, 401) << auth;
    EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer realm=\"mangetamain-admin\"");
    EXPECT_EQ(json::parse(res->body)["type"], "/problems/unauthorized");
    EXPECT_EQ(res->body.find(kToken), std::string::npos);
  }
  httplib::Client client("127.0.0.1", port_);
  auto fr = client.Post("/api/v1/admin/reload?lang=fr", "", "application/json");
  ASSERT_TRUE(fr);
  EXPECT_EQ(json::parse(fr->body)["title"], "Non autorisé");
  EXPECT_EQ(server_->context().data.dataset()->generation(), 1u);
}

// The command of docs/operations.md, run as written (only the port changes): curl -X POST without -d sends no
// Content-Length, and the server must not wait for a body that never comes.
TEST_F(ReloadTest, TheDocumentedCurlCommandReloads) {
  start(kToken);
  const std::string docs = test::read_file(fs::path(MTM_SOURCE_DIR) / "docs" / "operations.md");
  std::smatch found;
  const std::regex command_re(R"(`(curl [^`]*/api/v1/admin/reload)`)");
  ASSERT_TRUE(std::regex_search(docs, found, command_re)) << "no reload command in docs/operations.md";
  std::string command = found[1];
  const auto port_at = command.find("127.0.0.1:8501");
  ASSERT_NE(port_at, std::string::npos) << command;
  command.replace(port_at, std::string("127.0.0.1:8501").size(), "127.0.0.1:" + std::to_string(port_));
  install(dir_, "b");
  std::string out;
  ASSERT_EQ(test::run_command(std::string("TOKEN=") + kToken + "; " + command, &out), 0) << command << "\n" << out;
  const json body = json::parse(out, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << out;
  EXPECT_EQ(body["status"], "reloaded") << out;
  EXPECT_EQ(body["generation"], 2) << out;
  EXPECT_EQ(server_->context().data.dataset()->generation(), 2U);
}

// The same request on a raw socket: no Content-Length, no Transfer-Encoding, the connection left open.
TEST_F(ReloadTest, APostWithoutBodyOrLengthIsAnsweredWithoutWaitingForTheClientToClose) {
  start(kToken);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
  const std::string request =
      std::string("POST /api/v1/admin/reload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ") + kToken +
      "\r\n\r\n";
  ASSERT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  // Read the status line and headers; the socket stays open on our side, so a server waiting for the body
  // to end would answer only at its read timeout, with 400.
  std::string response;
  char buffer[4096];
  for (int i = 0; i < 64 && response.find("\r\n\r\n") == std::string::npos; ++i) {
    const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got <= 0) break;
    response.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0U) << response;
}

TEST_F(ReloadTest, ReloadFailureKeepsTheCurrentDataset) {
  start(kToken);
  const std::string before = server_->context().data.dataset()->identity();
  std::ofstream(dir_ / "served.duckdb.bad") << "not a database";
  fs::rename(dir_ / "served.duckdb.bad", dir_ / "served.duckdb");
  auto res = reload(std::string("Bearer ") + kToken);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(json::parse(res->body)["type"], "/problems/reload-failed");
  httplib::Client client("127.0.0.1", port_);
  auto ready = client.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200);
  EXPECT_EQ(json::parse(ready->body)["identity"], before);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("mangetamain_reloads_total{result=\"failed\"} 1\n"), std::string::npos);
  EXPECT_NE(metrics->body.find("mangetamain_reloads_total{result=\"ok\"} 0\n"), std::string::npos);
  EXPECT_NE(metrics->body.find("mangetamain_dataset_generation 1\n"), std::string::npos);
}

TEST_F(ReloadTest, ConcurrentRequestsNeverFailWhileTheDatasetSwitches) {
  start(kToken);
  const std::string identity_a = server_->context().data.dataset()->identity();
  std::atomic<bool> done{false};
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", port_);
      const char* paths[] = {"/api/v1/summary", "/readyz", "/api/v1/meta", "/api/v1/ingest-report"};
      for (int i = 0; !done.load(); ++i) {
        auto res = client.Get(paths[(i + t) % 4]);
        if (res && res->status == 200) {
          ++ok;
        } else {
          ++failed;
        }
      }
    });
  }
  std::string identity_b;
  for (int round = 0; round < 6; ++round) {
    const bool to_b = round % 2 == 0;
    install(dir_, to_b ? "b" : "a");
    auto res = reload(std::string("Bearer ") + kToken);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const json body = json::parse(res->body);
    EXPECT_EQ(body["generation"], round + 2);
    EXPECT_EQ(body["dataset"]["source"], to_b ? "second ingest" : "synthetic demo, seed 7, scale 0.001");
    if (to_b) identity_b = body["identity"];
    EXPECT_EQ(body["identity"], to_b ? identity_b : identity_a);
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  install(dir_, "b");
  ASSERT_EQ(reload(std::string("Bearer ") + kToken)->status, 200);
  done = true;
  for (auto& c : clients) c.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GT(ok.load(), 20);
  EXPECT_NE(identity_a, identity_b);

  // The result cache was cleared: the summary now counts B's recipes, and readyz names B.
  httplib::Client client("127.0.0.1", port_);
  auto ready = client.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(json::parse(ready->body)["identity"], identity_b);
  auto summary = client.Get("/api/v1/summary");
  ASSERT_TRUE(summary);
  EXPECT_EQ(json::parse(summary->body)["recipes_rows"], kRecipesInB) << summary->body;
  // Seven successful reloads: generation 8.
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("mangetamain_reloads_total{result=\"ok\"} 7\n"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("mangetamain_dataset_generation 8\n"), std::string::npos);
}

TEST(ReloadProcess, SighupSwapsTheDatasetAndTheTokenIsNeverLogged) {
  test::TempDir dir;
  make_databases(dir);
  install(dir, "a");
  test::ServerProcess server({"serve", "--db", (dir / "served.duckdb").string(), "--port", "0", "--threads", "2"},
                             {{"MANGETAMAIN_ADMIN_TOKEN", kToken}}, dir / "serve.log");
  ASSERT_GT(server.port(), 0);
  httplib::Client client("127.0.0.1", server.port());
  auto first = client.Get("/readyz");
  ASSERT_TRUE(first);
  const json a = json::parse(first->body);
  EXPECT_EQ(a["generation"], 1);

  install(dir, "b");
  server.signal(SIGHUP);
  json now = a;
  for (int i = 0; i < 500 && now["generation"] == 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (auto res = client.Get("/readyz"); res && res->status == 200) now = json::parse(res->body);
  }
  EXPECT_EQ(now["generation"], 2);
  EXPECT_EQ(now["dataset"]["source"], "second ingest");
  EXPECT_NE(now["identity"], a["identity"]);

  EXPECT_EQ(client.Post("/api/v1/admin/reload", {{"Authorization", "Bearer nope"}}, "", "text/plain")->status, 401);
  EXPECT_EQ(client.Post("/api/v1/admin/reload", {{"Authorization", std::string("Bearer ") + kToken}}, "", "text/plain")
                ->status,
            200);
  EXPECT_EQ(server.stop(), 0);
  const std::string log = server.log();
  EXPECT_NE(log.find("SIGHUP received"), std::string::npos) << log;
  EXPECT_EQ(log.find(kToken), std::string::npos) << log;
  // Nor in any log file (debug level included), where the reload and the refused request are recorded.
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "logs")) {
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.find(kToken), std::string::npos) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 3U);
}

}  // namespace

namespace server {
namespace {

TEST(ConstantTimeEquals, EqualOnlyForTheSameBytes) {
  EXPECT_TRUE(constant_time_equals("s3cret-token", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals("s3cret-tokeN", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals("S3cret-token", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals("s3cret-toke", "s3cret-token"));    // a prefix
  EXPECT_FALSE(constant_time_equals("s3cret-token1", "s3cret-token"));  // longer
  EXPECT_FALSE(constant_time_equals("", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals(std::string("s3cret-token\0", 13), "s3cret-token"));  // a NUL past the end
  EXPECT_TRUE(constant_time_equals("", ""));
}

mtm::server::Request with_authorization(const std::string& value) {
  mtm::server::Request req;
  req.headers.emplace("Authorization", value);
  return req;
}

TEST(BearerToken, TakesTheTokenOfABearerHeaderOnly) {
  EXPECT_EQ(bearer_token(with_authorization("Bearer abc.DEF-123")), "abc.DEF-123");
  EXPECT_EQ(bearer_token(with_authorization("bearer   abc")), "abc");
  EXPECT_EQ(bearer_token(with_authorization("Basic YWRtaW46YWRtaW4=")), "");
  EXPECT_EQ(bearer_token(with_authorization("Bearer ")), "");
  EXPECT_EQ(bearer_token(mtm::server::Request{}), "");
}

TEST(Fnv1a, MatchesThePublishedTestVectors) {
  // Offset basis and the "a" / "foobar" vectors of the FNV reference (Fowler, Noll, Vo).
  EXPECT_EQ(fnv1a_hex(""), "cbf29ce484222325");
  EXPECT_EQ(fnv1a_hex("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(fnv1a_hex("foobar"), "85944171f73967e8");
}

TEST(DatasetSlot, ReplaceHandsBackThePreviousDatasetWhichStaysUsable) {
  test::TempDir dir;
  test::make_small_api_db(dir / "a.duckdb");
  DatasetSlot slot(std::make_shared<const Dataset>((dir / "a.duckdb").string(), 1));
  const auto held = slot.current();  // a request in flight
  const auto previous = slot.replace(std::make_shared<const Dataset>((dir / "a.duckdb").string(), 2));
  EXPECT_EQ(previous.get(), held.get());
  EXPECT_EQ(slot.current()->generation(), 2u);
  EXPECT_EQ(held->info()["recipes_rows"], test::SmallDbFacts::kRecipes);
  auto connection = held->connect();
  const auto rows = connection->query("SELECT count(*) FROM recipes").rows();
  EXPECT_EQ(std::get<std::int64_t>(rows.at(0).at(0)), test::SmallDbFacts::kRecipes);
  // Same file, same ingest: same identity.
  EXPECT_EQ(slot.current()->identity(), held->identity());
}

// serve's start: the analysis data stays loaded after DuckDB's cache is emptied, and DuckDB's memory is capped.
TEST(ApiContextPreload, KeepsTheAnalysisDataAndCapsDuckDbMemory) {
  test::TempDir dir;
  test::make_small_api_db(dir / "a.duckdb");
  server::ServerOptions options = test::server_options((dir / "a.duckdb").string(), 2, 1 << 20);
  options.preload_analyses = true;
  options.db_memory_bytes = std::size_t{24} << 20;
  const server::ApiContext context(options);
  auto connection = context.data.dataset()->connect();
  bool rebuilt = false;
  connection->derived().get("cells.recipes", [&] {
    rebuilt = true;
    return std::shared_ptr<void>();
  });
  EXPECT_FALSE(rebuilt) << "the recipe cells loaded by the preload were dropped";
  const auto limit = connection->query("SELECT current_setting('memory_limit')").rows().at(0).at(0);
  EXPECT_EQ(std::get<std::string>(limit), "24.0 MiB");
}

// A browser keeps up to 6 connections open per site, each holding a cpp-httplib worker while idle: with the
// default number of workers, idle connections must not keep a new request waiting for a worker.
TEST(HttpServerWorkers, IdleKeepAliveConnectionsDoNotHoldBackANewRequest) {
  test::TempDir dir;
  test::make_small_api_db(dir / "a.duckdb");
  server::HttpServer server(test::server_options((dir / "a.duckdb").string(), 0, 1 << 20));
  const int port = server.bind("127.0.0.1", 0);
  std::thread thread([&] { server.run(); });
  for (int i = 0; i < 500 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  std::vector<std::unique_ptr<httplib::Client>> idle;
  for (int i = 0; i < 12; ++i) {
    idle.push_back(std::make_unique<httplib::Client>("127.0.0.1", port));
    idle.back()->set_keep_alive(true);
    const auto res = idle.back()->Get("/healthz");
    ASSERT_TRUE(res) << "connection " << i;
  }
  // The keep-alive timeout is 2 s: an answer within 1 s came from a free worker, not from one set free.
  httplib::Client fresh("127.0.0.1", port);
  fresh.set_read_timeout(1, 0);
  const auto res = fresh.Get("/healthz");
  EXPECT_TRUE(res) << "a new connection waited for a worker";
  idle.clear();
  server.stop();
  thread.join();
}

// Connections the server has not accepted yet wait in the listen backlog; Debian's cpp-httplib makes it 5, and
// the kernel drops the SYNs beyond it (the client retries after 1 s, then 3 s). Nothing accepts here (no run()),
// so every connection that completes sits in the backlog.
TEST(HttpServerWorkers, ListenBacklogHoldsABurstOfConnections) {
  test::TempDir dir;
  test::make_small_api_db(dir / "a.duckdb");
  server::HttpServer server(test::server_options((dir / "a.duckdb").string(), 2, 1 << 20));
  const int port = server.bind("127.0.0.1", 0);
  std::vector<int> sockets;
  int connected = 0;
  for (int i = 0; i < 40; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockets.push_back(fd);
    timeval timeout{0, 300000};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) ++connected;
  }
  for (const int fd : sockets) ::close(fd);
  EXPECT_EQ(connected, 40);
}

TEST(Dataset, MissingDatasetInfoIsADatabaseError) {
  test::TempDir dir;
  {
    db::Database database((dir / "bare.duckdb").string());
    database.connect().execute("CREATE TABLE recipes(id INTEGER)");
  }
  EXPECT_THROW(Dataset((dir / "bare.duckdb").string(), 1), DatabaseError);
}

TEST(LruCacheClear, DropsEntriesAndKeepsCounters) {
  LruCache cache(1 << 20);
  cache.put("a", std::make_shared<const CachedBody>(CachedBody{"x", "", "e"}));
  ASSERT_NE(cache.get("a"), nullptr);
  cache.clear();
  EXPECT_EQ(cache.get("a"), nullptr);
  const auto stats = cache.stats();
  EXPECT_EQ(stats.entries, 0u);
  EXPECT_EQ(stats.bytes, 0u);
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
}

}  // namespace
}  // namespace server
}  // namespace mtm
