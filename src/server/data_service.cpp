#include "server/data_service.hpp"

#include <spdlog/spdlog.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "analysis/preload.hpp"

namespace mtm::server {

DataService::DataService(const ServerOptions& options, LruCache& cache)
    : options_(options), cache_(cache), datasets_(std::make_shared<const Dataset>(options.db_path, 1)) {}

void DataService::preload(const Dataset& dataset) const {
  if (!options_.preload_analyses) return;
  // The first request of each analysis is then as fast as the others.
  try {
    auto connection = dataset.connect();
    spdlog::info("analysis data preloaded in {:.0f} ms", analysis::preload(*connection));
    // Everything the analyses and the explorer need now lives in their own structures; DuckDB's cache of the
    // blocks read for them would stay resident for the server's life (~190 MB at full scale). Before listening (or, on
    // a reload, on the new database nobody queries yet): the lowered limit cannot fail a request.
    if (!connection->evict_cached_blocks()) spdlog::warn("DuckDB kept its cached blocks after the preload");
    // Requests then read little from DuckDB (one recipe's reviews, one user's ratings), but its cache would keep
    // every block they touch, up to 80 % of RAM: the server's resident size would grow with use.
    if (options_.db_memory_bytes > 0) connection->limit_memory(options_.db_memory_bytes);
#ifdef __GLIBC__
    malloc_trim(0);
#endif
  } catch (const std::exception& e) {
    // A database the analyses cannot read still serves the rest (summary, readiness, explorer); each
    // analysis request then reports its own error.
    spdlog::warn("analysis data not preloaded: {}", e.what());
  }
}

std::shared_ptr<const Dataset> DataService::reload() {
  std::lock_guard lock(reload_mutex_);
  std::shared_ptr<const Dataset> next;
  try {
    const std::string path = options_.refresh ? options_.refresh() : options_.db_path;
    next = std::make_shared<const Dataset>(path, generation_ + 1);
  } catch (...) {
    ++reloads_failed;
    throw;
  }
  // Loaded before the swap: the new dataset's first requests do not wait either.
  preload(*next);
  ++generation_;
  ++reloads_succeeded;
  const auto previous = datasets_.replace(next);
  // Entries of the old generation can no longer be hit (keys carry the generation); free their memory now.
  cache_.clear();
  spdlog::info("dataset reloaded: {} generation {} identity {} (was {})", next->path(), next->generation(),
               next->identity(), previous->identity());
  return next;
}

}  // namespace mtm::server
