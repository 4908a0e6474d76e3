#include "server/http_server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/errors.hpp"
#include "core/logging.hpp"
#include "server/problem.hpp"
#include "server/routes.hpp"
#include "server/security_headers.hpp"

namespace mtm::server {

namespace {

// The worker that routes a request also logs it, so a thread-local start time is enough.
thread_local std::chrono::steady_clock::time_point t_request_start;

}  // namespace

HttpServer::HttpServer(const ServerOptions& options)
    : context_(std::make_unique<ApiContext>(options)),
      // cpp-httplib gives each connection a worker for as long as it is kept alive: with 4 workers, a browser's 6
      // parallel connections left 2 of its requests waiting for an idle connection to time out (5 s stalls
      // of the trends page in Chromium). A connection beyond the workers waits in the queue: 64 covers a dozen
      // browsers or wrk -c64 (requests otherwise waited > 2 s). Idle workers cost a little memory each.
      threads_(options.threads != 0 ? options.threads
                                    : std::max<std::size_t>(64, std::size_t{8} * std::thread::hardware_concurrency())) {
  // httplib owns and deletes the queue it gets from this factory.
  const std::size_t pool_size = threads_;
  server_.new_task_queue = [pool_size] { return new httplib::ThreadPool(pool_size); };
  // Headers and body leave in separate writes: with Nagle's algorithm on, the client's delayed ACK
  // adds ~40 ms to every response (measured by bench/web_bench.mjs: cached p50 43 ms -> sub-ms).
  server_.set_tcp_nodelay(true);
  // A page's requests come within milliseconds of each other; an idle connection holds a worker no longer.
  server_.set_keep_alive_timeout(2);
  // cpp-httplib closes a connection after 5 requests by default; busy clients then reconnect all the time, and
  // Debian's build listens with a backlog of 5: under wrk -c64, dropped SYNs (retried after 1 s) made requests
  // take 1-2 s and some time out.
  server_.set_keep_alive_max_count(100);
  server_.set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_socket_ = sock;
  });
  server_.set_read_timeout(10);
  server_.set_payload_max_length(options.max_request_bytes);
  server_.set_default_headers(security_headers());
  server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_request_start = std::chrono::steady_clock::now();
    request_trace() = RequestTrace{};
    // Counted before draining_ is read: drain_and_stop() sets draining_ before it reads the count, so a
    // request either is waited for or sees draining_ and is refused (sequentially consistent atomics).
    in_flight_.fetch_add(1);
    if (draining_.load()) {
      send_problem(req, res, ProblemKind::ShuttingDown,
                   problem_detail(ProblemKind::ShuttingDown, request_language(req)));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // While draining, no connection is kept alive: the client (or proxy) sends its next request elsewhere.
  server_.set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
    if (draining_.load()) res.set_header("Connection", "close");
  });
  const double slow_ms = options.slow_request_ms;
  server_.set_logger([this, slow_ms](const httplib::Request& req, const httplib::Response& res) {
    // Requests cpp-httplib refuses before routing (413, 400) never reach the pre-routing handler.
    const bool routed = t_request_start != std::chrono::steady_clock::time_point{};
    const double ms =
        routed ? std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_request_start).count()
               : 0.0;
    const RequestTrace trace = request_trace();
    request_trace() = RequestTrace{};
    t_request_start = {};
    if (routed) in_flight_.fetch_sub(1);
    context_->metrics.observe(trace.route, req.method, res.status, ms / 1000.0);
    const std::size_t bytes = res.body.empty() ? res.content_length_ : res.body.size();
    const std::string encoding = res.get_header_value("Content-Encoding");
    const std::string query = req.params.empty() ? "" : "?" + httplib::detail::params_to_query_str(req.params);
    access_logger()->info("{} \"{} {}{}\" {} {} {:.1f}ms{}", req.remote_addr, req.method, req.path, query, res.status,
                          bytes, ms, encoding.empty() ? "" : " " + encoding);
    if (ms >= slow_ms) {
      spdlog::warn("slow request: {} {}{} took {:.1f} ms (handler {:.1f} ms, route {}, status {}, {} bytes)",
                   req.method, req.path, query, ms, trace.handler_ms, trace.route, res.status, bytes);
    }
  });
  register_routes(server_, *context_);
}

HttpServer::~HttpServer() {
  stop();
}

int HttpServer::bind(const std::string& host, int port) {
  if (port == 0) {
    const int bound = server_.bind_to_any_port(host);
    if (bound <= 0) throw ConfigurationError(fmt::format("cannot listen on {}: no free port", host));
    widen_backlog();
    return bound;
  }
  if (!server_.bind_to_port(host, port)) {
    throw ConfigurationError(fmt::format("cannot listen on {}:{} (address in use or not available)", host, port));
  }
  widen_backlog();
  return port;
}

void HttpServer::widen_backlog() {
  // Debian's cpp-httplib listens with a backlog of 5: a burst of new connections (wrk -c64, a proxy's pool, many
  // browsers at once) overflowed it, the kernel dropped their SYNs and clients retried after 1-3 s (wrk timeouts).
  // listen() again on the listening socket only changes its backlog.
  if (listen_socket_ >= 0 && ::listen(listen_socket_, SOMAXCONN) != 0)
    spdlog::warn("could not widen the listen backlog; bursts of connections may wait");
}

bool HttpServer::run() {
  return server_.listen_after_bind();
}

void HttpServer::stop() {
  if (server_.is_running()) server_.stop();
}

bool HttpServer::wait_drained(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool drained = in_flight_.load() == 0;
  while (!drained && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    drained = in_flight_.load() == 0;
  }
  return drained;
}

bool HttpServer::drain_and_stop(std::chrono::milliseconds timeout) {
  // cpp-httplib's stop() also ends the body of a response written through a content provider (ours are),
  // after its headers have left: a proxy could then neither use nor retry it. So stop() only once nothing
  // is being written.
  begin_drain();
  const bool drained = wait_drained(timeout);
  stop();
  return drained;
}

}  // namespace mtm::server
