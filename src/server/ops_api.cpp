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

std::map<std::string, std::int64_t> dataset_rows(const ApiContext& ctx) {
  std::map<std::string, std::int64_t> rows;
  try {
    const auto dataset = ctx.dataset();
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

void get_metrics(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  checked_params(req, kNoParams);
  MetricsSnapshot snapshot;
  const auto stats = ctx.cache.stats();
  snapshot.cache_hits = stats.hits;
  snapshot.cache_misses = stats.misses;
  snapshot.cache_bytes = stats.bytes;
  snapshot.cache_entries = stats.entries;
  snapshot.cache_max_bytes = ctx.cache.max_bytes();
  snapshot.dataset_rows = dataset_rows(ctx);
  snapshot.environment = std::string(environment_name(ctx.environment));
  snapshot.events_accepted = ctx.events_accepted.load();
  snapshot.events_rejected = ctx.events_rejected.load();
  snapshot.dataset_generation = ctx.dataset()->generation();
  snapshot.reloads_succeeded = ctx.reloads_succeeded.load();
  snapshot.reloads_failed = ctx.reloads_failed.load();
  snapshot.source_offline = ctx.source_offline();
  res.set_header("Cache-Control", "no-store");
  res.set_content(ctx.metrics.render(snapshot), "text/plain; version=0.0.4; charset=utf-8");
}

void post_event(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  checked_params(req, kNoParams);
  const Lang lang = request_language(req);
  if (req.body.size() > ctx.events.max_bytes) {
    ++ctx.events_rejected;
    send_problem(req, res, ProblemKind::PayloadTooLarge,
                 problem_detail(ProblemKind::PayloadTooLarge, lang, std::to_string(ctx.events.max_bytes)));
    return;
  }
  nlohmann::json line;
  try {
    std::string env(environment_name(ctx.environment));
    std::transform(env.begin(), env.end(), env.begin(), [](unsigned char c) { return std::tolower(c); });
    line = checked_event(req.body, env);
  } catch (const ValidationError&) {
    ++ctx.events_rejected;
    throw;
  }
  // Per browser (the anonymous id) and address: behind a reverse proxy the address is the proxy's.
  const std::string client = req.remote_addr + "|" + line["client_id"].get<std::string>();
  if (const double wait = ctx.event_limiter.acquire(client); wait > 0) {
    ++ctx.events_rejected;
    const std::string seconds = std::to_string(static_cast<long>(std::ceil(wait)));
    res.set_header("Retry-After", seconds);
    send_problem(req, res, ProblemKind::TooManyRequests, problem_detail(ProblemKind::TooManyRequests, lang, seconds));
    return;
  }
  interactions_logger()->info(line.dump());
  ++ctx.events_accepted;
  res.set_header("Cache-Control", "no-store");
  res.status = 204;
}

}  // namespace api
}  // namespace mtm::server
