// The HTTP server: cpp-httplib with a worker pool, the routes of routes.cpp, and one access-log line
// per request. bind() then run() (blocking) from one thread; stop() may be called from any thread.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
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
  /// Stop accepting and return from run(); idempotent, thread-safe. Responses being written may be cut: use
  /// drain_and_stop() for a graceful stop.
  void stop();
  /// From now on every response says "Connection: close" and new requests get a 503 shutting-down problem.
  void begin_drain() noexcept { draining_.store(true); }
  /// Wait until the requests being handled are written in full; false if some still are at the timeout.
  bool wait_drained(std::chrono::milliseconds timeout) const;
  /// Graceful stop: begin_drain(), wait_drained(timeout), stop(). Returns what wait_drained returned.
  bool drain_and_stop(std::chrono::milliseconds timeout);
  /// True while run() is accepting connections.
  [[nodiscard]] bool is_running() const { return server_.is_running(); }
  [[nodiscard]] ApiContext& context() noexcept { return *context_; }
  [[nodiscard]] std::size_t threads() const noexcept { return threads_; }

 private:
  std::unique_ptr<ApiContext> context_;
  void widen_backlog();

  httplib::Server server_;
  /// The socket cpp-httplib created last (the listening one after a successful bind), or -1.
  int listen_socket_ = -1;
  std::size_t threads_;
  // Requests between the pre-routing handler and the logger, which runs once the response is written.
  std::atomic<int> in_flight_{0};
  std::atomic<bool> draining_{false};
};

}  // namespace mtm::server
