// `mangetamain query`: run one read-only SQL statement and print the result as a table, CSV or JSON.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/errors.hpp"
#include "data/duckdb.hpp"
#include "data/value_json.hpp"

namespace mtm::cli {

namespace {

struct QueryOptions {
  std::string db_path = "data/mangetamain.duckdb";
  std::string sql;
  std::string format = "table";
};

std::string csv_escape(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void run_query(const QueryOptions& options) {
  if (!std::filesystem::exists(options.db_path)) {
    throw ValidationError("--db", fmt::format("database '{}' does not exist", options.db_path));
  }
  db::Database database(options.db_path, /*read_only=*/true);
  auto connection = database.connect();
  db::Result result = connection.query(options.sql);
  const std::size_t columns = result.column_count();
  std::vector<std::string> names;
  for (std::size_t c = 0; c < columns; ++c) names.push_back(result.column_name(c));
  auto rows = result.rows();

  if (options.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& row : rows) {
      nlohmann::json object = nlohmann::json::object();
      for (std::size_t c = 0; c < columns; ++c) object[names[c]] = db::to_json(row[c]);
      out.push_back(std::move(object));
    }
    fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  if (options.format == "csv") {
    std::vector<std::string> escaped;
    escaped.reserve(names.size());
    for (const auto& n : names) escaped.push_back(csv_escape(n));
    fmt::print("{}\n", fmt::join(escaped, ","));
    for (const auto& row : rows) {
      escaped.clear();
      for (const auto& v : row) escaped.push_back(csv_escape(db::to_text(v)));
      fmt::print("{}\n", fmt::join(escaped, ","));
    }
    return;
  }
  std::vector<std::size_t> widths(columns);
  std::vector<std::vector<std::string>> cells;
  for (std::size_t c = 0; c < columns; ++c) widths[c] = names[c].size();
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (std::size_t c = 0; c < columns; ++c) {
      std::string text = db::to_text(row[c]);
      std::replace(text.begin(), text.end(), '\n', ' ');
      std::replace(text.begin(), text.end(), '\r', ' ');
      widths[c] = std::max(widths[c], text.size());
      line.push_back(std::move(text));
    }
    cells.push_back(std::move(line));
  }
  auto print_line = [&](const std::vector<std::string>& line) {
    std::string out;
    for (std::size_t c = 0; c < columns; ++c) out += fmt::format("{}{:<{}}", c ? " | " : "", line[c], widths[c]);
    fmt::print("{}\n", out);
  };
  print_line(names);
  std::string rule;
  for (std::size_t c = 0; c < columns; ++c) rule += (c ? "-+-" : "") + std::string(widths[c], '-');
  fmt::print("{}\n", rule);
  for (const auto& line : cells) print_line(line);
  fmt::print("({} row{})\n", rows.size(), rows.size() == 1 ? "" : "s");
}

}  // namespace

void setup_query(CLI::App& app) {
  auto options = std::make_shared<QueryOptions>();
  CLI::App* sub = app.add_subcommand("query", "Run one read-only SQL query against the database");
  sub->add_option("--db", options->db_path, "DuckDB database file (opened read-only)")
      ->envname("MANGETAMAIN_DB")
      ->capture_default_str();
  sub->add_option("sql", options->sql, "The SQL statement")->required();
  sub->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  sub->callback([options] { run_query(*options); });
}

}  // namespace mtm::cli
