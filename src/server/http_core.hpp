// An event-driven HTTP/1.1 server core on Boost.Beast and Asio, independent of the handlers: idle and slow
// connections cost no thread (I/O threads = cores by default), the whole request head and the whole body each
// have a deadline, the head is capped in bytes, fields and target length (431, 414), the body in bytes (413),
// open connections in number (a fast 503 beyond), and requests of one connection are answered in order
// (pipelining). Handlers marked blocking run on a bounded work pool (503 when its queue is full), so a slow
// query never delays the I/O threads. Handlers see only the server's Request and Response (handler_types.hpp);
// a response body is written from a string, from a view of shared memory, or streamed from a content provider
// in chunks.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/handler_types.hpp"

namespace mtm::server::http {

using Request = mtm::server::Request;
using Response = mtm::server::Response;

struct Limits {
  /// Request head (request line and fields), in bytes and in number of fields: 431 beyond.
  std::size_t max_header_bytes = std::size_t{16} * 1024;
  std::size_t max_header_count = 100;
  /// Request target length: 414 beyond.
  std::size_t max_target_bytes = std::size_t{8} * 1024;
  /// Request body: 413 beyond.
  std::size_t max_body_bytes = std::size_t{64} * 1024;
  /// The whole head must arrive within this once its first byte has; the whole body within body_timeout.
  std::chrono::milliseconds head_timeout{10000};
  std::chrono::milliseconds body_timeout{30000};
  /// A kept-alive connection with no new request is closed after this.
  std::chrono::milliseconds idle_timeout{75000};
  /// Open connections at most; new ones beyond get a 503 and are closed.
  std::size_t max_connections = 10000;
  /// I/O threads (0 = hardware threads) and work-pool threads for blocking handlers (0 = hardware threads).
  std::size_t io_threads = 0;
  std::size_t work_threads = 0;
  /// Blocking requests waiting for a work thread, at most: 503 beyond.
  std::size_t work_queue = 256;
};

using Handler = std::function<void(const Request&, Response&)>;

/// What runs a request: its handler, and whether it blocks (DuckDB, searches, reloads): then it runs on the
/// work pool.
struct Route {
  Handler handler;
  bool blocking = false;
  /// For a blocking route: tried first on the I/O thread (e.g. from a cache); returns false when it could not
  /// answer, and the handler then runs on the work pool with a fresh response.
  std::function<bool(const Request&, Response&)> quick{};
};

class Core {
 public:
  /// Picks the route; may fill the request's path captures (matches).
  using Router = std::function<Route(Request&)>;
  /// Fills a response for a refusal of the core itself (400, 408, 413, 414, 431, 503); the request may hold
  /// only what was read of it.
  using Refusal = std::function<void(int status, const Request&, Response&)>;
  /// Called once a response is ready, just before it is written (access log, metrics); ms from the head's
  /// first byte.
  using Observer = std::function<void(const Request&, const Response&, double ms)>;

  Core(const Limits& limits, Router router, Refusal refusal = {}, Observer observer = {});
  ~Core();
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;

  /// Bind and listen (port 0 = any free port); returns the port; throws std::runtime_error.
  int bind(const std::string& host, int port);
  /// Serve until stop(); blocks the caller, which is one of the I/O threads.
  void run();
  /// Stop accepting and close every connection; run() returns. Thread-safe, idempotent.
  void stop();
  /// Every further response says Connection: close.
  void begin_drain() noexcept { draining_.store(true); }
  [[nodiscard]] bool draining() const noexcept { return draining_.load(); }
  [[nodiscard]] bool is_running() const noexcept { return running_.load(); }
  /// Requests read and not yet answered.
  [[nodiscard]] int in_flight() const noexcept { return in_flight_.load(); }
  [[nodiscard]] std::size_t connections() const noexcept { return connections_.load(); }
  /// Blocking requests waiting for a work thread.
  [[nodiscard]] std::size_t queued() const noexcept;
  [[nodiscard]] const Limits& limits() const noexcept { return limits_; }

  struct State;
  // Counters kept by the connections (internal).
  void connections_inc() noexcept;
  void connections_dec() noexcept;
  void in_flight_inc() noexcept;
  void in_flight_dec() noexcept;

 private:
  Limits limits_;
  std::atomic<bool> draining_{false};
  std::atomic<bool> running_{false};
  std::atomic<int> in_flight_{0};
  std::atomic<std::size_t> connections_{0};
  std::unique_ptr<State> state_;
};

using mtm::server::percent_decode;

}  // namespace mtm::server::http
