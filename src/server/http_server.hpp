// The HTTP server: the event-driven core of http_core.hpp (Boost.Beast) with the routes of routes.cpp, one
// access-log line and one metrics observation per request. Handlers take the server's own Request and Response
// (handler_types.hpp), which the core fills and writes directly. bind() then run()
// (blocking) from one thread; stop() may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "server/api.hpp"
#include "server/http_core.hpp"

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
  void begin_drain() noexcept;
  /// Wait until the requests being handled are written in full; false if some still are at the timeout.
  bool wait_drained(std::chrono::milliseconds timeout) const;
  /// Graceful stop: begin_drain(), wait_drained(timeout), stop(). Returns what wait_drained returned.
  bool drain_and_stop(std::chrono::milliseconds timeout);
  /// True while run() is accepting connections.
  [[nodiscard]] bool is_running() const { return core_->is_running(); }
  [[nodiscard]] ApiContext& context() noexcept { return *context_; }
  /// I/O threads (work threads are as many).
  [[nodiscard]] std::size_t threads() const noexcept { return threads_; }

 private:
  std::unique_ptr<ApiContext> context_;
  std::size_t threads_;
  std::unique_ptr<http::Core> core_;
};

}  // namespace mtm::server
