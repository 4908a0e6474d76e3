#include "analysis/explorer/search_cache.hpp"

#include <fmt/format.h>

namespace mtm::analysis::explorer {

namespace {

template <typename T>
std::string optional_text(const std::optional<T>& value) {
  return value ? fmt::format("{}", *value) : std::string("-");
}

// A list of free strings as unambiguous text: each one's length, then the string.
std::string list_text(const std::vector<std::string>& items) {
  std::string out = fmt::format("{}:", items.size());
  for (const auto& item : items) out += fmt::format("{}:{}", item.size(), item);
  return out;
}

}  // namespace

std::string query_key(const SearchQuery& q) {
  return fmt::format("{}:{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", q.text.size(), q.text,
                     q.last_word_is_prefix, optional_text(q.max_minutes), optional_text(q.max_steps),
                     optional_text(q.min_calories), optional_text(q.max_calories), optional_text(q.min_rating),
                     q.min_ratings, list_text(q.tags), list_text(q.exclude_tags), list_text(q.ingredients),
                     list_text(q.exclude_ingredients), static_cast<int>(q.sort), q.offset, q.limit, q.partial_below,
                     q.direct_facet_limit, q.facet_sample_size);
}

std::shared_ptr<const SearchResult> SearchCache::get(const ExplorerIndex& index, const SearchQuery& query) {
  auto key = query_key(query);
  {
    const std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) {
      order_.splice(order_.begin(), order_, it->second);
      ++hits_;
      return it->second->second;
    }
    ++misses_;
  }
  auto result = std::make_shared<const SearchResult>(search(index, query));
  const std::lock_guard lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) return it->second->second;
  order_.emplace_front(key, result);
  entries_.emplace(std::move(key), order_.begin());
  if (order_.size() > capacity_) {
    entries_.erase(order_.back().first);
    order_.pop_back();
  }
  return result;
}

std::size_t SearchCache::hits() const {
  const std::lock_guard lock(mutex_);
  return hits_;
}

std::size_t SearchCache::misses() const {
  const std::lock_guard lock(mutex_);
  return misses_;
}

}  // namespace mtm::analysis::explorer
