// A pool of DuckDB connections to one database, so each HTTP worker thread uses its own connection
// (a Connection is not thread-safe). Grows on demand up to the number of concurrent users.
// Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "data/duckdb.hpp"

namespace mtm::server {

class ConnectionPool {
 public:
  /// The database must outlive the pool.
  explicit ConnectionPool(const db::Database& database) : database_(database) {}

  /// A connection borrowed for one request; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<db::Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    ~Lease();
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    db::Connection& operator*() const noexcept { return *connection_; }
    db::Connection* operator->() const noexcept { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<db::Connection> connection_;
  };

  /// Borrow an idle connection, or open a new one.
  Lease acquire();
  /// Connections opened so far.
  [[nodiscard]] std::size_t opened() const;

 private:
  const db::Database& database_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<db::Connection>> idle_;
  std::size_t opened_ = 0;
};

}  // namespace mtm::server
