// A server running inside the test process on a free port for the life of the object: bound, run on its own
// thread and waited for on construction; stopped and joined on destruction.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server/http_server.hpp"

namespace mtm::test {

class EmbeddedServer {
 public:
  explicit EmbeddedServer(const server::ServerOptions& options)
      : server_(options), port_(server_.bind("127.0.0.1", 0)), thread_([this] { server_.run(); }) {
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    EXPECT_TRUE(server_.is_running());
  }
  EmbeddedServer(const EmbeddedServer&) = delete;
  EmbeddedServer& operator=(const EmbeddedServer&) = delete;
  ~EmbeddedServer() {
    server_.stop();
    thread_.join();
  }

  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] server::HttpServer& server() noexcept { return server_; }

 private:
  server::HttpServer server_;
  int port_;
  std::thread thread_;
};

}  // namespace mtm::test
