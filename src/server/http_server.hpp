// The HTTP server: cpp-httplib with a worker pool, the routes of routes.cpp, and one access-log line
// per request. bind() then run() (blocking) from one thread; stop() may be called from any thread.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "server/api.hpp"

namespace mtm::server {

class HttpServer {
 public:
  /// Opens the database read-only and prepares every route; throws DatabaseError if it cannot open.
  explicit HttpServer(const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Bind host:port (port 0 = any free port); returns the bound port; throws ConfigurationError.
  int bind(const std::string& host, int port);
  /// Serve until stop(); returns false if the listening socket failed.
  bool run();
  /// Stop accepting and return from run(); idempotent, thread-safe.
  void stop();
  /// True while run() is accepting connections.
  [[nodiscard]] bool is_running() const { return server_.is_running(); }
  [[nodiscard]] ApiContext& context() noexcept { return *context_; }
  [[nodiscard]] std::size_t threads() const noexcept { return threads_; }

 private:
  std::unique_ptr<ApiContext> context_;
  httplib::Server server_;
  std::size_t threads_;
};

}  // namespace mtm::server
