// A minimal S3 client over libcurl: path-style URLs, SigV4 signing by libcurl itself, GET/HEAD/ListObjectsV2,
// bounded retries on connection errors and 5xx. An S3Client is immutable after construction; each call uses
// its own curl handle, so calls from several threads are safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "data/s3/credentials.hpp"
#include "data/s3/s3_xml.hpp"

namespace mtm::data::s3 {

/// s3://bucket/prefix split in two; prefix has no leading '/' and, unless empty, ends with '/'.
struct S3Location {
  std::string bucket;
  std::string prefix;
};

/// Parse "s3://bucket[/prefix]"; throws ValidationError(parameter) on anything else.
S3Location parse_s3_url(std::string_view url, const std::string& parameter = "--data");

/// RFC 3986 percent-encoding as SigV4 wants it: unreserved bytes kept, '/' kept only when keep_slash.
std::string uri_encode(std::string_view text, bool keep_slash);

/// The endpoint could not be reached or kept failing (connection error or 5xx after every retry).
/// Callers may fall back to a cached copy on this error only.
class S3UnavailableError : public DataLoadError {
 public:
  using DataLoadError::DataLoadError;
};

/// Retry and timeout bounds; the defaults give at most 3 tries with 200 ms then 400 ms pauses.
struct RetryPolicy {
  int max_tries = 3;
  std::chrono::milliseconds backoff{200};
  long connect_timeout_ms = 5000;
  long low_speed_seconds = 30;  // abort a transfer slower than 1 byte/s for this long
};

/// The outcome of a (conditional) GET into a file.
struct GetResult {
  bool not_modified = false;  // 304: the caller's copy is current and dest was not touched
  std::string etag;
  std::int64_t bytes = 0;
  int attempts = 0;
};

class S3Client {
 public:
  /// Throws ConfigurationError when the endpoint is not an http:// or https:// URL.
  explicit S3Client(Credentials credentials, const RetryPolicy& policy = {});

  /// Path-style URL of an object: endpoint/bucket/key with the key percent-encoded.
  [[nodiscard]] std::string object_url(const std::string& bucket, const std::string& key) const;
  /// Every object under prefix (follows continuation tokens); throws DataLoadError naming the S3 error code.
  [[nodiscard]] std::vector<ObjectInfo> list_objects(const std::string& bucket, const std::string& prefix,
                                                     int max_keys = 1000) const;
  /// Size and ETag of an object, or nullopt when it does not exist (404).
  [[nodiscard]] std::optional<ObjectInfo> head_object(const std::string& bucket, const std::string& key) const;
  /// GET into dest through dest + ".part" renamed on success; with if_none_match set, a 304 leaves dest alone.
  GetResult get_object(const std::string& bucket, const std::string& key, const std::filesystem::path& dest,
                       const std::string& if_none_match = {}) const;

  /// HTTP requests sent so far (every try counts); lets tests see what a call really did.
  [[nodiscard]] std::int64_t requests_sent() const noexcept { return requests_->load(); }
  [[nodiscard]] const Credentials& credentials() const noexcept { return credentials_; }

 private:
  struct Response;
  Response perform(const std::string& method, const std::string& url, const std::string& source,
                   const std::vector<std::string>& extra_headers, const std::filesystem::path* body_file) const;

  Credentials credentials_;
  RetryPolicy policy_;
  std::string endpoint_;  // without a trailing '/'
  std::unique_ptr<std::atomic<std::int64_t>> requests_ = std::make_unique<std::atomic<std::int64_t>>(0);
};

}  // namespace mtm::data::s3
