// The usage events' intake: their settings, a rate limit per client and one for everybody, the daily byte cap of
// the interactions file, and what was accepted, refused or dropped (for /metrics). Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>

#include "core/config.hpp"
#include "core/logging.hpp"
#include "server/event_budget.hpp"
#include "server/rate_limiter.hpp"
#include "server/server_options.hpp"

namespace mtm::server {

struct EventIntake {
  explicit EventIntake(const ServerOptions& options)
      : config(options.events),
        per_client(options.events.rate_per_minute, options.events.burst),
        global(options.events.global_rate_per_minute, options.events.global_burst),
        interactions_budget(options.events.max_bytes_per_day, interactions_bytes_on) {}

  EventsConfig config;
  /// One bucket per client address (SiteInfo::client_of), and one for everybody together.
  RateLimiter per_client;
  RateLimiter global;
  DailyByteBudget interactions_budget;
  std::atomic<std::size_t> accepted{0};
  std::atomic<std::size_t> rejected{0};
  /// Valid events not written because the day's interactions file reached events.max_bytes_per_day.
  std::atomic<std::size_t> dropped{0};
};

}  // namespace mtm::server
