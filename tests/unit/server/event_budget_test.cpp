// Who an event is counted against (the address, a trusted proxy's X-Forwarded-For) and the daily byte cap of
// the interactions log.
#include "server/event_budget.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace mtm::server {
namespace {

using namespace std::chrono_literals;

TEST(ClientAddress, IsTheConnectingAddressUnlessItIsATrustedProxy) {
  const std::vector<std::string> trusted = parse_address_list(" 10.0.0.1 ,,127.0.0.1");
  EXPECT_EQ(trusted, (std::vector<std::string>{"10.0.0.1", "127.0.0.1"}));
  EXPECT_EQ(client_address("198.51.100.4", "203.0.113.7", trusted), "198.51.100.4");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 203.0.113.7", trusted), "203.0.113.7");
  EXPECT_EQ(client_address("127.0.0.1", "", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", " , ", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "203.0.113.7", {}), "127.0.0.1");
}

TEST(DailyByteBudget, AdmitsUpToTheCapPerUtcDayAndReportsTheFirstRefusal) {
  DailyByteBudget budget(100);
  const auto day1 = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + 23h;
  EXPECT_TRUE(budget.admit(60, day1).admitted);
  EXPECT_TRUE(budget.admit(40, day1).admitted);
  const auto refused = budget.admit(1, day1);
  EXPECT_FALSE(refused.admitted);
  EXPECT_TRUE(refused.first_refusal);
  const auto again = budget.admit(1, day1 + 1min);
  EXPECT_FALSE(again.admitted);
  EXPECT_FALSE(again.first_refusal);
  EXPECT_FALSE(budget.admit(101, day1 + 2h).admitted) << "never more than the cap, even on a new day";
  EXPECT_TRUE(budget.admit(100, day1 + 2h).admitted) << "a new UTC day starts from zero";
}

TEST(DailyByteBudget, CountsWhatTheDaysFileAlreadyHoldsWhoeverWroteIt) {
  // The day's file as another process (or this one before a restart) left it: 90 of 100 bytes used.
  std::uintmax_t on_disk = 90;
  DailyByteBudget budget(100, [&on_disk](std::chrono::system_clock::time_point) { return on_disk; });
  const auto day = std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + 9h;
  EXPECT_FALSE(budget.admit(11, day).admitted);
  EXPECT_TRUE(budget.admit(10, day).admitted);
  EXPECT_FALSE(budget.admit(1, day).admitted);
  // Another writer grew the file meanwhile beyond what this process counted: the file wins.
  on_disk = 0;
  EXPECT_FALSE(budget.admit(1, day).admitted) << "this process's own count still holds";
  on_disk = 20;
  EXPECT_TRUE(budget.admit(80, day + 24h).admitted) << "a new day: its own file's 20 bytes plus 80";
  EXPECT_FALSE(budget.admit(1, day + 24h).admitted);
}

}  // namespace
}  // namespace mtm::server
