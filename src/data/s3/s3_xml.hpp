// The two S3 XML documents the client reads: a ListObjectsV2 result page and an <Error> body.
// A small, strict element parser (no DTDs, no namespaces resolution); pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mtm::data::s3 {

/// One <Contents> entry of a listing; etag keeps its quotes as S3 sends them.
struct ObjectInfo {
  std::string key;
  std::string etag;
  std::int64_t size = 0;
};

/// One page of ListObjectsV2; next_token is set when truncated.
struct ListPage {
  std::vector<ObjectInfo> objects;
  bool truncated = false;
  std::string next_token;
};

/// The <Code> and <Message> of an S3 <Error> document.
struct S3ErrorBody {
  std::string code;
  std::string message;
};

/// Parse a ListObjectsV2 page; throws DataLoadError(source, …) on malformed XML or an <Error> body (naming its code).
ListPage parse_list_objects(std::string_view xml, const std::string& source);

/// The <Error> document in xml, or nullopt when xml is empty, malformed or another document.
std::optional<S3ErrorBody> parse_error_body(std::string_view xml);

/// Replace the five XML entities and numeric character references; throws std::invalid_argument on a bad one.
std::string xml_unescape(std::string_view text);

}  // namespace mtm::data::s3
