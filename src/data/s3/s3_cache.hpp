// The local ETag cache of S3 objects and the fetch operation built on it. A cache is a directory holding the
// downloaded files plus an index file (.s3-cache.json) mapping each object URL to its ETag and size.
// Not thread-safe: one fetch per directory at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data/s3/s3_client.hpp"

namespace mtm::data::s3 {

/// One cached object: its ETag (quotes kept), byte size and file name inside the cache directory.
struct CacheEntry {
  std::string etag;
  std::int64_t size = 0;
  std::string file;
};

class S3Cache {
 public:
  /// Opens (creating) dir and reads its index; an unreadable or malformed index counts as empty.
  explicit S3Cache(std::filesystem::path dir);
  /// The entry for an object URL, only if its file is still there with the recorded size.
  [[nodiscard]] std::optional<CacheEntry> lookup(const std::string& object_url) const;
  /// Remember an object and rewrite the index atomically (temp file + rename).
  void record(const std::string& object_url, const CacheEntry& entry);
  [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }
  [[nodiscard]] std::filesystem::path index_path() const { return dir_ / ".s3-cache.json"; }

 private:
  std::filesystem::path dir_;
  std::map<std::string, CacheEntry> entries_;
};

enum class FetchStatus { Downloaded, NotModified, CachedOffline };

struct FetchedObject {
  std::string key;
  std::filesystem::path path;
  std::string etag;
  std::int64_t bytes = 0;
  FetchStatus status = FetchStatus::Downloaded;
};

/// What to fetch: the dataset files under location.prefix, or one named object when object is set.
struct FetchRequest {
  S3Location location;
  std::string object;
  std::filesystem::path out_dir;
};

struct FetchResult {
  std::vector<FetchedObject> objects;
  int downloaded = 0;    // full downloads (200)
  int not_modified = 0;  // conditional GETs answered 304
  int offline = 0;       // served from the cache because S3 was unreachable
  std::vector<std::string> warnings;
};

/// The dataset files fetch looks for: the two required ones first, then the optional ones.
const std::vector<std::string>& required_dataset_files();
const std::vector<std::string>& optional_dataset_files();

/// Download what request names into request.out_dir, reusing cached copies whose ETag still matches (If-None-Match).
/// When S3 is unreachable, cached copies are used with a warning; without them, throws one DataLoadError.
FetchResult fetch_objects(const S3Client& client, const FetchRequest& request);

}  // namespace mtm::data::s3
