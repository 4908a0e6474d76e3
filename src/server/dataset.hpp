// The dataset a server answers from: one read-only database with its connection pool, identity and explorer
// index, and the slot holding the current one. A Dataset never changes after it is opened; a reload opens a
// new one and swaps the slot, so a request that took the old shared_ptr finishes on the old database, which
// closes when its last request lets go. Dataset and DatasetSlot are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "analysis/explorer/explorer_index.hpp"
#include "data/duckdb.hpp"
#include "server/connection_pool.hpp"
#include "server/result_cache.hpp"

namespace mtm::server {

class Dataset {
 public:
  /// Opens path read-only, reads its dataset_info row and builds the explorer index; throws DatabaseError.
  Dataset(const std::string& path, std::uint64_t generation);
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  /// A connection for one request; keep the Dataset alive (hold its shared_ptr) while the lease lives.
  ConnectionPool::Lease connect() const { return pool_.acquire(); }
  [[nodiscard]] const std::string& path() const noexcept { return database_.path(); }
  /// 1 for the dataset opened at start, then +1 per reload: result-cache keys carry it.
  [[nodiscard]] std::uint64_t generation() const noexcept { return generation_; }
  /// The dataset_info row (source, is_synthetic, row counts, ingested_at, tool_version).
  [[nodiscard]] const nlohmann::json& info() const noexcept { return info_; }
  /// 16 hex digits of FNV-1a over the dataset_info row: equal for the same ingest, different after a new one.
  [[nodiscard]] const std::string& identity() const noexcept { return identity_; }
  /// What /readyz and the admin reload answer: {status, database, generation, identity, dataset}. Public
  /// (readyz): file names only (file_names_only); the admin route passes false and shows the full paths.
  [[nodiscard]] nlohmann::json status_json(const std::string& status, bool public_view = true) const;
  /// Search, similar recipes and pantry matching over this database.
  [[nodiscard]] const analysis::explorer::ExplorerIndex& explorer() const noexcept { return *explorer_; }
  /// Language-free analysis results computed on this dataset (a reload starts an empty one).
  [[nodiscard]] ResultCache& results() const noexcept { return results_; }

 private:
  db::Database database_;
  // Leasing changes the pool's idle list, not what the dataset is.
  mutable ConnectionPool pool_;
  std::uint64_t generation_;
  nlohmann::json info_;
  std::string identity_;
  std::shared_ptr<const analysis::explorer::ExplorerIndex> explorer_;
  // A cache of what this dataset computes, not part of what the dataset is.
  mutable ResultCache results_;
};

class DatasetSlot {
 public:
  explicit DatasetSlot(std::shared_ptr<const Dataset> first) : current_(std::move(first)) {}
  [[nodiscard]] std::shared_ptr<const Dataset> current() const;
  /// Make next the current dataset; returns the previous one.
  std::shared_ptr<const Dataset> replace(std::shared_ptr<const Dataset> next);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Dataset> current_;
};

/// text with every absolute path ("/srv/data/RAW_recipes.csv", after a start, a space, a comma, '(', '=' or a
/// quote) replaced by its file name ("RAW_recipes.csv"); URLs such as s3://bucket/key are left as they are.
std::string file_names_only(std::string_view text);
/// The same applied to every string of a JSON value (object keys stay).
nlohmann::json file_names_only_json(const nlohmann::json& value);

/// 64-bit FNV-1a of text as 16 lower-case hex digits.
std::string fnv1a_hex(std::string_view text);

}  // namespace mtm::server
