// The event-driven HTTP core on its own, with a few routes: slow and idle clients hold no thread, pipelined
// requests are answered in order, the head, target and body limits answer 431/414/413 before the server reads
// (or keeps) more, the connection cap and the work queue answer 503, and a slow blocking handler does not
// delay the others. No timing is asserted: a blocked server would simply not answer.
#include "server/http_core.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mtm::server::http {
namespace {

/// A connected loopback socket, closed on destruction.
class Socket {
 public:
  explicit Socket(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    timeval timeout{30, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  [[nodiscard]] bool connected() const { return connected_; }
  bool send(const std::string& data) {
    return ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
  }
  /// Everything until the peer closes (at most max_reads reads).
  std::string read_all(int max_reads = 256) {
    std::string out;
    char buffer[8192];
    for (int i = 0; i < max_reads; ++i) {
      const ssize_t got = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (got <= 0) break;
      out.append(buffer, static_cast<std::size_t>(got));
    }
    return out;
  }
  /// True when the peer closes (or resets) the connection before the 30 s receive timeout, whatever it sent.
  bool closed_by_peer() {
    char buffer[8192];
    for (int i = 0; i < 256; ++i) {
      const ssize_t got = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (got == 0) return true;
      if (got < 0) return errno == ECONNRESET;
    }
    return false;
  }
  /// Reads until text holds needle `count` times (or the peer closes).
  std::string read_until(const std::string& needle, int count = 1) {
    std::string out;
    char buffer[8192];
    for (int i = 0; i < 256; ++i) {
      std::size_t seen = 0;
      for (auto at = out.find(needle); at != std::string::npos; at = out.find(needle, at + 1)) ++seen;
      if (seen >= static_cast<std::size_t>(count)) break;
      const ssize_t got = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (got <= 0) break;
      out.append(buffer, static_cast<std::size_t>(got));
    }
    return out;
  }

 private:
  int fd_;
  bool connected_ = false;
};

class HttpCoreTest : public ::testing::Test {
 protected:
  void start(Limits limits) {
    core_ = std::make_unique<Core>(limits, [this](const Request& req) { return route(req); });
    port_ = core_->bind("127.0.0.1", 0);
    thread_ = std::thread([this] { core_->run(); });
    for (int i = 0; i < 500 && !core_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_TRUE(core_->is_running());
  }
  void TearDown() override {
    release();
    if (core_) core_->stop();
    if (thread_.joinable()) thread_.join();
    core_.reset();
  }

  Route route(const Request& req) {
    if (req.path == "/hello") {
      return {[](const Request& r, Response& res) { res.body = "hello " + r.query; }, false};
    }
    if (req.path == "/big") {
      // A body streamed by a provider: byte i is 'a' + i % 26.
      return {[this](const Request&, Response& res) {
                res.set_content_provider(kBigBytes, "application/octet-stream",
                                         [this](std::size_t offset, std::size_t length, DataSink& sink) {
                                           std::string chunk(length, ' ');
                                           for (std::size_t i = 0; i < length; ++i) {
                                             chunk[i] = static_cast<char>('a' + (offset + i) % 26);
                                           }
                                           std::lock_guard lock(mutex_);
                                           ++provider_calls_;
                                           largest_ask_ = std::max(largest_ask_, length);
                                           return sink.write(chunk.data(), chunk.size());
                                         });
              },
              false};
    }
    if (req.path == "/view") {
      return {[this](const Request&, Response& res) { res.set_content_view(view_owner_, *view_owner_, "text/plain"); },
              false};
    }
    if (req.path == "/echo") {
      return {[](const Request& r, Response& res) { res.body = r.body; }, false};
    }
    if (req.path == "/slow") {
      // Blocks its work thread until release().
      return {[this](const Request&, Response& res) {
                std::unique_lock lock(mutex_);
                ++slow_running_;
                changed_.notify_all();
                changed_.wait(lock, [this] { return released_; });
                res.body = "slow done";
              },
              true};
    }
    return {};
  }

  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }
  void wait_slow_running(int n) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(30), [&] { return slow_running_ >= n; });
  }

  static Limits small_limits() {
    Limits limits;
    limits.io_threads = 1;
    limits.work_threads = 1;
    return limits;
  }

  static constexpr std::size_t kBigBytes = std::size_t{3} * 1024 * 1024 + 17;
  std::size_t provider_calls_ = 0;
  std::size_t largest_ask_ = 0;
  std::shared_ptr<const std::string> view_owner_ = std::make_shared<const std::string>("kept elsewhere");
  std::unique_ptr<Core> core_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  int slow_running_ = 0;
  bool released_ = false;
};

TEST_F(HttpCoreTest, AnswersAndKeepsTheConnectionAlive) {
  start(small_limits());
  httplib::Client client("127.0.0.1", port_);
  client.set_keep_alive(true);
  for (int i = 0; i < 3; ++i) {
    auto res = client.Get("/hello?x=" + std::to_string(i));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, "hello x=" + std::to_string(i));
  }
  auto missing = client.Get("/nowhere");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/problem+json");
}

TEST_F(HttpCoreTest, PipelinedRequestsAreAnsweredInOrder) {
  start(small_limits());
  Socket s(port_);
  ASSERT_TRUE(s.connected());
  ASSERT_TRUE(
      s.send("GET /hello?1 HTTP/1.1\r\nHost: a\r\n\r\nGET /hello?2 HTTP/1.1\r\nHost: a\r\n\r\n"
             "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nthreeGET /hello?4 HTTP/1.1\r\n"
             "Host: a\r\nConnection: close\r\n\r\n"));
  const std::string all = s.read_all();
  const auto first = all.find("hello 1");
  const auto second = all.find("hello 2");
  const auto third = all.find("three");
  const auto fourth = all.find("hello 4");
  ASSERT_NE(first, std::string::npos) << all;
  ASSERT_NE(second, std::string::npos) << all;
  ASSERT_NE(third, std::string::npos) << all;
  ASSERT_NE(fourth, std::string::npos) << all;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_LT(third, fourth);
}

TEST_F(HttpCoreTest, TooManyOrTooLargeHeadersAre431AndNothingMoreIsRead) {
  start(small_limits());
  {
    Socket s(port_);
    std::string head = "GET /hello HTTP/1.1\r\nHost: a\r\n";
    for (int i = 0; i < 150; ++i) head += "X-" + std::to_string(i) + ": 1\r\n";
    ASSERT_TRUE(s.send(head + "\r\n"));
    EXPECT_EQ(s.read_all().rfind("HTTP/1.1 431", 0), 0U);
  }
  {
    // Two million headers: the server answers and closes long before; sending stops at the first failure.
    Socket s(port_);
    ASSERT_TRUE(s.send("GET /hello HTTP/1.1\r\nHost: a\r\n"));
    std::string chunk;
    for (int i = 0; i < 1000; ++i) chunk += "X-Many: 1\r\n";
    for (int i = 0; i < 2000 && s.send(chunk); ++i) {
    }
    EXPECT_EQ(s.read_all().rfind("HTTP/1.1 431", 0), 0U);
  }
}

TEST_F(HttpCoreTest, LongTargetIs414AndLargeBodyIs413BeforeItIsSent) {
  start(small_limits());
  {
    Socket s(port_);
    ASSERT_TRUE(s.send("GET /hello?" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n"));
    EXPECT_EQ(s.read_all().rfind("HTTP/1.1 414", 0), 0U);
  }
  {
    Socket s(port_);
    ASSERT_TRUE(s.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100000000\r\n\r\n"));
    EXPECT_EQ(s.read_all().rfind("HTTP/1.1 413", 0), 0U);
  }
}

TEST_F(HttpCoreTest, SlowAndStalledClientsHoldNoThread) {
  start(small_limits());  // one I/O thread
  std::vector<std::unique_ptr<Socket>> slow;
  for (int i = 0; i < 100; ++i) {
    auto s = std::make_unique<Socket>(port_);
    ASSERT_TRUE(s->connected());
    // Half a head, or a full head and a body that never comes.
    ASSERT_TRUE(i % 2 == 0 ? s->send("GET /hello HTTP/1.1\r\nHost: a\r\nX-Slow: 1\r\n")
                           : s->send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc"));
    slow.push_back(std::move(s));
  }
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Get("/hello?fast");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "hello fast");
  EXPECT_GE(core_->connections(), 100U);
}

TEST_F(HttpCoreTest, AHeadOrBodyThatDoesNotArriveInTimeEndsTheConnection) {
  Limits limits = small_limits();
  limits.head_timeout = std::chrono::milliseconds(300);
  limits.body_timeout = std::chrono::milliseconds(300);
  start(limits);
  // A header line now and then keeps no connection open past the head's deadline (not a per-read timeout).
  Socket trickle(port_);
  ASSERT_TRUE(trickle.send("GET /hello HTTP/1.1\r\n"));
  for (int i = 0; i < 20 && trickle.send("X-Line: " + std::to_string(i) + "\r\n"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(trickle.closed_by_peer());
  Socket stalled(port_);
  ASSERT_TRUE(stalled.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc"));
  EXPECT_TRUE(stalled.closed_by_peer());
}

TEST_F(HttpCoreTest, BlockingWorkDoesNotDelayOthersAndItsQueueIsBounded) {
  Limits limits = small_limits();
  limits.work_queue = 2;
  start(limits);
  // One request runs on the only work thread, one waits in the queue; a third is refused.
  Socket first(port_);
  ASSERT_TRUE(first.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"));
  wait_slow_running(1);
  const auto wait_queued = [this](std::size_t n) {
    for (int i = 0; i < 5000 && core_->queued() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ASSERT_EQ(core_->queued(), n);
  };
  Socket second(port_);
  ASSERT_TRUE(second.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"));
  wait_queued(1);
  Socket third(port_);
  ASSERT_TRUE(third.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"));
  wait_queued(2);
  Socket fourth(port_);
  ASSERT_TRUE(fourth.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n"));
  EXPECT_EQ(fourth.read_until("\r\n\r\n").rfind("HTTP/1.1 503", 0), 0U);
  // Meanwhile a quick route answers.
  httplib::Client client("127.0.0.1", port_);
  auto quick = client.Get("/hello?meanwhile");
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->body, "hello meanwhile");
  release();
  EXPECT_NE(first.read_until("slow done").find("slow done"), std::string::npos);
  EXPECT_NE(second.read_until("slow done").find("slow done"), std::string::npos);
}

TEST_F(HttpCoreTest, ConnectionsBeyondTheCapGetAFast503) {
  Limits limits = small_limits();
  limits.max_connections = 3;
  start(limits);
  std::vector<std::unique_ptr<Socket>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<Socket>(port_));
    ASSERT_TRUE(held.back()->send("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n"));
    EXPECT_NE(held.back()->read_until("hello ").find("200"), std::string::npos);
  }
  Socket over(port_);
  EXPECT_EQ(over.read_all().rfind("HTTP/1.1 503", 0), 0U);
  held.clear();
}

TEST(PercentDecode, DecodesEscapesAndRefusesBrokenOnes) {
  std::string out;
  EXPECT_TRUE(percent_decode("/a%2e%2E/b%20c", out));
  EXPECT_EQ(out, "/a../b c");
  EXPECT_FALSE(percent_decode("/a%2", out));
  EXPECT_FALSE(percent_decode("/a%zz", out));
}

TEST_F(HttpCoreTest, AProviderBodyIsStreamedInChunksNeverWholeInMemory) {
  start(small_limits());
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Get("/big");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ASSERT_EQ(res->body.size(), kBigBytes);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < res->body.size(); ++i) wrong += res->body[i] != static_cast<char>('a' + i % 26);
  EXPECT_EQ(wrong, 0U);
  std::lock_guard lock(mutex_);
  // 3 MiB + 17 bytes asked for 64 KiB at a time: 49 calls, never the whole body.
  EXPECT_EQ(provider_calls_, 49U);
  EXPECT_EQ(largest_ask_, std::size_t{64} * 1024);
}

TEST_F(HttpCoreTest, HeadOfAProviderBodySendsItsLengthAndNoBytes) {
  start(small_limits());
  Socket socket(port_);
  ASSERT_TRUE(socket.connected());
  ASSERT_TRUE(
      socket.send("HEAD /big HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  const std::string answer = socket.read_all();
  EXPECT_NE(answer.find("Content-Length: " + std::to_string(kBigBytes) + "\r\n"), std::string::npos) << answer;
  // The HEAD answer has no body: the next bytes are the second response.
  const auto head_end = answer.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  EXPECT_EQ(answer.substr(head_end + 4, 15), "HTTP/1.1 200 OK") << answer;
  EXPECT_NE(answer.find("hello "), std::string::npos);
  std::lock_guard lock(mutex_);
  EXPECT_EQ(provider_calls_, 0U);
}

TEST_F(HttpCoreTest, AViewBodyIsWrittenFromItsOwnerAndReleasedAfter) {
  start(small_limits());
  httplib::Client client("127.0.0.1", port_);
  auto res = client.Get("/view");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "kept elsewhere");
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain");
  client.stop();
  // The response held the owner only while it was written.
  for (int i = 0; i < 500 && view_owner_.use_count() > 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_EQ(view_owner_.use_count(), 1);
}

}  // namespace
}  // namespace mtm::server::http
