// Request counters and latency histograms per route, rendered with the cache, dataset and build
// figures in the Prometheus text exposition format (version 0.0.4). Thread-safe: one internal mutex.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace mtm::server {

/// Upper bounds, in seconds, of the latency histogram buckets (+Inf is implied).
inline constexpr std::array<double, 11> kLatencyBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                           0.25,  0.5,   1.0,  2.5,   5.0};

/// Figures read at scrape time from the rest of the server.
struct MetricsSnapshot {
  std::size_t cache_hits = 0;
  std::size_t cache_misses = 0;
  std::size_t cache_bytes = 0;
  std::size_t cache_entries = 0;
  std::size_t cache_max_bytes = 0;
  /// Table name -> rows; empty when the database does not answer.
  std::map<std::string, std::int64_t> dataset_rows;
  std::string environment;
  std::size_t events_accepted = 0;
  std::size_t events_rejected = 0;
  std::size_t events_dropped = 0;
  /// 1 for the dataset opened at start, +1 per successful reload.
  std::uint64_t dataset_generation = 0;
  std::size_t reloads_succeeded = 0;
  std::size_t reloads_failed = 0;
  /// 1 while the data in service came from the S3 cache because S3 could not be reached.
  bool source_offline = false;
};

class RequestMetrics {
 public:
  /// Count one answered request; route is the route's documented path ("/api/v1/analyses/{id}"), or
  /// "unmatched", so the number of series stays bounded whatever clients send.
  void observe(const std::string& route, const std::string& method, int status, double seconds);
  /// The whole exposition text.
  [[nodiscard]] std::string render(const MetricsSnapshot& snapshot) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  /// (route, method, status) -> requests
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

/// Escape a label value for the text format (backslash, double quote, newline).
std::string prometheus_label(std::string_view value);

}  // namespace mtm::server
