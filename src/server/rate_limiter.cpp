#include "server/rate_limiter.hpp"

#include <algorithm>

namespace mtm::server {

namespace {
// Purging costs a pass over every bucket, so it waits until this many keys are tracked.
constexpr std::size_t kPurgeThreshold = 1024;
}  // namespace

RateLimiter::RateLimiter(double rate_per_minute, std::size_t burst)
    : rate_per_second_(rate_per_minute / 60.0), burst_(static_cast<double>(std::max<std::size_t>(burst, 1))) {}

double RateLimiter::acquire(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kPurgeThreshold) forget_full_locked(now);
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(burst_, bucket.tokens + std::max(0.0, elapsed) * rate_per_second_);
    bucket.updated = std::max(bucket.updated, now);
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return 0.0;
  }
  return (1.0 - bucket.tokens) / rate_per_second_;
}

std::size_t RateLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::forget_full_locked(Clock::time_point now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
    return entry.second.tokens + elapsed * rate_per_second_ >= burst_;
  });
}

}  // namespace mtm::server
