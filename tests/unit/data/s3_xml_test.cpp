// Tests for the ListObjectsV2 / Error XML parsing of the S3 client.
#include "data/s3/s3_xml.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace mtm::data::s3 {
namespace {

std::string message_of(std::string_view xml) {
  try {
    (void)parse_list_objects(xml, "s3://b/p/");
  } catch (const DataLoadError& e) {
    return e.what();
  }
  return "no error";
}

TEST(S3Xml, ParsesListPageWithEntitiesAndNamespace) {
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>mangetamain</Name>"
      "<Prefix>raw/</Prefix><KeyCount>2</KeyCount><IsTruncated>false</IsTruncated>"
      "<Contents><Key>raw/RAW_recipes.csv</Key><ETag>&quot;abc123&quot;</ETag><Size>1048576</Size></Contents>"
      "<Contents>\n  <Key>raw/a &amp; b&#x2F;c&#233;.csv</Key><ETag>\"d-2\"</ETag><Size>0</Size></Contents>"
      "</ListBucketResult>";
  const ListPage page = parse_list_objects(xml, "s3://mangetamain/raw/");
  ASSERT_EQ(page.objects.size(), 2u);
  EXPECT_EQ(page.objects[0].key, "raw/RAW_recipes.csv");
  EXPECT_EQ(page.objects[0].etag, "\"abc123\"");
  EXPECT_EQ(page.objects[0].size, 1048576);
  EXPECT_EQ(page.objects[1].key, "raw/a & b/c\xC3\xA9.csv");
  EXPECT_EQ(page.objects[1].size, 0);
  EXPECT_FALSE(page.truncated);
}

TEST(S3Xml, ReadsContinuationToken) {
  const ListPage page = parse_list_objects(
      "<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>tok/+=</NextContinuationToken>"
      "<Contents><Key>k</Key><Size>3</Size></Contents></ListBucketResult>",
      "s");
  EXPECT_TRUE(page.truncated);
  EXPECT_EQ(page.next_token, "tok/+=");
  ASSERT_EQ(page.objects.size(), 1u);
}

TEST(S3Xml, EmptyListingHasNoObjects) {
  const ListPage page = parse_list_objects("<ListBucketResult><KeyCount>0</KeyCount></ListBucketResult>", "s");
  EXPECT_TRUE(page.objects.empty());
}

TEST(S3Xml, ErrorBodyNamesTheCode) {
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code>"
      "<Message>The specified bucket does not exist</Message><BucketName>nope</BucketName></Error>";
  EXPECT_EQ(message_of(xml), "s3://b/p/: S3 error NoSuchBucket: The specified bucket does not exist");
  const auto err = parse_error_body(xml);
  ASSERT_TRUE(err.has_value());
  EXPECT_EQ(err->code, "NoSuchBucket");
  EXPECT_EQ(err->message, "The specified bucket does not exist");
}

TEST(S3Xml, RejectsMismatchedTag) {
  EXPECT_NE(message_of("<ListBucketResult><Contents></Content></ListBucketResult>").find("malformed XML"),
            std::string::npos);
}

TEST(S3Xml, RejectsTruncatedDocument) {
  EXPECT_NE(message_of("<ListBucketResult><Contents><Key>raw/x").find("missing </Key>"), std::string::npos);
}

TEST(S3Xml, RejectsUnknownEntity) {
  EXPECT_NE(message_of("<ListBucketResult><Name>&nbsp;</Name></ListBucketResult>").find("unknown entity '&nbsp;'"),
            std::string::npos);
}

TEST(S3Xml, RejectsContentAfterRoot) {
  EXPECT_NE(message_of("<ListBucketResult></ListBucketResult><x/>").find("content after the root element"),
            std::string::npos);
}

TEST(S3Xml, RejectsHtmlOrOtherDocuments) {
  EXPECT_EQ(message_of("<html></html>"), "s3://b/p/: expected <ListBucketResult>, found <html>");
  EXPECT_NE(message_of("Service Unavailable").find("malformed XML at byte 0"), std::string::npos);
  EXPECT_NE(message_of("").find("malformed XML"), std::string::npos);
}

TEST(S3Xml, RejectsBadSize) {
  EXPECT_EQ(message_of("<ListBucketResult><Contents><Key>k</Key><Size>12x</Size></Contents></ListBucketResult>"),
            "s3://b/p/: bad <Size> '12x' for key 'k'");
}

TEST(S3Xml, RejectsTruncatedListingWithoutToken) {
  EXPECT_EQ(message_of("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>"),
            "s3://b/p/: truncated listing without a <NextContinuationToken>");
}

TEST(S3Xml, RejectsDeepNesting) {
  std::string xml;
  for (int i = 0; i < 200; ++i) xml += "<a>";
  EXPECT_NE(message_of(xml).find("nested too deeply"), std::string::npos);
}

TEST(S3Xml, ErrorBodyIsNulloptForOtherInput) {
  EXPECT_FALSE(parse_error_body("").has_value());
  EXPECT_FALSE(parse_error_body("<Error><Code>x</Error>").has_value());
  EXPECT_FALSE(parse_error_body("<ListBucketResult/>").has_value());
}

TEST(S3Xml, UnescapesCharacterReferences) {
  EXPECT_EQ(xml_unescape("&lt;a&gt; &apos;&#65;&#x42;"), "<a> 'AB");
  EXPECT_THROW((void)xml_unescape("&#0;"), std::invalid_argument);
  EXPECT_THROW((void)xml_unescape("&#xD800;"), std::invalid_argument);
  EXPECT_THROW((void)xml_unescape("a & b"), std::invalid_argument);
}

}  // namespace
}  // namespace mtm::data::s3
