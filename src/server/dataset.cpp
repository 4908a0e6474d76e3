#include "server/dataset.hpp"

#include <fmt/format.h>

#include <filesystem>

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

nlohmann::json Dataset::status_json(const std::string& status, bool public_view) const {
  nlohmann::json out = {{"status", status},
                        {"database", path()},
                        {"generation", generation_},
                        {"identity", identity_},
                        {"dataset", info_}};
  if (public_view) {
    out["database"] = std::filesystem::path(path()).filename().string();
    out["dataset"] = file_names_only_json(info_);
  }
  return out;
}

std::string file_names_only(std::string_view text) {
  const auto starts_path = [&](std::size_t i) {
    if (text[i] != '/') return false;
    if (i == 0) return true;
    const char before = text[i - 1];
    return before == ' ' || before == ',' || before == '(' || before == '=' || before == '\'' || before == '"' ||
           before == '\t';
  };
  const auto ends_path = [](char c) {
    return c == ' ' || c == ',' || c == ')' || c == ';' || c == '\'' || c == '"' || c == '\t' || c == '\n';
  };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!starts_path(i)) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !ends_path(text[end])) ++end;
    std::string_view path = text.substr(i, end - i);
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    const auto slash = path.rfind('/');
    out += path.substr(slash + 1);
    i = end;
  }
  return out;
}

nlohmann::json file_names_only_json(const nlohmann::json& value) {
  if (value.is_string()) return file_names_only(value.get_ref<const std::string&>());
  if (value.is_array() || value.is_object()) {
    nlohmann::json out = value;
    for (auto& item : out) item = file_names_only_json(item);
    return out;
  }
  return value;
}

}  // namespace mtm::server
