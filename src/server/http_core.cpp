#include "server/http_core.hpp"

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <thread>

namespace mtm::server::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::size_t hardware_threads() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

void default_refusal(int status, const Request&, Response& res) {
  res.status = status;
  res.set_header("Content-Type", "application/problem+json");
  res.body = R"({"status":)" + std::to_string(status) + "}";
}

}  // namespace

struct Core::State {
  explicit State(Core& core)
      : core(core),
        ios(make_contexts(core.limits_.io_threads != 0 ? core.limits_.io_threads : hardware_threads())),
        acceptor(*ios.front()),
        work(core.limits_.work_threads != 0 ? core.limits_.work_threads : hardware_threads()) {}

  Core& core;
  Router router;
  Refusal refusal;
  Observer observer;
  // One event loop per I/O thread, each connection on one of them: no thread wakes another to hand it a ready
  // socket, and a connection's handlers never run concurrently (no strand needed).
  static std::vector<std::unique_ptr<net::io_context>> make_contexts(std::size_t n) {
    std::vector<std::unique_ptr<net::io_context>> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(std::make_unique<net::io_context>(1));
    return out;
  }
  std::vector<std::unique_ptr<net::io_context>> ios;
  std::atomic<std::size_t> next_io{0};
  tcp::acceptor acceptor;
  net::thread_pool work;
  std::atomic<std::size_t> queued{0};
  std::vector<std::thread> threads;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, Core& core, Core::State& state)
      : stream_(std::move(socket)), core_(core), state_(state) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  ~Session() {
    if (counted_) core_.in_flight_dec();
    core_.connections_dec();
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
  }

  /// Refuse at once (too many connections): 503, then close.
  void refuse_and_close(int status) {
    closing_ = true;
    request_ = Request{};
    request_.remote_addr = remote_;
    started_ = Clock::now();
    Response res;
    refuse(status, res);
    write(std::move(res));
  }

 private:
  const Limits& limits() const { return core_.limits(); }

  // Waits for the first byte of the next request under the idle deadline, then reads the head under its own.
  void wait_for_request() {
    if (buffer_.size() > 0) {
      read_head();
      return;
    }
    stream_.expires_after(first_request_ ? limits().head_timeout : limits().idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->buffer_.commit(n);
      self->read_head();
    });
  }

  void read_head() {
    first_request_ = false;
    started_ = Clock::now();
    parser_.emplace();
    // The start line counts in Beast's header limit: room for the longest target plus the fields.
    parser_->header_limit(static_cast<std::uint32_t>(limits().max_header_bytes + limits().max_target_bytes));
    parser_->body_limit(limits().max_body_bytes);
    stream_.expires_after(limits().head_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_head(ec); });
  }

  void on_head(beast::error_code ec) {
    request_ = Request{};
    request_.remote_addr = remote_;
    if (ec == bhttp::error::header_limit) return refuse_head_limit();
    if (ec == bhttp::error::body_limit) return refuse_after_error(413);
    // tcp_stream has closed the socket at its deadline: nothing can be answered (nginx does the same).
    if (ec == beast::error::timeout) return close();
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == net::error::connection_reset) {
      return close();
    }
    if (ec) return refuse_after_error(400);
    const auto& head = parser_->get();
    request_.method = std::string(head.method_string());
    request_.target = std::string(head.target());
    request_.keep_alive = head.keep_alive();
    std::size_t fields = 0;
    std::size_t field_bytes = 0;
    for (const auto& field : head) {
      ++fields;
      field_bytes += field.name_string().size() + field.value().size() + 4;
      request_.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    }
    if (request_.target.size() > limits().max_target_bytes) return refuse_after_error(414);
    if (fields > limits().max_header_count || field_bytes > limits().max_header_bytes) {
      return refuse_after_error(431);
    }
    const auto question = request_.target.find('?');
    if (question != std::string::npos) {
      request_.query = request_.target.substr(question + 1);
      request_.params = parse_query(request_.query);
    }
    if (!percent_decode(std::string_view(request_.target).substr(0, question), request_.path)) {
      return refuse_after_error(400);
    }
    if (parser_->is_done()) return dispatch();
    stream_.expires_after(limits().body_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) return refuse_after_error(413);
    if (ec) return close();
    dispatch();
  }

  // A head over the byte limit: 414 when the request line alone is too long, else 431.
  void refuse_head_limit() {
    const auto data = beast::buffers_to_string(buffer_.data());
    const auto line_end = data.find("\r\n");
    const bool long_target =
        line_end == std::string::npos ? data.size() > limits().max_target_bytes : line_end > limits().max_target_bytes;
    refuse_after_error(long_target ? 414 : 431);
  }

  // A request the core refuses: the rest of the stream cannot be trusted, so the connection ends after it.
  void refuse_after_error(int status) {
    closing_ = true;
    buffer_.consume(buffer_.size());
    Response res;
    refuse(status, res);
    write(std::move(res));
  }

  void refuse(int status, Response& res) {
    if (state_.refusal) {
      state_.refusal(status, request_, res);
    } else {
      default_refusal(status, request_, res);
    }
    res.status = status;
  }

  void dispatch() {
    request_.body = std::move(parser_->get().body());
    // Counted until its response is written in full (a graceful stop waits for that).
    core_.in_flight_inc();
    counted_ = true;
    Route route = state_.router(request_);
    if (!route.handler) {
      Response res;
      refuse(404, res);
      return finish(std::move(res));
    }
    if (!route.blocking) {
      Response res;
      run(route.handler, res);
      return finish(std::move(res));
    }
    if (route.quick) {
      Response res;
      bool answered = false;
      try {
        answered = route.quick(request_, res);
      } catch (...) {
        answered = false;
      }
      if (answered) return finish(std::move(res));
    }
    // Blocking work waits for a work thread; the connection's strand is free meanwhile.
    if (state_.queued.fetch_add(1) >= limits().work_queue) {
      state_.queued.fetch_sub(1);
      Response res;
      refuse(503, res);
      res.set_header("Retry-After", "1");
      return finish(std::move(res));
    }
    net::post(state_.work, [self = shared_from_this(), handler = std::move(route.handler)] {
      self->state_.queued.fetch_sub(1);
      auto res = std::make_shared<Response>();
      self->run(handler, *res);
      net::post(self->stream_.get_executor(), [self, res] { self->finish(std::move(*res)); });
    });
  }

  void run(const Handler& handler, Response& res) {
    try {
      handler(request_, res);
    } catch (...) {
      res = Response{};
      refuse(500, res);
    }
  }

  void finish(Response res) { write(std::move(res)); }

  // The response goes out through a buffer_body serializer: a string or a view is written in one go, a provider's
  // body chunk by chunk (each chunk asked for once the previous one is written), so a large body never sits
  // whole in memory.
  struct Outgoing {
    Response res;
    bhttp::response<bhttp::buffer_body> msg;
    std::optional<bhttp::response_serializer<bhttp::buffer_body>> serializer;
    std::string chunk;
    std::size_t offset = 0;
    std::size_t length = 0;
  };
  static constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;

  void write(Response res) {
    auto out = std::make_shared<Outgoing>();
    out->res = std::move(res);
    Response& r = out->res;
    auto& msg = out->msg;
    msg.version(11);
    msg.result(static_cast<unsigned>(r.status));
    for (const auto& [name, value] : r.headers) msg.insert(name, value);
    const bool head_only = request_.method == "HEAD";
    const bool has_body = r.status >= 200 && r.status != 204 && r.status != 304;
    out->length = has_body ? r.content_length() : 0;
    const bool keep = !closing_ && request_.keep_alive && !core_.draining() && res_keeps_alive(r);
    msg.keep_alive(keep);
    if (has_body) msg.content_length(out->length);
    if (!keep) closing_ = true;
    auto& body = msg.body();
    body.data = nullptr;
    body.size = 0;
    body.more = false;
    if (!head_only && out->length > 0) {
      if (r.provider) {
        body.more = true;
      } else {
        const std::string_view data = (r.view_owner || !r.view.empty()) ? r.view : std::string_view(r.body);
        body.data = const_cast<char*>(data.data());  // buffer_body takes void*; the serializer only reads it.
        body.size = data.size();
      }
    }
    // Observed (access log, metrics) once the response is ready, before it is written: a server stopped right
    // after a client read its answer still logs it.
    if (state_.observer) {
      r.body_bytes = r.content_length();
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
      state_.observer(request_, r, ms);
    }
    out->serializer.emplace(msg);
    send(out);
  }

  void send(const std::shared_ptr<Outgoing>& out) {
    stream_.expires_after(limits().body_timeout);
    auto& serializer = *out->serializer;
    bhttp::async_write(stream_, serializer, [self = shared_from_this(), out](beast::error_code ec, std::size_t) {
      if (ec == bhttp::error::need_buffer) {
        if (self->next_chunk(*out)) return self->send(out);
        ec = beast::error::timeout;  // the provider failed: the response cannot be completed
      }
      self->sent(*out, ec);
    });
  }

  // Ask the provider for the next chunk of the body; false when it fails or writes nothing.
  bool next_chunk(Outgoing& out) {
    out.offset += out.msg.body().size;
    out.chunk.clear();
    DataSink sink;
    sink.write = [&out](const char* data, std::size_t n) {
      out.chunk.append(data, n);
      return true;
    };
    const std::size_t want = std::min(kChunkBytes, out.length - out.offset);
    bool ok = false;
    try {
      ok = out.res.provider(out.offset, want, sink);
    } catch (...) {
      ok = false;
    }
    if (!ok || out.chunk.empty()) return false;
    // A provider that writes more than asked cannot overrun the declared length.
    if (out.chunk.size() > out.length - out.offset) out.chunk.resize(out.length - out.offset);
    auto& body = out.msg.body();
    body.data = out.chunk.data();
    body.size = out.chunk.size();
    body.more = out.offset + out.chunk.size() < out.length;
    return true;
  }

  void sent(Outgoing& out, beast::error_code ec) {
    if (out.res.releaser) out.res.releaser(!ec);
    if (counted_) {
      counted_ = false;
      core_.in_flight_dec();
    }
    if (ec) return close();
    if (closing_) return linger_close();
    wait_for_request();
  }

  static bool res_keeps_alive(const Response& res) {
    for (const auto& [name, value] : res.headers) {
      if (iequals(name, "Connection") && iequals(value, "close")) return false;
    }
    return true;
  }

  // Close after a response: the send side first, then what the client still sends is read and dropped for a
  // moment, so the kernel does not reset the connection (which could discard the response before the client
  // reads it).
  void linger_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    drain();
  }

  void drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(65536), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->buffer_.commit(n);
      self->drain();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Core& core_;
  Core::State& state_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request request_;
  std::string remote_;
  Clock::time_point started_{};
  bool first_request_ = true;
  bool closing_ = false;
  bool counted_ = false;
};

}  // namespace

Core::Core(const Limits& limits, Router router, Refusal refusal, Observer observer)
    : limits_(limits), state_(std::make_unique<State>(*this)) {
  state_->router = std::move(router);
  state_->refusal = std::move(refusal);
  state_->observer = std::move(observer);
}

Core::~Core() {
  stop();
  state_->work.join();
}

int Core::bind(const std::string& host, int port) {
  beast::error_code ec;
  const tcp::endpoint endpoint(net::ip::make_address(host, ec), static_cast<unsigned short>(port));
  if (ec) throw std::runtime_error("cannot listen on " + host + ": " + ec.message());
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
  return acceptor.local_endpoint().port();
}

void Core::connections_inc() noexcept {
  connections_.fetch_add(1);
}
void Core::connections_dec() noexcept {
  connections_.fetch_sub(1);
}
void Core::in_flight_inc() noexcept {
  in_flight_.fetch_add(1);
}
void Core::in_flight_dec() noexcept {
  in_flight_.fetch_sub(1);
}

namespace {

void accept_next(Core& core, Core::State& state) {
  auto& io = *state.ios[state.next_io.fetch_add(1) % state.ios.size()];
  state.acceptor.async_accept(io, [&core, &state](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !state.acceptor.is_open()) return;
      accept_next(core, state);
      return;
    }
    const bool over = core.connections() >= core.limits().max_connections;
    core.connections_inc();
    auto session = std::make_shared<Session>(std::move(socket), core, state);
    if (over) {
      session->refuse_and_close(503);
    } else {
      session->start();
    }
    accept_next(core, state);
  });
}

}  // namespace

void Core::run() {
  accept_next(*this, *state_);
  running_.store(true);
  const std::size_t n = limits_.io_threads != 0 ? limits_.io_threads : hardware_threads();
  std::vector<net::executor_work_guard<net::io_context::executor_type>> busy;
  for (const auto& io : state_->ios) busy.push_back(net::make_work_guard(*io));
  for (std::size_t i = 1; i < n && i < state_->ios.size(); ++i) {
    state_->threads.emplace_back([this, i] { state_->ios[i]->run(); });
  }
  state_->ios.front()->run();
  // The first loop returns on stop(); the others are stopped with it.
  for (auto& io : state_->ios) io->stop();
  for (auto& t : state_->threads) t.join();
  state_->threads.clear();
  running_.store(false);
}

std::size_t Core::queued() const noexcept {
  return state_->queued.load();
}

void Core::stop() {
  for (auto& io : state_->ios) io->stop();
}

}  // namespace mtm::server::http
