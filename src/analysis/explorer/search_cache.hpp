// Results of recent searches, so a repeated query (the same words, filters, sort and page) is answered
// without touching the index: the search page asks for the same query as readers type, page and come back,
// and a popular word ("chicken") would otherwise redo the same work for every reader. Least recently used
// entries go first; thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "analysis/explorer/search.hpp"

namespace mtm::analysis::explorer {

/// Entries kept: a result holds one page of hits and the facets, a few kilobytes, so ~1 MB a thousand.
inline constexpr std::size_t kSearchCacheEntries = 2048;

class SearchCache {
 public:
  explicit SearchCache(std::size_t capacity = kSearchCacheEntries) : capacity_(capacity) {}

  /// The result of query, computed on a miss (outside the lock: two readers asking for the same new query
  /// at once may both compute it, and the second stores the same value).
  std::shared_ptr<const SearchResult> get(const ExplorerIndex& index, const SearchQuery& query);

  [[nodiscard]] std::size_t hits() const;
  [[nodiscard]] std::size_t misses() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const SearchResult>>;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> entries_;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

/// Every field of a query that changes its result, as one string (the cache key).
std::string query_key(const SearchQuery& query);

}  // namespace mtm::analysis::explorer
