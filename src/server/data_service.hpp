// The dataset in service: the one every request answers from, its reload (refresh, open, preload, swap, clear the
// cache) and the reload counters. Thread-safe: one reload at a time, requests hold their dataset for their whole
// life.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "server/dataset.hpp"
#include "server/lru_cache.hpp"
#include "server/server_options.hpp"

namespace mtm::server {

class DataService {
 public:
  /// Opens options.db_path read-only and preloads the analyses' data when options.preload_analyses; cache is
  /// cleared by each reload. Throws DatabaseError when the database cannot be opened.
  DataService(const ServerOptions& options, LruCache& cache);

  /// The dataset to answer from; hold the pointer for the whole request.
  [[nodiscard]] std::shared_ptr<const Dataset> dataset() const { return datasets_.current(); }
  /// Refresh, open the new database, preload it, swap it in and clear the result cache. One reload at a time; on
  /// any error (thrown) the current dataset stays in service.
  std::shared_ptr<const Dataset> reload();
  /// The bearer token of POST /api/v1/admin/reload (empty: reload over HTTP refused).
  [[nodiscard]] const std::string& admin_token() const noexcept { return options_.admin_token; }
  /// True while the data in service came from the S3 cache because S3 could not be reached.
  [[nodiscard]] bool source_offline() const noexcept { return options_.source_offline->load(); }
  /// Loads every analysis' in-memory data of dataset when options.preload_analyses; a failure is logged.
  void preload(const Dataset& dataset) const;

  std::atomic<std::size_t> reloads_succeeded{0};
  std::atomic<std::size_t> reloads_failed{0};

 private:
  ServerOptions options_;
  LruCache& cache_;
  std::mutex reload_mutex_;
  std::uint64_t generation_ = 1;
  DatasetSlot datasets_;
};

}  // namespace mtm::server
