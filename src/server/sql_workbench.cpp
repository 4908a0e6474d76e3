#include "server/sql_workbench.hpp"

#include "server/dataset.hpp"

namespace mtm::server {

db::SqlSandboxLimits sandbox_limits(const SqlConfig& config) {
  db::SqlSandboxLimits limits;
  limits.memory_bytes = config.memory_bytes;
  limits.threads = config.threads;
  limits.timeout_s = config.timeout_s;
  limits.max_rows = config.max_rows;
  limits.max_result_bytes = config.max_result_bytes;
  return limits;
}

SqlWorkbench::SqlWorkbench(const SqlConfig& config) : limiter(config.rate_per_minute, config.burst), config_(config) {}

SqlWorkbench::Slot::~Slot() {
  if (owner_ != nullptr) owner_->leave(client_);
}

std::optional<SqlWorkbench::Slot> SqlWorkbench::enter(const std::string& client) {
  std::lock_guard lock(slots_mutex_);
  std::size_t& mine = running_per_client_[client];
  if (running_ >= config_.max_concurrent || mine >= config_.max_concurrent_per_client) {
    if (mine == 0) running_per_client_.erase(client);
    return std::nullopt;
  }
  ++mine;
  ++running_;
  return Slot(*this, client);
}

void SqlWorkbench::leave(const std::string& client) {
  std::lock_guard lock(slots_mutex_);
  --running_;
  const auto it = running_per_client_.find(client);
  if (it != running_per_client_.end() && --it->second == 0) running_per_client_.erase(it);
}

std::size_t SqlWorkbench::running() const {
  std::lock_guard lock(slots_mutex_);
  return running_;
}

std::shared_ptr<const db::SqlSandbox> SqlWorkbench::sandbox(const Dataset& dataset) {
  std::lock_guard lock(sandbox_mutex_);
  if (!sandbox_ || sandbox_generation_ != dataset.generation()) {
    // The previous generation's instance closes when its last running query lets go of it.
    sandbox_.reset();
    sandbox_ = std::make_shared<const db::SqlSandbox>(dataset.path(), sandbox_limits(config_));
    sandbox_generation_ = dataset.generation();
  }
  return sandbox_;
}

}  // namespace mtm::server
