#include "server/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace mtm::server {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, BurstThenRefillAtTheConfiguredRate) {
  RateLimiter limiter(/*rate_per_minute=*/60, /*burst=*/3);
  const auto t0 = RateLimiter::Clock::time_point{} + 1h;
  EXPECT_EQ(limiter.acquire("a", t0), 0.0);
  EXPECT_EQ(limiter.acquire("a", t0), 0.0);
  EXPECT_EQ(limiter.acquire("a", t0), 0.0);
  // Empty bucket: one token a second at 60/min.
  EXPECT_DOUBLE_EQ(limiter.acquire("a", t0), 1.0);
  EXPECT_DOUBLE_EQ(limiter.acquire("a", t0 + 250ms), 0.75);
  EXPECT_EQ(limiter.acquire("a", t0 + 1s), 0.0);
  EXPECT_GT(limiter.acquire("a", t0 + 1s), 0.0);
  // Refill never exceeds the burst.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.acquire("a", t0 + 1h), 0.0) << i;
  EXPECT_GT(limiter.acquire("a", t0 + 1h), 0.0);
}

TEST(RateLimiter, KeysHaveSeparateBuckets) {
  RateLimiter limiter(6, 1);
  const auto t0 = RateLimiter::Clock::time_point{} + 1h;
  EXPECT_EQ(limiter.acquire("a", t0), 0.0);
  EXPECT_DOUBLE_EQ(limiter.acquire("a", t0), 10.0);
  EXPECT_EQ(limiter.acquire("b", t0), 0.0);
  EXPECT_EQ(limiter.tracked(), 2U);
}

TEST(RateLimiter, ForgetsRefilledBucketsWhenManyKeysAreTracked) {
  RateLimiter limiter(60, 2);
  const auto t0 = RateLimiter::Clock::time_point{} + 1h;
  for (int i = 0; i < 1024; ++i) limiter.acquire("client-" + std::to_string(i), t0);
  EXPECT_EQ(limiter.tracked(), 1024U);
  // Two seconds later every bucket is full again, so the next new key purges them all.
  limiter.acquire("late", t0 + 2s);
  EXPECT_EQ(limiter.tracked(), 1U);
}

}  // namespace
}  // namespace mtm::server
