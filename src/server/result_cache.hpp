// Language-free analysis results of one dataset, most recently used first: the language is applied when a
// result is rendered (analysis::localize), so a reader switching language costs a rendering, not a
// recomputation. Thread-safe; entries are shared, immutable JSON.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

namespace mtm::server {

class ResultCache {
 public:
  explicit ResultCache(std::size_t capacity = 256) : capacity_(capacity) {}

  /// The result under key, computing and keeping it on a miss (compute runs outside the lock; two
  /// concurrent misses may both compute, the last one kept). computed, when given, says which happened.
  std::shared_ptr<const nlohmann::json> get_or_compute(const std::string& key,
                                                       const std::function<nlohmann::json()>& compute,
                                                       bool* computed = nullptr);
  [[nodiscard]] std::size_t size() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const nlohmann::json>>;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace mtm::server
