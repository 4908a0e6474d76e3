#include "server/connection_pool.hpp"

namespace mtm::server {

ConnectionPool::Lease::~Lease() {
  if (!connection_) return;
  std::lock_guard lock(pool_->mutex_);
  pool_->idle_.push_back(std::move(connection_));
}

ConnectionPool::Lease ConnectionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return {*this, std::move(connection)};
    }
    ++opened_;
  }
  return {*this, std::make_unique<db::Connection>(database_)};
}

std::size_t ConnectionPool::opened() const {
  std::lock_guard lock(mutex_);
  return opened_;
}

}  // namespace mtm::server
