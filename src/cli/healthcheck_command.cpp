// `mangetamain healthcheck URL`: exit 0 when URL answers 2xx within the timeout, else 1 with one line
// on stderr. Made for container HEALTHCHECK and systemd ExecStartPost, where no curl may be installed.
#include <fmt/format.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "cli/commands.hpp"

namespace mtm::cli {

namespace {

struct HealthcheckOptions {
  std::string url;
  double timeout_seconds = 5;
};

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

[[noreturn]] void unhealthy(const std::string& message) {
  fmt::print(stderr, "unhealthy: {}\n", message);
  // CLI11 turns a RuntimeError into its exit code without printing usage help.
  throw CLI::RuntimeError(1);
}

/// The status of GET path from host[:port], the whole exchange within timeout_seconds; unhealthy() on failure.
int get_status(const std::string& authority, const std::string& path, double timeout_seconds, const std::string& url) {
  const auto colon = authority.rfind(':');
  const std::string host = colon == std::string::npos ? authority : authority.substr(0, colon);
  const std::string port = colon == std::string::npos ? "80" : authority.substr(colon + 1);
  net::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::duration<double>(timeout_seconds)));
  bhttp::request<bhttp::empty_body> request(bhttp::verb::get, path, 11);
  request.set(bhttp::field::host, authority);
  request.set(bhttp::field::connection, "close");
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::dynamic_body> parser;
  parser.body_limit(std::size_t{1} << 20);
  beast::error_code failure;
  net::ip::tcp::resolver resolver(io);
  // Asynchronous steps: the stream's deadline covers each of them (synchronous calls would ignore it).
  resolver.async_resolve(host, port, [&](beast::error_code ec, const net::ip::tcp::resolver::results_type& results) {
    if (ec) return void(failure = ec);
    stream.async_connect(results, [&](beast::error_code ec2, const auto&) {
      if (ec2) return void(failure = ec2);
      bhttp::async_write(stream, request, [&](beast::error_code ec3, std::size_t) {
        if (ec3) return void(failure = ec3);
        bhttp::async_read(stream, buffer, parser, [&](beast::error_code ec4, std::size_t) { failure = ec4; });
      });
    });
  });
  io.run();
  if (failure) unhealthy(fmt::format("{}: {}", url, failure.message()));
  return static_cast<int>(parser.get().result_int());
}

int run_healthcheck(const HealthcheckOptions& options) {
  const std::string& url = options.url;
  if (!url.starts_with("http://")) unhealthy(fmt::format("'{}' is not an http:// URL", url));
  const std::size_t path_start = url.find('/', 7);
  const std::string origin = path_start == std::string::npos ? url : url.substr(0, path_start);
  const std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (origin.size() <= 7) unhealthy(fmt::format("'{}' names no host", url));

  const int status = get_status(origin.substr(7), path, options.timeout_seconds, url);
  if (status < 200 || status >= 300) {
    unhealthy(fmt::format("{} answered HTTP {}", url, status));
  }
  fmt::print("healthy: {} answered HTTP {}\n", url, status);
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
