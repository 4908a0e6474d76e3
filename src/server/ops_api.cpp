// The operations routes: Prometheus metrics and the UI's user-interaction events.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>

#include "core/logging.hpp"
#include "server/api.hpp"
#include "server/events.hpp"
#include "server/problem.hpp"

namespace mtm::server {

namespace {

const std::vector<std::string> kNoParams;
const std::string kEveryone = "*";

std::map<std::string, std::int64_t> dataset_rows(const DataService& data) {
  std::map<std::string, std::int64_t> rows;
  try {
    const auto dataset = data.dataset();
    auto connection = dataset->connect();
    const auto result = connection->query("SELECT recipes_rows, interactions_rows FROM dataset_info").rows();
    if (result.size() == 1) {
      if (const auto* recipes = std::get_if<std::int64_t>(&result[0][0])) rows["recipes"] = *recipes;
      if (const auto* interactions = std::get_if<std::int64_t>(&result[0][1])) rows["interactions"] = *interactions;
    }
  } catch (const std::exception& e) {
    // The scrape still answers: a missing series tells monitoring the rest; /readyz says why.
    spdlog::warn("metrics: dataset rows unavailable: {}", e.what());
  }
  return rows;
}

}  // namespace

namespace api {

void get_metrics(const Request& req, Response& res, const LruCache& cache, const DataService& data,
                 const SiteInfo& site, const EventIntake& events, const RequestMetrics& metrics) {
  checked_params(req, kNoParams);
  MetricsSnapshot snapshot;
  const auto stats = cache.stats();
  snapshot.cache_hits = stats.hits;
  snapshot.cache_misses = stats.misses;
  snapshot.cache_bytes = stats.bytes;
  snapshot.cache_entries = stats.entries;
  snapshot.cache_max_bytes = cache.max_bytes();
  snapshot.dataset_rows = dataset_rows(data);
  snapshot.environment = std::string(environment_name(site.environment));
  snapshot.events_accepted = events.accepted.load();
  snapshot.events_rejected = events.rejected.load();
  snapshot.events_dropped = events.dropped.load();
  snapshot.dataset_generation = data.dataset()->generation();
  snapshot.reloads_succeeded = data.reloads_succeeded.load();
  snapshot.reloads_failed = data.reloads_failed.load();
  snapshot.source_offline = data.source_offline();
  res.set_header("Cache-Control", "no-store");
  res.set_content(metrics.render(snapshot), "text/plain; version=0.0.4; charset=utf-8");
}

void post_event(const Request& req, Response& res, const SiteInfo& site, EventIntake& events) {
  checked_params(req, kNoParams);
  const std::string lang = request_language(req);
  if (req.body.size() > events.config.max_bytes) {
    ++events.rejected;
    send_problem(req, res, ProblemKind::PayloadTooLarge,
                 problem_detail(ProblemKind::PayloadTooLarge, lang, std::to_string(events.config.max_bytes)));
    return;
  }
  nlohmann::json line;
  try {
    std::string env(environment_name(site.environment));
    std::transform(env.begin(), env.end(), env.begin(), [](unsigned char c) { return std::tolower(c); });
    line = checked_event(req.body, env);
  } catch (const ValidationError&) {
    ++events.rejected;
    throw;
  }
  // Per client address, never per client_id (the client chooses it: random ids got every event through). Behind
  // a trusted proxy the address is the one it forwards; anyone else's X-Forwarded-For is ignored.
  const std::string client = site.client_of(req);
  for (RateLimiter* limiter : {&events.per_client, &events.global}) {
    // The global bucket has one key; a client's refused events never reach it.
    const std::string& key = limiter == &events.per_client ? client : kEveryone;
    if (const double wait = limiter->acquire(key); wait > 0) {
      ++events.rejected;
      const std::string seconds = std::to_string(static_cast<long>(std::ceil(wait)));
      res.set_header("Retry-After", seconds);
      send_problem(req, res, ProblemKind::TooManyRequests, problem_detail(ProblemKind::TooManyRequests, lang, seconds));
      return;
    }
  }
  std::string text = line.dump();
  // The line and its newline count against the day's budget; beyond it the event is dropped (the client
  // could not do anything about it: 204 all the same).
  if (const auto decision = events.interactions_budget.admit(text.size() + 1); !decision.admitted) {
    ++events.dropped;
    if (decision.first_refusal) {
      spdlog::warn(
          "user-interactions log reached events.max_bytes_per_day ({} bytes) for today: further events "
          "are dropped until midnight UTC (counted in mangetamain_events_dropped_total)",
          events.config.max_bytes_per_day);
    }
    res.set_header("Cache-Control", "no-store");
    res.status = 204;
    return;
  }
  interactions_logger()->info(text);
  ++events.accepted;
  res.set_header("Cache-Control", "no-store");
  res.status = 204;
}

}  // namespace api
}  // namespace mtm::server
