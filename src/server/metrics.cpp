#include "server/metrics.hpp"

#include <fmt/format.h>

#include <tuple>

#include "core/version_info.hpp"

namespace mtm::server {

std::string prometheus_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void RequestMetrics::observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[std::make_tuple(route, method, status)];
  Histogram& histogram = latency_[route];
  for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum += seconds;
}

std::string RequestMetrics::render(const MetricsSnapshot& snapshot) const {
  std::string out;
  auto append = [&out](std::string_view text) { out.append(text); };

  append("# HELP mangetamain_build_info Build of the running binary (always 1).\n");
  append("# TYPE mangetamain_build_info gauge\n");
  out += fmt::format("mangetamain_build_info{{version=\"{}\",commit=\"{}\",build_date=\"{}\",environment=\"{}\"}} 1\n",
                     prometheus_label(version::kVersion), prometheus_label(version::kGitCommit),
                     prometheus_label(version::kBuildDate), prometheus_label(snapshot.environment));
  {
    std::lock_guard lock(mutex_);
    append("# HELP mangetamain_http_requests_total HTTP requests answered, by route, method and status.\n");
    append("# TYPE mangetamain_http_requests_total counter\n");
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out += fmt::format("mangetamain_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                         prometheus_label(route), prometheus_label(method), status, count);
    }
    append("# HELP mangetamain_http_request_duration_seconds Time from request read to response logged.\n");
    append("# TYPE mangetamain_http_request_duration_seconds histogram\n");
    for (const auto& [route, histogram] : latency_) {
      const std::string label = prometheus_label(route);
      for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        out += fmt::format("mangetamain_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                           kLatencyBuckets[i], histogram.buckets[i]);
      }
      out += fmt::format("mangetamain_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label,
                         histogram.count);
      out += fmt::format("mangetamain_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label, histogram.sum);
      out +=
          fmt::format("mangetamain_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label, histogram.count);
    }
  }
  const auto counter = [&](std::string_view name, std::string_view help, std::size_t value) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} counter\n{0} {2}\n", name, help, value);
  };
  const auto gauge = [&](std::string_view name, std::string_view help, std::size_t value) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n{0} {2}\n", name, help, value);
  };
  counter("mangetamain_cache_hits_total", "Analysis results served from the cache.", snapshot.cache_hits);
  counter("mangetamain_cache_misses_total", "Analysis results computed because the cache had none.",
          snapshot.cache_misses);
  gauge("mangetamain_cache_bytes", "Bytes held by the result cache.", snapshot.cache_bytes);
  gauge("mangetamain_cache_max_bytes", "Bound of the result cache in bytes.", snapshot.cache_max_bytes);
  gauge("mangetamain_cache_entries", "Entries in the result cache.", snapshot.cache_entries);
  counter("mangetamain_events_accepted_total", "User-interaction events written to the log.", snapshot.events_accepted);
  counter("mangetamain_events_rejected_total", "User-interaction events refused (invalid, too large, rate-limited).",
          snapshot.events_rejected);
  counter("mangetamain_events_dropped_total",
          "Valid user-interaction events not written: the day's log reached events.max_bytes_per_day.",
          snapshot.events_dropped);
  gauge("mangetamain_dataset_generation", "Generation of the served dataset: 1 at start, +1 per reload.",
        snapshot.dataset_generation);
  append("# HELP mangetamain_reloads_total Dataset reloads (SIGHUP or admin route), by result.\n");
  append("# TYPE mangetamain_reloads_total counter\n");
  out += fmt::format("mangetamain_reloads_total{{result=\"ok\"}} {}\n", snapshot.reloads_succeeded);
  out += fmt::format("mangetamain_reloads_total{{result=\"failed\"}} {}\n", snapshot.reloads_failed);
  gauge("mangetamain_data_source_offline",
        "1 while the data in service came from the S3 cache because S3 could not be reached, else 0.",
        snapshot.source_offline ? 1 : 0);
  append("# HELP mangetamain_dataset_rows Rows of the served dataset, by table.\n");
  append("# TYPE mangetamain_dataset_rows gauge\n");
  for (const auto& [table, rows] : snapshot.dataset_rows) {
    out += fmt::format("mangetamain_dataset_rows{{table=\"{}\"}} {}\n", prometheus_label(table), rows);
  }
  return out;
}

}  // namespace mtm::server
