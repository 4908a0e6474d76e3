// What limits user-interaction events beyond their schema: who the client is (its address, or what a trusted
// proxy says it is), and how many bytes a day may add to the interactions log. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mtm::server {

/// The entries of a comma-separated list, trimmed, empty ones left out.
std::vector<std::string> parse_address_list(std::string_view comma_separated);

/// The client an event is counted against: remote_addr, unless remote_addr is one of trusted_proxies and
/// forwarded_for (X-Forwarded-For) names someone; then its last entry, the address the proxy itself saw
/// (earlier entries come from the client and prove nothing).
std::string client_address(std::string_view remote_addr, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

/// At most max_bytes_per_day bytes per UTC day. What the day's file already holds counts too (bytes_on_disk,
/// asked at each admission): a restart, or another process writing the same file, never starts the day's
/// budget from zero.
class DailyByteBudget {
 public:
  using BytesOnDisk = std::function<std::uintmax_t(std::chrono::system_clock::time_point day)>;
  explicit DailyByteBudget(std::size_t max_bytes_per_day, BytesOnDisk bytes_on_disk = {})
      : max_bytes_(max_bytes_per_day), bytes_on_disk_(std::move(bytes_on_disk)) {}

  struct Decision {
    bool admitted = false;
    /// The first refusal of the day (to warn once).
    bool first_refusal = false;
  };
  /// Count bytes against now's day when they fit; otherwise refuse them.
  Decision admit(std::size_t bytes, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

 private:
  std::size_t max_bytes_;
  BytesOnDisk bytes_on_disk_;
  std::mutex mutex_;
  std::string day_;
  std::size_t used_ = 0;
  bool refused_today_ = false;
};

}  // namespace mtm::server
