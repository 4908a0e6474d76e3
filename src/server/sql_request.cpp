#include "server/sql_request.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

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
    throw SqlRequestError("format", fmt::format("parameter 'format' must be json, csv or parquet, got '{}'", format),
                          fmt::format("le paramètre « format » vaut json, csv ou parquet, pas « {} »", format));
  }
  return format;
}

// The JSON body {"sql": "...", "format": "..."}: an object with a string sql and nothing unknown.
SqlRequest from_json_body(std::string_view body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw SqlRequestError("body", R"(the body must be a JSON object such as {"sql": "SELECT 1"})",
                          R"(le corps doit être un objet JSON comme {"sql": "SELECT 1"})");
  }
  SqlRequest request;
  for (const auto& [key, value] : parsed.items()) {
    if (key != "sql" && key != "format") {
      throw SqlRequestError("body", fmt::format("unknown field '{}' in the body (accepted: sql, format)", key),
                            fmt::format("champ « {} » inconnu dans le corps (acceptés : sql, format)", key));
    }
    if (!value.is_string()) {
      throw SqlRequestError(key, fmt::format("field '{}' must be a string", key),
                            fmt::format("le champ « {} » doit être une chaîne", key));
    }
  }
  if (!parsed.contains("sql")) {
    throw SqlRequestError("sql", "the body has no 'sql' field", "le corps n'a pas de champ « sql »");
  }
  request.sql = parsed["sql"].get<std::string>();
  if (parsed.contains("format")) request.format = parsed["format"].get<std::string>();
  return request;
}

}  // namespace

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
      throw SqlRequestError("body", "send the query as application/json {\"sql\": …} or as text/plain",
                            "envoyez la requête en application/json {\"sql\": …} ou en text/plain");
    }
    if (input.q) {
      throw SqlRequestError("q", "a POST carries its query in the body, not in q",
                            "un POST porte sa requête dans le corps, pas dans q");
    }
  } else {
    if (!input.q)
      throw SqlRequestError("q", "parameter 'q' (the SQL query) is missing",
                            "le paramètre « q » (la requête SQL) manque");
    request.sql = *input.q;
  }
  if (input.format) request.format = *input.format;
  request.format = checked_format(request.format);
  if (!valid_utf8(request.sql)) {
    throw SqlRequestError(parameter, "the query is not valid UTF-8", "la requête n'est pas en UTF-8 valide");
  }
  if (std::all_of(request.sql.begin(), request.sql.end(), [](unsigned char c) { return std::isspace(c) != 0; })) {
    throw SqlRequestError(parameter, "the query is empty", "la requête est vide");
  }
  if (request.sql.size() > input.max_query_bytes) {
    throw SqlRequestError(
        parameter,
        fmt::format("the query is {} bytes long, over the limit of {}", request.sql.size(), input.max_query_bytes),
        fmt::format("la requête fait {} octets, au-delà de la limite de {}", request.sql.size(),
                    input.max_query_bytes));
  }
  return request;
}

}  // namespace mtm::server
