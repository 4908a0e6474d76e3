// The HTTP API against a real server on a free port, over a small database built in SetUp.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "analysis/registry.hpp"
#include "core/version_info.hpp"
#include "data/duckdb.hpp"
#include "server/gzip.hpp"
#include "server/http_server.hpp"
#include "server/routes.hpp"
#include "support/server_options.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  // The database is built once (it is only read); each test gets its own server.
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    test::make_small_api_db(*dir_ / "api.duckdb");
  }
  static void TearDownTestSuite() { dir_.reset(); }

  void SetUp() override {
    const auto db_path = *dir_ / "api.duckdb";
    server_ = std::make_unique<server::HttpServer>(test::server_options(db_path.string(), 2, 1 << 20));
    port_ = server_->bind("127.0.0.1", 0);
    thread_ = std::thread([this] { server_->run(); });
    for (int i = 0; i < 500 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_TRUE(server_->is_running());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_decompress(false);
  }

  void TearDown() override {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) {
    return client_->Get(path.c_str(), headers);
  }

  json get_json(const std::string& path, int expected_status, const httplib::Headers& headers = {}) {
    auto res = get(path, headers);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }

  /// Any registered analysis that accepts filter, or nullptr.
  static const analysis::Analysis* analysis_with(const std::string& filter) {
    for (const auto& a : analysis::analyses()) {
      for (const auto& f : a.filters) {
        if (f == filter) return &a;
      }
    }
    return nullptr;
  }

  static inline std::unique_ptr<test::TempDir> dir_;
  std::unique_ptr<server::HttpServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ApiTest, SummaryGivesTheCountsOfTheDatabase) {
  const json s = get_json("/api/v1/summary", 200);
  EXPECT_EQ(s["recipes_rows"], test::SmallDbFacts::kRecipes);
  EXPECT_EQ(s["interactions_rows"], test::SmallDbFacts::kInteractions);
  EXPECT_EQ(s["users"], test::SmallDbFacts::kUsers);
  EXPECT_EQ(s["ratings"], test::SmallDbFacts::kCleanRatings);
  EXPECT_DOUBLE_EQ(s["mean_rating"].get<double>(), test::SmallDbFacts::kMeanRating);
  EXPECT_DOUBLE_EQ(s["share_five_stars"].get<double>(), test::SmallDbFacts::kShareFiveStars);
  EXPECT_EQ(s["is_synthetic"], true);
}

TEST_F(ApiTest, MetaGivesVersionEnvironmentAndDataDate) {
  const json m = get_json("/api/v1/meta", 200);
  EXPECT_EQ(m["version"], version::kVersion);
  EXPECT_EQ(m["commit"], version::kGitCommit);
  EXPECT_TRUE(m["environment"] == "LOCAL" || m["environment"] == "PROD" || m["environment"] == "PREPROD");
  EXPECT_TRUE(std::regex_match(m["data_date"].get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
  EXPECT_TRUE(std::regex_match(m["build_date"].get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
  EXPECT_EQ(m["is_synthetic"], true);
}

TEST_F(ApiTest, ThePagePreloadsTheCatalogOfItsLanguage) {
  const auto preload = [](const std::string& lang) {
    return fmt::format(R"(<link rel="preload" href="/assets/i18n/{}.json")", lang);
  };
  const auto french = get("/", {{"Accept-Language", "fr-FR,fr;q=0.9,en;q=0.8"}});
  ASSERT_TRUE(french);
  EXPECT_NE(french->body.find(preload("fr")), std::string::npos);
  EXPECT_EQ(french->get_header_value("Vary"), "Accept-Encoding, Accept-Language");
  // The lang of the address wins over the browser's.
  const auto english = get("/?page=trends&lang=en", {{"Accept-Language", "fr"}});
  ASSERT_TRUE(english);
  EXPECT_NE(english->body.find(preload("en")), std::string::npos);
  EXPECT_EQ(english->body.find(preload("fr")), std::string::npos);
}

TEST_F(ApiTest, UnknownRouteIs404Problem) {
  auto res = get("/api/v1/no-such-thing");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  const json p = json::parse(res->body);
  EXPECT_EQ(p["status"], 404);
  EXPECT_EQ(p["type"], "/problems/not-found");
  EXPECT_NE(p["detail"].get<std::string>().find("/api/v1/no-such-thing"), std::string::npos);
}

TEST_F(ApiTest, UnknownAnalysisIs404Problem) {
  const json p = get_json("/api/v1/analyses/nope.nothing", 404);
  EXPECT_EQ(p["type"], "/problems/unknown-analysis");
  EXPECT_EQ(p["detail"], "There is no analysis 'nope.nothing'. GET /api/v1/analyses lists them.");
}

TEST_F(ApiTest, UnknownParameterIs400NamingItInEnglish) {
  auto res = get("/api/v1/summary?colour=red");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  const json p = json::parse(res->body);
  EXPECT_EQ(p["parameter"], "colour");
  EXPECT_EQ(p["title"], "Unknown parameter");
  EXPECT_EQ(p["detail"], "Unknown parameter 'colour'. Accepted parameters: lang.");
}

TEST_F(ApiTest, UnknownParameterMessageIsFrenchWithLangOrAcceptLanguage) {
  const json by_param = get_json("/api/v1/summary?colour=red&lang=fr", 400);
  EXPECT_EQ(by_param["title"], "Paramètre inconnu");
  EXPECT_EQ(by_param["detail"], "Paramètre inconnu « colour ». Paramètres acceptés : lang.");
  const json by_header = get_json("/api/v1/summary?colour=red", 400, {{"Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5"}});
  EXPECT_EQ(by_header["title"], "Paramètre inconnu");
  EXPECT_EQ(by_header["parameter"], "colour");
}

TEST_F(ApiTest, AnalysisRejectsAParameterItDoesNotAccept) {
  ASSERT_FALSE(analysis::analyses().empty());
  const auto& a = analysis::analyses().front();
  const json p = get_json("/api/v1/analyses/" + a.id + "?colour=red", 400);
  EXPECT_EQ(p["parameter"], "colour");
  EXPECT_EQ(p["type"], "/problems/unknown-parameter");
}

TEST_F(ApiTest, BadValueIs400NamingTheParameterInBothLanguages) {
  const analysis::Analysis* a = analysis_with("year_from");
  ASSERT_NE(a, nullptr);
  const json en = get_json("/api/v1/analyses/" + a->id + "?year_from=abc", 400);
  EXPECT_EQ(en["parameter"], "year_from");
  EXPECT_EQ(en["type"], "/problems/invalid-value");
  EXPECT_NE(en["detail"].get<std::string>().find("year_from"), std::string::npos);
  const json fr = get_json("/api/v1/analyses/" + a->id + "?year_from=abc&lang=fr", 400);
  EXPECT_EQ(fr["title"], "Valeur de paramètre invalide");
  EXPECT_EQ(fr["detail"],
            "Valeur invalide pour le paramètre « year_from » : un entier entre 1990 et 2030 (reçu : « abc »).");
}

TEST_F(ApiTest, RepeatedParameterAndBadLangAre400) {
  const analysis::Analysis* a = analysis_with("year_from");
  ASSERT_NE(a, nullptr);
  const json repeated = get_json("/api/v1/analyses/" + a->id + "?year_from=2000&year_from=2001", 400);
  EXPECT_EQ(repeated["type"], "/problems/repeated-parameter");
  EXPECT_EQ(repeated["parameter"], "year_from");
  const json lang = get_json("/api/v1/summary?lang=de", 400);
  EXPECT_EQ(lang["parameter"], "lang");
}

TEST_F(ApiTest, JsonIsGzippedOnlyWhenAccepted) {
  auto plain = get("/api/v1/openapi.json");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->get_header_value("Content-Encoding"), "");
  auto zipped = get("/api/v1/openapi.json", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->status, 200);
  EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(zipped->body.size(), plain->body.size());
  EXPECT_EQ(server::gzip_decompress(zipped->body), plain->body);
  auto refused = get("/api/v1/openapi.json", {{"Accept-Encoding", "gzip;q=0, br"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->get_header_value("Content-Encoding"), "");
}

TEST_F(ApiTest, StaticAssetsHaveEtagCacheControlAndAnswer304) {
  auto first = get("/assets/js/app.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(first->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(first->get_header_value("Cache-Control"), "no-cache");
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto second = get("/assets/js/app.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
  auto other = get("/assets/js/app.js", {{"If-None-Match", "\"something-else\""}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  auto cartesian = get("/assets/vendor/plotly-cartesian.min.js", {{"If-None-Match", "\"x\""}});
  ASSERT_TRUE(cartesian);
  EXPECT_EQ(cartesian->status, 200);
  EXPECT_EQ(cartesian->get_header_value("Cache-Control"), "public, max-age=86400");
  EXPECT_EQ(cartesian->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_GT(cartesian->body.size(), 1'000'000u);
  // Only the cartesian bundle ships: the dot plots replaced the radars that needed the full one (4.9 MB).
  auto full = get("/assets/vendor/plotly.min.js");
  ASSERT_TRUE(full);
  EXPECT_EQ(full->status, 404);
  // Compiled off the main thread as it streams in (cmake/embed_assets.py).
  EXPECT_TRUE(cartesian->body.starts_with("//# allFunctionsCalledOnLoad\n"));
  auto font = get("/assets/fonts/michroma-latin-400-normal.woff2", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(font);
  EXPECT_EQ(font->get_header_value("Content-Type"), "font/woff2");
  EXPECT_EQ(font->get_header_value("Content-Encoding"), "");  // already compressed
  auto missing = get("/assets/js/nope.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(ApiTest, IndexIsTheEmbeddedPage) {
  auto res = get("/?page=trends&lang=fr");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(res->body.find("Back to the Kitchen"), std::string::npos);
  // The cartesian bundle's bytes are fetched from the start; the full one only for a radar (charts.js).
  EXPECT_NE(res->body.find(R"(href="/assets/vendor/plotly-cartesian.min.js" as="script")"), std::string::npos);
}

TEST_F(ApiTest, HealthAndReadiness) {
  const json health = get_json("/healthz", 200);
  EXPECT_EQ(health["status"], "ok");
  const json ready = get_json("/readyz", 200);
  EXPECT_EQ(ready["status"], "ready");
  EXPECT_EQ(ready["dataset"]["recipes_rows"], test::SmallDbFacts::kRecipes);
  EXPECT_EQ(ready["dataset"]["interactions_rows"], test::SmallDbFacts::kInteractions);
  EXPECT_EQ(ready["dataset"]["is_synthetic"], true);
}

// A real ingest records where it read its files; public routes name the files, never the server's directories.
TEST(ApiPaths, PublicRoutesShowFileNamesNotServerPaths) {
  test::TempDir dir;
  const auto db_path = dir / "paths.duckdb";
  test::make_small_api_db(db_path);
  const std::string secret_dir = "/srv/secret-dir/raw";
  {
    db::Database database(db_path.string());
    auto con = database.connect();
    con.execute("UPDATE dataset_info SET source = '" + secret_dir + "/RAW_recipes.csv, " + secret_dir +
                "/RAW_interactions.csv'");
    con.execute(R"(UPDATE ingest_report SET parameters = '{"file": ")" + secret_dir +
                R"(/RAW_recipes.csv", "dropped": "wrong field count"}' WHERE rule = 'read RAW_recipes.csv')");
  }
  server::ServerOptions options = test::server_options(db_path.string(), 2, 1 << 20);
  options.admin_token = "paths-token-0123";
  server::HttpServer server(options);
  const int port = server.bind("127.0.0.1", 0);
  std::thread serving([&] { server.run(); });
  for (int i = 0; i < 500 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  httplib::Client client("127.0.0.1", port);
  for (const char* path : {"/readyz", "/api/v1/summary", "/api/v1/meta", "/api/v1/ingest-report"}) {
    auto res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->body.find(secret_dir), std::string::npos) << path << ": " << res->body;
    EXPECT_EQ(res->body.find(dir.path().string()), std::string::npos) << path << ": " << res->body;
    EXPECT_NE(res->body.find("RAW_recipes.csv"), std::string::npos) << path << ": " << res->body;
  }
  const json ready = json::parse(client.Get("/readyz")->body);
  EXPECT_EQ(ready["database"], "paths.duckdb");
  EXPECT_EQ(ready["dataset"]["source"], "RAW_recipes.csv, RAW_interactions.csv");
  const json report = json::parse(client.Get("/api/v1/ingest-report")->body);
  EXPECT_EQ(report["steps"][0]["parameters"]["file"], "RAW_recipes.csv");
  // The admin route, behind its token, shows where the database is.
  auto admin = client.Post("/api/v1/admin/reload", {{"Authorization", "Bearer paths-token-0123"}}, "", "text/plain");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 200);
  EXPECT_EQ(json::parse(admin->body)["database"], db_path.string());
  server.stop();
  serving.join();
}

TEST(ApiPaths, FileNamesOnlyKeepsUrlsAndPlainText) {
  EXPECT_EQ(server::file_names_only("/a/b/c.csv, /d/e.csv"), "c.csv, e.csv");
  EXPECT_EQ(server::file_names_only("synthetic demo, seed 7"), "synthetic demo, seed 7");
  EXPECT_EQ(server::file_names_only("s3://bucket/prefix/RAW_recipes.csv"), "s3://bucket/prefix/RAW_recipes.csv");
  EXPECT_EQ(server::file_names_only("read (/x/y/z.zip) ok"), "read (z.zip) ok");
  EXPECT_EQ(server::file_names_only("/srv/dir/"), "dir");
  EXPECT_EQ(server::file_names_only("1/2 cup"), "1/2 cup");
}

TEST_F(ApiTest, OtherMethodsOnAKnownPathAre405WithAllow) {
  const auto expect_405 = [](const httplib::Result& res, const std::string& allow, const std::string& what) {
    ASSERT_TRUE(res) << what;
    EXPECT_EQ(res->status, 405) << what;
    EXPECT_EQ(res->get_header_value("Allow"), allow) << what;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << what;
    EXPECT_EQ(json::parse(res->body)["type"], "/problems/method-not-allowed") << what;
  };
  expect_405(client_->Options("/api/v1/summary"), "GET, HEAD", "OPTIONS summary");
  expect_405(client_->Delete("/api/v1/summary"), "GET, HEAD", "DELETE summary");
  expect_405(client_->Put("/api/v1/analyses/trends.volume", "x", "text/plain"), "GET, HEAD", "PUT analysis");
  expect_405(client_->Get("/api/v1/events"), "POST", "GET events");
  expect_405(client_->Delete("/api/v1/events"), "POST", "DELETE events");
  // An unknown path stays a 404 whatever the method.
  auto unknown = client_->Options("/no/such/path");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(ApiTest, ErrorsOfTheHttpLibraryAreProblemDocumentsToo) {
  auto too_long = get("/api/v1/summary?x=" + std::string(20000, 'a'));
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 414);
  EXPECT_EQ(too_long->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(json::parse(too_long->body)["type"], "/problems/uri-too-long");

  // Not HTTP at all, on a raw socket.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
  const std::string garbage = "GARBAGE\r\n\r\n";
  ASSERT_EQ(::send(fd, garbage.data(), garbage.size(), 0), static_cast<ssize_t>(garbage.size()));
  std::string response;
  char buffer[4096];
  for (int i = 0; i < 64; ++i) {
    const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got <= 0) break;
    response.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 400", 0), 0U) << response;
  EXPECT_NE(response.find("application/problem+json"), std::string::npos) << response;
  EXPECT_NE(response.find("/problems/bad-request"), std::string::npos) << response;
}

TEST_F(ApiTest, AnalysesListsEveryRegisteredAnalysisWithItsFilters) {
  const json list = get_json("/api/v1/analyses", 200);
  ASSERT_EQ(list["analyses"].size(), analysis::analyses().size());
  for (std::size_t i = 0; i < analysis::analyses().size(); ++i) {
    const auto& a = analysis::analyses()[i];
    EXPECT_EQ(list["analyses"][i]["id"], a.id);
    EXPECT_EQ(list["analyses"][i]["page"], a.page);
    EXPECT_EQ(list["analyses"][i]["filters"].size(), a.filters.size()) << a.id;
  }
}

TEST_F(ApiTest, IngestReportRowsComeInOrderWithParsedParameters) {
  const json report = get_json("/api/v1/ingest-report", 200);
  ASSERT_EQ(report["steps"].size(), static_cast<std::size_t>(test::SmallDbFacts::kIngestSteps));
  EXPECT_EQ(report["steps"][1]["rule"], "minutes in range");
  EXPECT_EQ(report["steps"][1]["parameters"]["max"], 180);
  EXPECT_EQ(report["steps"][2]["rows_out"], 5);
}

TEST_F(ApiTest, RepeatedRequestsAreServedFromTheCache) {
  get_json("/api/v1/summary", 200);
  const auto before = server_->context().cache.stats();
  get_json("/api/v1/summary", 200);
  const auto after = server_->context().cache.stats();
  EXPECT_EQ(after.hits, before.hits + 1);
  EXPECT_EQ(after.misses, before.misses);
  EXPECT_LE(after.bytes, server_->context().cache.max_bytes());
}

TEST_F(ApiTest, OneComputationServesEveryLanguage) {
  // trends.complexity with a scope no other test asks for: its first answer computes the result.
  const std::string path = "/api/v1/analyses/trends.complexity?year_from=2001&clean_only=false";
  const auto english = client_->Get(path + "&lang=en");
  ASSERT_TRUE(english);
  EXPECT_EQ(english->get_header_value("X-Result-Cache"), "miss");
  // In French the answer is written anew (a new cached body) from the same language-free result.
  const auto french = client_->Get(path + "&lang=fr");
  ASSERT_TRUE(french);
  EXPECT_EQ(french->get_header_value("X-Cache"), "miss");
  EXPECT_EQ(french->get_header_value("X-Result-Cache"), "hit");
  const json en = json::parse(english->body);
  const json fr = json::parse(french->body);
  EXPECT_EQ(en["lang"], "en");
  EXPECT_EQ(fr["lang"], "fr");
  EXPECT_EQ(en["metrics"][0]["value"], fr["metrics"][0]["value"]);
  EXPECT_EQ(en["metrics"][0]["label"]["id"], fr["metrics"][0]["label"]["id"]);
  EXPECT_NE(en["metrics"][0]["label"]["text"], fr["metrics"][0]["label"]["text"]);
}

TEST_F(ApiTest, OpenApiDocumentAndRoutesAgreeBothWays) {
  const json doc = get_json("/api/v1/openapi.json", 200);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  const json& paths = doc["paths"];
  // Every route is documented.
  for (const auto& route : server::route_specs()) {
    EXPECT_TRUE(paths.contains(route.path)) << route.path;
  }
  // Every documented path is served: a request to it is never a "no such route" 404.
  std::set<std::string> analysis_paths;
  ASSERT_FALSE(analysis::analyses().empty());
  const std::string some_id = analysis::analyses().front().id;
  for (const auto& [path, item] : paths.items()) {
    ASSERT_TRUE(item.contains("get") || item.contains("post")) << path;
    std::string url = std::regex_replace(path, std::regex(R"(\{id\})"), some_id);
    url = std::regex_replace(url, std::regex(R"(\{path\})"), "js/app.js");
    url = std::regex_replace(url, std::regex(R"(\{name\})"), "recipes.parquet");
    // A POST route gets a body; the admin one answers 403 here (no token configured), which still proves it exists.
    auto res = item.contains("get") ? get(url) : client_->Post(url.c_str(), "{}", "application/json");
    ASSERT_TRUE(res) << url;
    EXPECT_NE(res->status, 404) << url << ": " << res->body;
    if (path.rfind("/api/v1/analyses/", 0) == 0 && path != "/api/v1/analyses/{id}") analysis_paths.insert(path);
  }
  // One documented path per analysis, with exactly its filters (plus lang) as query parameters.
  EXPECT_EQ(analysis_paths.size(), analysis::analyses().size());
  for (const auto& a : analysis::analyses()) {
    const json& params = paths["/api/v1/analyses/" + a.id]["get"]["parameters"];
    std::set<std::string> names;
    for (const auto& p : params) names.insert(p["name"].get<std::string>());
    std::set<std::string> expected(a.filters.begin(), a.filters.end());
    expected.insert("lang");
    EXPECT_EQ(names, expected) << a.id;
  }
}

}  // namespace
}  // namespace mtm
