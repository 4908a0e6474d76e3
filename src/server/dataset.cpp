#include "server/dataset.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "server/explorer_routes.hpp"

namespace mtm::server {

namespace {

nlohmann::json read_dataset_info(const db::Database& database) {
  db::Connection connection(database);
  auto rows = connection
                  .query(
                      "SELECT source, is_synthetic, recipes_rows, interactions_rows, CAST(ingested_at AS VARCHAR), "
                      "tool_version FROM dataset_info")
                  .rows();
  if (rows.size() != 1) {
    throw DatabaseError(
        fmt::format("{}: dataset_info must hold exactly one row, found {}", database.path(), rows.size()));
  }
  const auto& row = rows[0];
  const auto integer = [](const db::Value& v) { return std::get_if<std::int64_t>(&v) ? std::get<std::int64_t>(v) : 0; };
  return {{"source", db::to_text(row[0])},
          {"is_synthetic", std::get_if<bool>(&row[1]) != nullptr && std::get<bool>(row[1])},
          {"recipes_rows", integer(row[2])},
          {"interactions_rows", integer(row[3])},
          {"ingested_at", db::to_text(row[4])},
          {"tool_version", db::to_text(row[5])}};
}

}  // namespace

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

Dataset::Dataset(const std::string& path, std::uint64_t generation)
    : database_(path, /*read_only=*/true), pool_(database_), generation_(generation) {
  info_ = read_dataset_info(database_);
  identity_ = fnv1a_hex(info_.dump());
  explorer_ = load_explorer_index(database_);
}

std::shared_ptr<const Dataset> DatasetSlot::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::shared_ptr<const Dataset> DatasetSlot::replace(std::shared_ptr<const Dataset> next) {
  std::lock_guard lock(mutex_);
  std::swap(current_, next);
  return next;
}

nlohmann::json Dataset::status_json(const std::string& status) const {
  return {{"status", status},
          {"database", path()},
          {"generation", generation_},
          {"identity", identity_},
          {"dataset", info_}};
}

}  // namespace mtm::server
