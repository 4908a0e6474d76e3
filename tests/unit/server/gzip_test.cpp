#include "server/gzip.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mtm::server {
namespace {

TEST(Gzip, RoundTripsAndShrinksRepetitiveText) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "{\"year\":2007,\"recipes\":12345},";
  const std::string packed = gzip_compress(text);
  ASSERT_GE(packed.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // gzip magic number (RFC 1952)
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  EXPECT_LT(packed.size(), text.size() / 10);
  EXPECT_EQ(gzip_decompress(packed), text);
}

TEST(Gzip, RoundTripsEmptyAndBinaryData) {
  EXPECT_EQ(gzip_decompress(gzip_compress("")), "");
  std::string binary;
  for (int i = 0; i < 256; ++i) binary += static_cast<char>(i);
  EXPECT_EQ(gzip_decompress(gzip_compress(binary)), binary);
}

TEST(Gzip, CorruptStreamThrows) {
  EXPECT_THROW(gzip_decompress("definitely not gzip"), std::runtime_error);
  const std::string packed = gzip_compress(std::string(5000, 'a'));
  EXPECT_THROW(gzip_decompress(packed.substr(0, packed.size() / 2)), std::runtime_error);
}

struct AcceptCase {
  const char* header;
  bool gzip;
};

TEST(Gzip, AcceptEncodingTable) {
  const AcceptCase cases[] = {
      {"", false},    {"gzip", true},      {"gzip, deflate, br", true}, {"br", false},
      {"GZIP", true}, {"gzip;q=0", false}, {"gzip; q=0.0, br", false},  {"gzip;q=0.5", true},
      {"*", true},    {"*;q=0", false},    {"identity, x-gzip", true},  {"br, *;q=0.1", true},
  };
  for (const auto& c : cases) EXPECT_EQ(accepts_gzip(c.header), c.gzip) << "'" << c.header << "'";
}

}  // namespace
}  // namespace mtm::server
