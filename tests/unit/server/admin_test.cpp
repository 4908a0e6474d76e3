// The admin token check, the dataset slot and the cache clear that a reload relies on.
#include "server/admin.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "core/errors.hpp"
#include "server/dataset.hpp"
#include "server/lru_cache.hpp"
#include "support/small_db.hpp"
#include "support/temp_dir.hpp"

namespace mtm::server {
namespace {

TEST(ConstantTimeEquals, EqualOnlyForTheSameBytes) {
  EXPECT_TRUE(constant_time_equals("s3cret-token", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals("s3cret-tokeN", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals("S3cret-token", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals("s3cret-toke", "s3cret-token"));    // a prefix
  EXPECT_FALSE(constant_time_equals("s3cret-token1", "s3cret-token"));  // longer
  EXPECT_FALSE(constant_time_equals("", "s3cret-token"));
  EXPECT_FALSE(constant_time_equals(std::string("s3cret-token\0", 13), "s3cret-token"));  // a NUL past the end
  EXPECT_TRUE(constant_time_equals("", ""));
}

httplib::Request with_authorization(const std::string& value) {
  httplib::Request req;
  req.headers.emplace("Authorization", value);
  return req;
}

TEST(BearerToken, TakesTheTokenOfABearerHeaderOnly) {
  EXPECT_EQ(bearer_token(with_authorization("Bearer abc.DEF-123")), "abc.DEF-123");
  EXPECT_EQ(bearer_token(with_authorization("bearer   abc")), "abc");
  EXPECT_EQ(bearer_token(with_authorization("Basic YWRtaW46YWRtaW4=")), "");
  EXPECT_EQ(bearer_token(with_authorization("Bearer ")), "");
  EXPECT_EQ(bearer_token(httplib::Request{}), "");
}

TEST(Fnv1a, MatchesThePublishedTestVectors) {
  // Offset basis and the "a" / "foobar" vectors of the FNV reference (Fowler, Noll, Vo).
  EXPECT_EQ(fnv1a_hex(""), "cbf29ce484222325");
  EXPECT_EQ(fnv1a_hex("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(fnv1a_hex("foobar"), "85944171f73967e8");
}

TEST(DatasetSlot, ReplaceHandsBackThePreviousDatasetWhichStaysUsable) {
  test::TempDir dir;
  test::make_small_api_db(dir / "a.duckdb");
  DatasetSlot slot(std::make_shared<const Dataset>((dir / "a.duckdb").string(), 1));
  const auto held = slot.current();  // a request in flight
  const auto previous = slot.replace(std::make_shared<const Dataset>((dir / "a.duckdb").string(), 2));
  EXPECT_EQ(previous.get(), held.get());
  EXPECT_EQ(slot.current()->generation(), 2u);
  EXPECT_EQ(held->info()["recipes_rows"], test::SmallDbFacts::kRecipes);
  auto connection = held->connect();
  const auto rows = connection->query("SELECT count(*) FROM recipes").rows();
  EXPECT_EQ(std::get<std::int64_t>(rows.at(0).at(0)), test::SmallDbFacts::kRecipes);
  // Same file, same ingest: same identity.
  EXPECT_EQ(slot.current()->identity(), held->identity());
}

TEST(Dataset, MissingDatasetInfoIsADatabaseError) {
  test::TempDir dir;
  {
    db::Database database((dir / "bare.duckdb").string());
    database.connect().execute("CREATE TABLE recipes(id INTEGER)");
  }
  EXPECT_THROW(Dataset((dir / "bare.duckdb").string(), 1), DatabaseError);
}

TEST(LruCacheClear, DropsEntriesAndKeepsCounters) {
  LruCache cache(1 << 20);
  cache.put("a", std::make_shared<const CachedBody>(CachedBody{"x", "", "e"}));
  ASSERT_NE(cache.get("a"), nullptr);
  cache.clear();
  EXPECT_EQ(cache.get("a"), nullptr);
  const auto stats = cache.stats();
  EXPECT_EQ(stats.entries, 0u);
  EXPECT_EQ(stats.bytes, 0u);
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
}

}  // namespace
}  // namespace mtm::server
