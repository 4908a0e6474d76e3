#include "server/events.hpp"

#include <gtest/gtest.h>

#include "server/problem.hpp"

namespace mtm::server {
namespace {

TEST(Events, LineCarriesServerTimeAndEnvironment) {
  // 2024-03-01T12:34:56Z
  const auto when = std::chrono::system_clock::from_time_t(1709296496);
  const auto line = checked_event(
      R"({"type":"language_change","page":"about","lang":"en","client_id":"ABCDEF-12345678","params":{"from":"fr"}})",
      "prod", when);
  EXPECT_EQ(line.dump(),
            R"({"client_id":"ABCDEF-12345678","env":"prod","lang":"en","page":"about","params":{"from":"fr"},)"
            R"("ts":"2024-03-01T12:34:56Z","type":"language_change"})");
}

TEST(Events, EveryTypeOfTheUiIsAccepted) {
  for (const auto type : kEventTypes) {
    const std::string body =
        R"({"type":")" + std::string(type) + R"(","page":"overview","lang":"fr","client_id":"0123456789"})";
    EXPECT_EQ(checked_event(body, "local")["type"], type);
  }
}

TEST(Events, LimitsOnParams) {
  std::string many = R"({"type":"download","page":"x","lang":"en","client_id":"0123456789","params":{)";
  for (int i = 0; i < 25; ++i) many += (i ? "," : "") + std::string("\"p") + std::to_string(i) + "\":1";
  many += "}}";
  try {
    checked_event(many, "local");
    FAIL() << "25 params accepted";
  } catch (const ParameterError& e) {
    EXPECT_EQ(e.parameter(), "params");
  }
  const std::string long_value =
      R"({"type":"download","page":"x","lang":"en","client_id":"0123456789","params":{"v":")" + std::string(201, 'v') +
      "\"}}";
  try {
    checked_event(long_value, "local");
    FAIL() << "a 201-byte value accepted";
  } catch (const ParameterError& e) {
    EXPECT_EQ(e.parameter(), "params.v");
  }
}

}  // namespace
}  // namespace mtm::server
