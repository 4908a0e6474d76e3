// Scale-out as deployed: Debian's nginx runs deploy/nginx/mangetamain.conf (ports and certificate paths
// substituted, TLS kept) in front of two serve replicas on loopback; one replica is stopped mid-load and no
// client request may fail.
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "support/s3rver.hpp"
#include "support/server_process.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNginx = "/usr/sbin/nginx";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = 0;
  int count = 0;
  while ((at = text.find(from, at)) != std::string::npos) {
    text.replace(at, from.size(), to);
    at += to.size();
    ++count;
  }
  EXPECT_GT(count, 0) << "'" << from << "' no longer appears in deploy/nginx/mangetamain.conf";
  return text;
}

// The deployed site file with loopback ports, the test's certificate and no IPv6 listeners.
std::string site_config(const test::TempDir& dir, int https_port, int http_port, int replica_a, int replica_b,
                        int preprod) {
  std::string conf = test::read_file(fs::path(MTM_SOURCE_DIR) / "deploy/nginx/mangetamain.conf");
  conf = std::regex_replace(conf, std::regex(R"(\n\s*listen \[::\]:[^\n]*)"), "");
  conf = replace_all(conf, "listen 443 ssl", "listen 127.0.0.1:" + std::to_string(https_port) + " ssl");
  conf = replace_all(conf, "listen 80;", "listen 127.0.0.1:" + std::to_string(http_port) + ";");
  conf = replace_all(conf, "127.0.0.1:8501", "127.0.0.1:" + std::to_string(replica_a));
  conf = replace_all(conf, "127.0.0.1:8511", "127.0.0.1:" + std::to_string(replica_b));
  conf = replace_all(conf, "127.0.0.1:8500", "127.0.0.1:" + std::to_string(preprod));
  conf = replace_all(conf, "/etc/ssl/mangetamain/fullchain.pem", (dir / "cert.pem").string());
  conf = replace_all(conf, "/etc/ssl/mangetamain/privkey.pem", (dir / "key.pem").string());
  return conf;
}

// nginx.conf for a prefix of our own: nothing under /etc or /var, logs and temp files in dir.
std::string main_config(const test::TempDir& dir) {
  const std::string d = dir.path().string();
  std::string conf =
      "daemon off;\nworker_processes 1;\npid " + d + "/nginx.pid;\nerror_log " + d + "/error.log warn;\n";
  // As root, nginx would switch workers to nobody, who cannot enter the test's directories.
  if (::geteuid() == 0) conf += "user root;\n";
  conf += "events { worker_connections 256; }\nhttp {\n  access_log " + d + "/access.log;\n  client_body_temp_path " +
          d + "/tmp/body;\n  proxy_temp_path " + d + "/tmp/proxy;\n  fastcgi_temp_path " + d +
          "/tmp/fastcgi;\n  uwsgi_temp_path " + d + "/tmp/uwsgi;\n  scgi_temp_path " + d + "/tmp/scgi;\n  include " +
          d + "/site.conf;\n}\n";
  return conf;
}

size_t discard(char*, size_t size, size_t n, void*) {
  return size * n;
}

struct Load {
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::atomic<bool> done{false};
  std::string first_failure;
  std::mutex mutex;
};

// One client: a keep-alive TLS connection to nginx (the test's self-signed certificate is not verified).
void client_loop(Load& load, const std::string& base) {
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  const char* paths[] = {"/api/v1/summary", "/readyz", "/api/v1/meta", "/healthz"};
  for (int i = 0; !load.done.load(); ++i) {
    const std::string url = base + paths[i % 4];
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (rc == CURLE_OK && status == 200) {
      ++load.ok;
      continue;
    }
    ++load.failed;
    std::lock_guard lock(load.mutex);
    if (load.first_failure.empty()) {
      load.first_failure = url + ": " + curl_easy_strerror(rc) + " HTTP " + std::to_string(status);
    }
  }
  curl_easy_cleanup(curl);
}

TEST(NginxFailover, StoppingOneReplicaMidLoadFailsNoRequest) {
  ASSERT_TRUE(fs::exists(kNginx)) << "nginx is missing: run scripts/bootstrap.sh";
  test::TempDir dir;
  fs::create_directories(dir / "tmp");
  test::make_small_api_db(dir / "shared.duckdb");
  std::string out;
  ASSERT_EQ(test::run_command("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout '" +
                                  (dir / "key.pem").string() + "' -out '" + (dir / "cert.pem").string() + "'",
                              &out),
            0)
      << out;

  // Two replicas reading the same database file.
  const std::vector<std::string> serve = {
      "serve", "--db", (dir / "shared.duckdb").string(), "--port", "0", "--threads", "4", "--no-access-log"};
  test::ServerProcess a(serve, {}, dir / "replica-a.log");
  test::ServerProcess b(serve, {}, dir / "replica-b.log");
  ASSERT_GT(a.port(), 0);
  ASSERT_GT(b.port(), 0);

  const int https_port = test::free_port();
  dir.write("site.conf", site_config(dir, https_port, test::free_port(), a.port(), b.port(), test::free_port()));
  const fs::path conf = dir.write("nginx.conf", main_config(dir));
  ASSERT_EQ(test::run_command(std::string(kNginx) + " -t -q -p '" + dir.path().string() + "' -e '" +
                                  (dir / "error.log").string() + "' -c '" + conf.string() + "'",
                              &out),
            0)
      << out;
  test::ServerProcess nginx(
      test::ServerProcess::Program{
          kNginx, {"-p", dir.path().string(), "-e", (dir / "error.log").string(), "-c", conf.string()}},
      dir / "nginx.out");
  for (int i = 0; i < 250 && !test::port_open(https_port); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(test::port_open(https_port)) << test::read_file(dir / "error.log");

  Load load;
  const std::string base = "https://127.0.0.1:" + std::to_string(https_port);
  std::vector<std::thread> clients;
  constexpr int kClients = 4;
  for (int t = 0; t < kClients; ++t) clients.emplace_back([&] { client_loop(load, base); });
  const auto wait_for = [&](int requests) {
    for (int i = 0; i < 1000 && load.ok.load() < requests; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  };
  wait_for(200);
  const int before_stop = load.ok.load();
  // A stop as systemd does it (SIGTERM): the replica stops accepting and finishes the responses it is writing;
  // nginx retries what the replica never answered on the other one.
  a.signal(SIGTERM);
  EXPECT_EQ(a.wait(), 0);
  wait_for(before_stop + 400);
  load.done = true;
  for (auto& c : clients) c.join();

  // deploy/nginx's limit_req zone for events: a burst from one address beyond 20 gets nginx's own 429 (an
  // HTML page, where a replica's would be problem+json), before a replica's limit (burst 30) is reached.
  int accepted_events = 0;
  int nginx_refusals = 0;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  const std::string events_url = base + "/api/v1/events";
  const std::string event = R"({"type":"page_view","page":"trends","lang":"en","client_id":"0123456789abcdef"})";
  curl_easy_setopt(curl, CURLOPT_URL, events_url.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, event.c_str());
  for (int i = 0; i < 60; ++i) {
    long status = 0;
    char* type = nullptr;
    if (curl_easy_perform(curl) != CURLE_OK) continue;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
    if (status == 204) ++accepted_events;
    if (status == 429 && type != nullptr && std::string(type).rfind("text/html", 0) == 0) ++nginx_refusals;
  }
  curl_easy_cleanup(curl);
  EXPECT_GE(accepted_events, 20);
  EXPECT_GE(nginx_refusals, 1);
  EXPECT_EQ(nginx.stop(), 0);

  EXPECT_EQ(load.failed.load(), 0) << load.first_failure << "\n" << test::read_file(dir / "error.log");
  EXPECT_GE(before_stop, 200);
  EXPECT_GE(load.ok.load(), before_stop + 400) << "no traffic after the stop";
  // Both replicas served before the stop (round robin), and the HTTP listener only redirects.
  const std::string access = test::read_file(dir / "access.log");
  EXPECT_NE(access.find("\"GET /api/v1/summary HTTP/"), std::string::npos);
}

}  // namespace
}  // namespace mtm
