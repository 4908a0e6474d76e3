// The SQL workbench's request comes from any client: parse_sql_request must return a query that is
// non-empty, well-formed UTF-8 and within the length limit, with format json, csv or parquet, or throw SqlRequestError;
// never crash. The first byte picks the method and content type, the rest is the body (and the q parameter).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/sql_request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view kTypes[] = {
      "application/json", "text/plain; charset=utf-8", "application/sql", "APPLICATION/JSON ; x=y", "image/png", ""};
  const std::uint8_t selector = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  mtm::server::SqlRequestInput input;
  input.method = (selector & 1U) != 0 ? "POST" : "GET";
  input.content_type = kTypes[(selector >> 1U) % std::size(kTypes)];
  input.body = rest;
  if ((selector & 0x10U) != 0) input.q = std::string(rest);
  if ((selector & 0x20U) != 0) input.format = (selector & 0x40U) != 0 ? "csv" : std::string(rest.substr(0, 4));
  input.max_query_bytes = 256;
  try {
    const auto request = mtm::server::parse_sql_request(input);
    if (request.sql.empty() || request.sql.size() > input.max_query_bytes) std::abort();
    if (!mtm::server::valid_utf8(request.sql)) std::abort();
    if (request.format != "json" && request.format != "csv" && request.format != "parquet") std::abort();
  } catch (const mtm::server::SqlRequestError&) {
  }
  return 0;
}
