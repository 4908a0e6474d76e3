#include "server/result_cache.hpp"

namespace mtm::server {

std::shared_ptr<const nlohmann::json> ResultCache::get_or_compute(const std::string& key,
                                                                  const std::function<nlohmann::json()>& compute,
                                                                  bool* computed) {
  if (computed != nullptr) *computed = false;
  {
    std::lock_guard lock(mutex_);
    if (const auto found = index_.find(key); found != index_.end()) {
      order_.splice(order_.begin(), order_, found->second);
      return found->second->second;
    }
  }
  auto value = std::make_shared<const nlohmann::json>(compute());
  if (computed != nullptr) *computed = true;
  std::lock_guard lock(mutex_);
  if (const auto found = index_.find(key); found != index_.end()) {
    order_.erase(found->second);
    index_.erase(found);
  }
  order_.emplace_front(key, value);
  index_[key] = order_.begin();
  while (order_.size() > capacity_) {
    index_.erase(order_.back().first);
    order_.pop_back();
  }
  return value;
}

std::size_t ResultCache::size() const {
  std::lock_guard lock(mutex_);
  return order_.size();
}

}  // namespace mtm::server
