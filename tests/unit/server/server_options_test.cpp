// The HTTP core's limits are one struct (HttpLimits): the configuration's server section and the server's
// options both are it, so a limit set in the configuration always reaches the server.
#include <gtest/gtest.h>

#include "core/config.hpp"
#include "server/api.hpp"

namespace mtm::server {
namespace {

TEST(ServerOptions, EveryHttpLimitOfTheConfigurationReachesTheServer) {
  Config config;
  config.server.threads = 3;
  config.server.work_queue = 17;
  config.server.max_connections = 99;
  config.server.max_header_bytes = 2048;
  config.server.max_header_count = 12;
  config.server.max_target_bytes = 512;
  config.server.head_timeout_s = 1.5;
  config.server.body_timeout_s = 2.5;
  config.server.idle_timeout_s = 3.5;
  config.server.max_request_bytes = 4096;
  const ServerOptions options = server_options_from(config);
  EXPECT_EQ(static_cast<const HttpLimits&>(options), static_cast<const HttpLimits&>(config.server));
  EXPECT_EQ(options.work_queue, 17U);
  EXPECT_DOUBLE_EQ(options.idle_timeout_s, 3.5);
  EXPECT_NE(static_cast<const HttpLimits&>(options), HttpLimits{});
}

}  // namespace
}  // namespace mtm::server
