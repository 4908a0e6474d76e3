// Tests for s3:// URL parsing, SigV4 URI encoding and path-style object URLs.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "data/s3/s3_client.hpp"

namespace mtm::data::s3 {
namespace {

TEST(S3Url, SplitsBucketAndPrefix) {
  auto loc = parse_s3_url("s3://mangetamain/raw");
  EXPECT_EQ(loc.bucket, "mangetamain");
  EXPECT_EQ(loc.prefix, "raw/");
  loc = parse_s3_url("s3://mangetamain/a/b/");
  EXPECT_EQ(loc.prefix, "a/b/");
  loc = parse_s3_url("s3://my.bucket-1");
  EXPECT_EQ(loc.bucket, "my.bucket-1");
  EXPECT_EQ(loc.prefix, "");
  loc = parse_s3_url("s3://abc/");
  EXPECT_EQ(loc.prefix, "");
}

TEST(S3Url, RejectsOtherSchemesAndBadBuckets) {
  try {
    (void)parse_s3_url("http://mangetamain/raw");
    FAIL() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.parameter(), "--data");
    EXPECT_STREQ(e.what(), "'http://mangetamain/raw' is not an s3://bucket/prefix URL");
  }
  EXPECT_THROW((void)parse_s3_url("s3://"), ValidationError);
  EXPECT_THROW((void)parse_s3_url("s3://ab/x"), ValidationError);          // too short
  EXPECT_THROW((void)parse_s3_url("s3://Upper/x"), ValidationError);       // upper case
  EXPECT_THROW((void)parse_s3_url("s3://bad_bucket/x"), ValidationError);  // underscore
  EXPECT_THROW((void)parse_s3_url("s3://-bucket/x"), ValidationError);     // leading dash
  EXPECT_THROW((void)parse_s3_url("s3://bucket/a//b"), ValidationError);   // empty segment
  EXPECT_THROW((void)parse_s3_url(std::string("s3://") + std::string(64, 'a')), ValidationError);
}

TEST(S3Url, EncodesLikeSigV4) {
  EXPECT_EQ(uri_encode("raw/a b+c~_-.csv", true), "raw/a%20b%2Bc~_-.csv");
  EXPECT_EQ(uri_encode("raw/a b", false), "raw%2Fa%20b");
  EXPECT_EQ(uri_encode("caf\xC3\xA9=&?#%", true), "caf%C3%A9%3D%26%3F%23%25");
}

TEST(S3Url, BuildsPathStyleObjectUrls) {
  Credentials c;
  c.endpoint = "http://127.0.0.1:9000/";
  c.region = "garage";
  const S3Client client(c);
  EXPECT_EQ(client.object_url("mangetamain", "raw/RAW recipes.csv"),
            "http://127.0.0.1:9000/mangetamain/raw/RAW%20recipes.csv");
  c.endpoint = "https://s3.example.org/base";
  EXPECT_EQ(S3Client(c).object_url("b-1", "k"), "https://s3.example.org/base/b-1/k");
}

TEST(S3Url, RejectsEndpointWithoutHttpScheme) {
  Credentials c;
  c.endpoint = "ftp://host";
  EXPECT_THROW(S3Client{c}, ConfigurationError);
  c.endpoint = "127.0.0.1:9000";
  EXPECT_THROW(S3Client{c}, ConfigurationError);
}

}  // namespace
}  // namespace mtm::data::s3
