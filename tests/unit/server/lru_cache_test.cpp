#include "server/lru_cache.hpp"

#include <gtest/gtest.h>

namespace mtm::server {
namespace {

std::shared_ptr<const CachedBody> body(std::size_t plain_bytes) {
  auto b = std::make_shared<CachedBody>();
  b->plain.assign(plain_bytes, 'x');
  return b;
}

TEST(LruCache, MissThenHit) {
  LruCache cache(1000);
  EXPECT_EQ(cache.get("a"), nullptr);
  cache.put("a", body(10));
  ASSERT_NE(cache.get("a"), nullptr);
  EXPECT_EQ(cache.get("a")->plain.size(), 10u);
  const auto stats = cache.stats();
  EXPECT_EQ(stats.misses, 1u);
  EXPECT_EQ(stats.hits, 2u);
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.bytes, 11u);  // key (1) + body (10)
}

TEST(LruCache, EvictsLeastRecentlyUsedWhenOverTheByteBound) {
  LruCache cache(100);  // each entry below costs 1 + 40 = 41 bytes: two fit, three do not
  cache.put("a", body(40));
  cache.put("b", body(40));
  ASSERT_NE(cache.get("a"), nullptr);  // a is now the most recently used
  cache.put("c", body(40));
  EXPECT_NE(cache.get("a"), nullptr);
  EXPECT_EQ(cache.get("b"), nullptr);
  EXPECT_NE(cache.get("c"), nullptr);
  EXPECT_EQ(cache.stats().evictions, 1u);
  EXPECT_EQ(cache.stats().bytes, 82u);
}

TEST(LruCache, ReplacingAKeyUpdatesItsSize) {
  LruCache cache(1000);
  cache.put("k", body(100));
  cache.put("k", body(10));
  EXPECT_EQ(cache.stats().entries, 1u);
  EXPECT_EQ(cache.stats().bytes, 11u);
}

TEST(LruCache, ValueLargerThanTheBoundIsNotStored) {
  LruCache cache(50);
  cache.put("small", body(10));
  cache.put("huge", body(500));
  EXPECT_EQ(cache.get("huge"), nullptr);
  EXPECT_NE(cache.get("small"), nullptr);
  EXPECT_EQ(cache.stats().bytes, 15u);
}

TEST(LruCache, EvictedBodyStaysValidForItsHolder) {
  LruCache cache(30);
  cache.put("a", body(20));
  auto held = cache.get("a");
  cache.put("b", body(20));
  EXPECT_EQ(cache.get("a"), nullptr);
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(held->plain, std::string(20, 'x'));
}

}  // namespace
}  // namespace mtm::server
