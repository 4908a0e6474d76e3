// A token bucket per client key: each key may spend `burst` requests at once and earns `rate_per_minute`
// back over time. Buckets that have refilled completely are forgotten, so memory follows the number of
// recently active clients. Thread-safe: one internal mutex.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mtm::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(double rate_per_minute, std::size_t burst);

  /// Take one token for key at now; returns 0 when allowed, else the seconds until a token is available.
  double acquire(const std::string& key, Clock::time_point now = Clock::now());
  /// Keys currently tracked.
  [[nodiscard]] std::size_t tracked() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  void forget_full_locked(Clock::time_point now);

  double rate_per_second_;
  double burst_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace mtm::server
