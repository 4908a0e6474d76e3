// A least-recently-used cache of serialised API results, bounded by the bytes it holds (keys and
// values). Entries are shared immutable bodies, so a reader keeps its copy alive after eviction.
// Thread-safe: every call takes one internal mutex.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mtm::server {

/// One response body in both encodings, with its strong ETag.
struct CachedBody {
  std::string plain;
  std::string gzip;
  std::string etag;
  [[nodiscard]] std::size_t bytes() const noexcept { return plain.size() + gzip.size() + etag.size(); }
};

class LruCache {
 public:
  struct Stats {
    std::size_t entries = 0;
    std::size_t bytes = 0;
    std::size_t hits = 0;
    std::size_t misses = 0;
    std::size_t evictions = 0;
  };

  explicit LruCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  /// The entry for key (and marks it most recently used), or nullptr. A probe (count_miss false) that finds
  /// nothing is not counted as a miss: the request will look again where it computes.
  std::shared_ptr<const CachedBody> get(const std::string& key, bool count_miss = true);
  /// Insert or replace key, then evict the least recently used entries until the bound holds. A value
  /// larger than the whole bound is not stored.
  void put(const std::string& key, std::shared_ptr<const CachedBody> value);
  /// Drop every entry (hit, miss and eviction counters are kept).
  void clear();
  [[nodiscard]] Stats stats() const;
  [[nodiscard]] std::size_t max_bytes() const noexcept { return max_bytes_; }

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedBody> value;
    std::size_t bytes;
  };
  void evict_locked();

  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;  // front = most recently used
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  Stats stats_;
};

}  // namespace mtm::server
