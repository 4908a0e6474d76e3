// What a client asks of the SQL workbench, read from an untrusted request: the query (GET ?q=, or a POST body
// that is JSON {"sql": "...", "format": "csv"} or the SQL itself as text/plain) and the answer's format.
// Pure functions; thread-safe; no HTTP library type, so the fuzz target links this file alone.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace mtm::server {

struct SqlRequest {
  std::string sql;
  /// "json" (default), "csv" or "parquet".
  std::string format = "json";
};

/// A request the workbench cannot read: a catalog message (problem.sql.*); what() is its English text.
class SqlRequestError : public ValidationError {
 public:
  /// message: a catalog id (problem.sql.*) with its parameters; what() is the English text.
  SqlRequestError(std::string parameter, std::string message, nlohmann::json params = nlohmann::json::object());
  /// The message in a catalog language.
  [[nodiscard]] std::string text(std::string_view lang) const;

 private:
  std::string message_;
  nlohmann::json params_;
};

struct SqlRequestInput {
  std::string_view method;
  std::string_view content_type;
  std::string_view body;
  /// The q and format query parameters when given.
  std::optional<std::string> q;
  std::optional<std::string> format;
  std::size_t max_query_bytes = 0;
};

/// The query and format of a request; throws SqlRequestError naming the parameter ("q", "sql", "format",
/// "body") for a missing, empty, too long or non-UTF-8 query, a body that is not the expected JSON object, or
/// an unknown format.
SqlRequest parse_sql_request(const SqlRequestInput& input);

/// True when text is well-formed UTF-8 (no overlong forms, no surrogates).
bool valid_utf8(std::string_view text);

}  // namespace mtm::server
