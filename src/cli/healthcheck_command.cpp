// `mangetamain healthcheck URL`: exit 0 when URL answers 2xx within the timeout, else 1 with one line
// on stderr. Made for container HEALTHCHECK and systemd ExecStartPost, where no curl may be installed.
#include <fmt/format.h>
#include <httplib.h>

#include <chrono>
#include <memory>

#include "cli/commands.hpp"

namespace mtm::cli {

namespace {

struct HealthcheckOptions {
  std::string url;
  double timeout_seconds = 5;
};

[[noreturn]] void unhealthy(const std::string& message) {
  fmt::print(stderr, "unhealthy: {}\n", message);
  // CLI11 turns a RuntimeError into its exit code without printing usage help.
  throw CLI::RuntimeError(1);
}

int run_healthcheck(const HealthcheckOptions& options) {
  const std::string& url = options.url;
  if (!url.starts_with("http://")) unhealthy(fmt::format("'{}' is not an http:// URL", url));
  const std::size_t path_start = url.find('/', 7);
  const std::string origin = path_start == std::string::npos ? url : url.substr(0, path_start);
  const std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (origin.size() <= 7) unhealthy(fmt::format("'{}' names no host", url));

  httplib::Client client(origin);
  const auto timeout =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::duration<double>(options.timeout_seconds));
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  const auto response = client.Get(path);
  if (!response) unhealthy(fmt::format("{}: {}", url, httplib::to_string(response.error())));
  if (response->status < 200 || response->status >= 300) {
    unhealthy(fmt::format("{} answered HTTP {}", url, response->status));
  }
  fmt::print("healthy: {} answered HTTP {}\n", url, response->status);
  return 0;
}

}  // namespace

void setup_healthcheck(CLI::App& app) {
  auto options = std::make_shared<HealthcheckOptions>();
  CLI::App* sub = app.add_subcommand("healthcheck", "Exit 0 if URL answers 2xx in time, else 1 (container checks)");
  sub->add_option("url", options->url, "URL to check, e.g. http://127.0.0.1:8501/readyz")->required();
  sub->add_option("--timeout", options->timeout_seconds, "Seconds to wait for connection and answer")
      ->check(CLI::Range(0.05, 300.0))
      ->capture_default_str();
  sub->callback([options] { run_healthcheck(*options); });
}

}  // namespace mtm::cli
