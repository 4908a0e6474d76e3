#include "server/lru_cache.hpp"

namespace mtm::server {

std::shared_ptr<const CachedBody> LruCache::get(const std::string& key, bool count_miss) {
  std::lock_guard lock(mutex_);
  auto found = index_.find(key);
  if (found == index_.end()) {
    if (count_miss) ++stats_.misses;
    return nullptr;
  }
  ++stats_.hits;
  order_.splice(order_.begin(), order_, found->second);
  return found->second->value;
}

void LruCache::put(const std::string& key, std::shared_ptr<const CachedBody> value) {
  if (!value) return;
  const std::size_t bytes = key.size() + value->bytes();
  std::lock_guard lock(mutex_);
  auto found = index_.find(key);
  if (found != index_.end()) {
    stats_.bytes -= found->second->bytes;
    order_.erase(found->second);
    index_.erase(found);
  }
  if (bytes > max_bytes_) return;
  order_.push_front(Entry{key, std::move(value), bytes});
  index_[key] = order_.begin();
  stats_.bytes += bytes;
  evict_locked();
}

void LruCache::evict_locked() {
  while (stats_.bytes > max_bytes_ && !order_.empty()) {
    const Entry& last = order_.back();
    stats_.bytes -= last.bytes;
    index_.erase(last.key);
    order_.pop_back();
    ++stats_.evictions;
  }
}

void LruCache::clear() {
  std::lock_guard lock(mutex_);
  order_.clear();
  index_.clear();
  stats_.entries = 0;
  stats_.bytes = 0;
}

LruCache::Stats LruCache::stats() const {
  std::lock_guard lock(mutex_);
  Stats out = stats_;
  out.entries = order_.size();
  return out;
}

}  // namespace mtm::server
