// The one way routes read query parameters. Each route declares the names it accepts, and a table of ParamSpec
// says what each name takes (type, range or allowed values, description); ParamReader checks the names once
// (unknown, repeated, lang), then reads each value by its spec, and every refusal is a ParameterError naming the
// parameter and, in the request's language, what it expects. The analysis filters are the same specs
// (analysis::filter_specs(), read by analysis::parse_filters, which the CLI shares). Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/handler_types.hpp"
#include "server/problem.hpp"

namespace mtm::server {

/// Longest free text, and the most items (each of at most kMaxItemLength characters) of a list parameter.
inline constexpr std::size_t kMaxText = 200;
inline constexpr std::size_t kMaxListItems = 20;
inline constexpr std::size_t kMaxItemLength = 100;

/// What one query parameter accepts: its OpenAPI schema and, for the 400 message, the same in words.
struct ParamSpec {
  std::string name;
  /// integer, number, boolean, enum, text, list (free items), enum_list, integer_list.
  std::string type;
  double minimum = 0;
  double maximum = 0;
  std::vector<std::string> allowed;
  std::string description;
};

/// What a value of spec must be, in words ("an integer between 1 and 100" / "un entier entre 1 et 100").
std::string expected(const ParamSpec& spec, std::string_view lang);
/// The spec of an analysis filter (analysis/filters.cpp), nullopt for a name that is none.
std::optional<ParamSpec> filter_param_spec(const std::string& name);
/// The OpenAPI 3 parameter object of spec under name (in the query, optional).
nlohmann::json openapi_parameter(const ParamSpec& spec, const std::string& name);

/// Query parameters checked against the names a route accepts ("lang" is always accepted and must be en or
/// fr); throws ParameterError for an unknown, repeated or bad lang parameter.
std::vector<std::pair<std::string, std::string>> checked_params(const Request& req,
                                                                const std::vector<std::string>& accepted);

/// The query parameters of one request, checked against the route's names, each read with its spec in table.
class ParamReader {
 public:
  ParamReader(const Request& req, const std::vector<std::string>& accepted, const std::vector<ParamSpec>& table);

  /// Refuse the value got of parameter name (read with the spec spec_name, default name's own).
  [[noreturn]] void fail(const std::string& name, const std::string& got, const std::string& spec_name = {}) const;
  /// The value as sent, nullptr when absent.
  [[nodiscard]] const std::string* raw(const std::string& name) const;
  [[nodiscard]] std::optional<std::int64_t> integer(const std::string& name) const;
  [[nodiscard]] std::optional<double> number(const std::string& name) const;
  /// Free text of parameter name, read with the spec spec_name; "" when absent.
  [[nodiscard]] std::string text(const std::string& name, const std::string& spec_name) const;
  [[nodiscard]] bool boolean(const std::string& name, bool fallback) const;
  /// One of the spec's allowed values; the first when absent.
  [[nodiscard]] std::string choice(const std::string& name) const;
  /// Comma-separated items, normalised like ingest does (spaces collapsed, trimmed, lowercase), empty ones left
  /// out.
  [[nodiscard]] std::optional<std::vector<std::string>> list(const std::string& name) const;
  [[nodiscard]] const std::string& lang() const noexcept { return lang_; }

 private:
  [[nodiscard]] const ParamSpec& spec_of(const std::string& name) const;

  const std::vector<ParamSpec>& table_;
  std::string lang_;
  std::map<std::string, std::string> values_;
};

}  // namespace mtm::server
