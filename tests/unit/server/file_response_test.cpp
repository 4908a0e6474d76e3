// Byte ranges of a file (RFC 9110 §14.1.2): which part a Range header asks for, clamped to the file, and the
// headers served whole (malformed, several ranges, another unit).
#include "server/file_response.hpp"

#include <gtest/gtest.h>

namespace mtm::server {
namespace {

using Kind = RangeRequest::Kind;

void expect_partial(std::string_view header, std::uint64_t size, std::uint64_t first, std::uint64_t last) {
  const auto range = parse_range(header, size);
  EXPECT_EQ(range.kind, Kind::Partial) << header;
  EXPECT_EQ(range.range.first, first) << header;
  EXPECT_EQ(range.range.last, last) << header;
}

TEST(ParseRange, SatisfiableRangesAreClamped) {
  expect_partial("bytes=0-99", 1000, 0, 99);
  expect_partial("bytes=900-", 1000, 900, 999);
  expect_partial("bytes=990-5000", 1000, 990, 999);
  expect_partial("bytes=-10", 1000, 990, 999);
  expect_partial("bytes=-5000", 1000, 0, 999);
  expect_partial(" bytes= 5 - 5 ", 1000, 5, 5);
}

TEST(ParseRange, UnsatisfiableRanges) {
  EXPECT_EQ(parse_range("bytes=1000-", 1000).kind, Kind::Unsatisfiable);
  EXPECT_EQ(parse_range("bytes=5000-6000", 1000).kind, Kind::Unsatisfiable);
  EXPECT_EQ(parse_range("bytes=-0", 1000).kind, Kind::Unsatisfiable);
  EXPECT_EQ(parse_range("bytes=0-", 0).kind, Kind::Unsatisfiable);
}

TEST(ParseRange, OtherHeadersServeTheWholeFile) {
  for (const std::string_view header : {"", "bytes", "bytes=", "bytes=-", "bytes=a-b", "bytes=5-1", "bytes=0-1,5-6",
                                        "items=0-1", "bytes=1-2x", "bytes=18446744073709551616-"}) {
    EXPECT_EQ(parse_range(header, 1000).kind, Kind::Whole) << header;
  }
}

}  // namespace
}  // namespace mtm::server
