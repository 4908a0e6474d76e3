#include "server/sql_request.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "present/catalog.hpp"

namespace mtm::server {

namespace {

std::string lowered_media_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string type(content_type.substr(0, semicolon));
  type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c) != 0; }),
             type.end());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type;
}

std::string checked_format(const std::string& format) {
  if (format != "json" && format != "csv" && format != "parquet") {
    throw SqlRequestError("format", "problem.sql.bad_format", {{"format", format}});
  }
  return format;
}

// The JSON body {"sql": "...", "format": "..."}: an object with a string sql and nothing unknown.
SqlRequest from_json_body(std::string_view body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw SqlRequestError("body", "problem.sql.body_not_object");
  }
  SqlRequest request;
  for (const auto& [key, value] : parsed.items()) {
    if (key != "sql" && key != "format") {
      throw SqlRequestError("body", "problem.sql.unknown_field", {{"field", key}});
    }
    if (!value.is_string()) {
      throw SqlRequestError(key, "problem.sql.field_not_string", {{"field", key}});
    }
  }
  if (!parsed.contains("sql")) {
    throw SqlRequestError("sql", "problem.sql.no_sql_field");
  }
  request.sql = parsed["sql"].get<std::string>();
  if (parsed.contains("format")) request.format = parsed["format"].get<std::string>();
  return request;
}

}  // namespace

SqlRequestError::SqlRequestError(std::string parameter, std::string message, nlohmann::json params)
    : ValidationError(std::move(parameter), present::Catalog::instance().format("en", message, params)),
      message_(std::move(message)),
      params_(std::move(params)) {}

std::string SqlRequestError::text(std::string_view lang) const {
  return present::Catalog::instance().format(lang, message_, params_);
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if ((lead & 0xE0U) == 0xC0U) {
      length = 2;
      cp = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
      length = 3;
      cp = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
      length = 4;
      cp = lead & 0x07U;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0U) != 0x80U) return false;
      cp = (cp << 6U) | (next & 0x3FU);
    }
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

SqlRequest parse_sql_request(const SqlRequestInput& input) {
  SqlRequest request;
  std::string parameter = "q";
  if (input.method == "POST") {
    parameter = "sql";
    const std::string type = lowered_media_type(input.content_type);
    if (type == "application/json") {
      request = from_json_body(input.body);
    } else if (type == "text/plain" || type == "application/sql") {
      request.sql = std::string(input.body);
    } else {
      throw SqlRequestError("body", "problem.sql.bad_content_type");
    }
    if (input.q) {
      throw SqlRequestError("q", "problem.sql.q_with_post");
    }
  } else {
    if (!input.q) throw SqlRequestError("q", "problem.sql.missing_q");
    request.sql = *input.q;
  }
  if (input.format) request.format = *input.format;
  request.format = checked_format(request.format);
  if (!valid_utf8(request.sql)) {
    throw SqlRequestError(parameter, "problem.sql.not_utf8");
  }
  if (std::all_of(request.sql.begin(), request.sql.end(), [](unsigned char c) { return std::isspace(c) != 0; })) {
    throw SqlRequestError(parameter, "problem.sql.empty");
  }
  if (request.sql.size() > input.max_query_bytes) {
    throw SqlRequestError(
        parameter, "problem.sql.too_long",
        {{"bytes", std::to_string(request.sql.size())}, {"limit", std::to_string(input.max_query_bytes)}});
  }
  return request;
}

}  // namespace mtm::server
