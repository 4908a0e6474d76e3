// The server side of the read-only SQL workbench: the sandboxed DuckDB instance of the dataset in service
// (opened on first use, opened again after a reload), the rate limit per client, and the slots that cap the
// queries running at once per client and over all clients. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "core/config.hpp"
#include "data/sql_sandbox.hpp"
#include "server/rate_limiter.hpp"

namespace mtm::server {

class Dataset;

class SqlWorkbench {
 public:
  explicit SqlWorkbench(const SqlConfig& config);

  /// One running query's place; frees it when destroyed.
  class Slot {
   public:
    Slot(SqlWorkbench& owner, std::string client) : owner_(&owner), client_(std::move(client)) {}
    ~Slot();
    Slot(Slot&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)), client_(std::move(other.client_)) {}
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    SqlWorkbench* owner_;
    std::string client_;
  };

  /// A slot for client, or nullopt when it already runs max_concurrent_per_client queries or everybody
  /// together runs max_concurrent.
  std::optional<Slot> enter(const std::string& client);
  /// The sandbox over dataset's file, opened once per dataset generation; throws DatabaseError.
  std::shared_ptr<const db::SqlSandbox> sandbox(const Dataset& dataset);
  [[nodiscard]] const SqlConfig& config() const noexcept { return config_; }
  /// Queries running now (for tests and metrics).
  [[nodiscard]] std::size_t running() const;

  RateLimiter limiter;

 private:
  void leave(const std::string& client);

  SqlConfig config_;
  mutable std::mutex slots_mutex_;
  std::map<std::string, std::size_t> running_per_client_;
  std::size_t running_ = 0;
  std::mutex sandbox_mutex_;
  std::shared_ptr<const db::SqlSandbox> sandbox_;
  std::uint64_t sandbox_generation_ = 0;
};

/// The limits of config as the sandbox takes them.
db::SqlSandboxLimits sandbox_limits(const SqlConfig& config);

}  // namespace mtm::server
