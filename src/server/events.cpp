#include "server/events.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "present/catalog.hpp"
#include "server/problem.hpp"

namespace mtm::server {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxParams = 24;
constexpr std::size_t kMaxParamValue = 200;

[[noreturn]] void reject(const std::string& field, const std::string& expected) {
  throw ParameterError(ProblemKind::InvalidValue, field, expected,
                       fmt::format("invalid value for field '{}': expected {}", field, expected));
}

bool is_token(std::string_view text, std::size_t min_size, std::size_t max_size, std::string_view extra) {
  if (text.size() < min_size || text.size() > max_size) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || extra.find(c) != std::string_view::npos;
  });
}

std::string string_field(const json& event, const char* name) {
  const auto found = event.find(name);
  if (found == event.end()) reject(name, "a value (the field is required)");
  if (!found->is_string()) reject(name, "a string");
  return found->get<std::string>();
}

json checked_params(const json& params) {
  if (!params.is_object()) reject("params", "an object of name: string | number | boolean");
  if (params.size() > kMaxParams) reject("params", fmt::format("at most {} entries", kMaxParams));
  for (const auto& [name, value] : params.items()) {
    const std::string field = "params." + name;
    if (!is_token(name, 1, 40, "_")) reject(field, "a name of 1 to 40 characters a-z, 0-9, _");
    if (value.is_string()) {
      if (value.get_ref<const std::string&>().size() > kMaxParamValue)
        reject(field, fmt::format("a string of at most {} bytes", kMaxParamValue));
    } else if (!value.is_number() && !value.is_boolean()) {
      reject(field, "a string, number or boolean");
    }
  }
  return params;
}

}  // namespace

json checked_event(std::string_view body, std::string_view environment, std::chrono::system_clock::time_point now) {
  const json event = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (event.is_discarded() || !event.is_object()) reject("body", "a JSON object");
  static constexpr std::array<std::string_view, 5> kFields = {"type", "page", "lang", "client_id", "params"};
  for (const auto& [name, value] : event.items()) {
    if (std::find(kFields.begin(), kFields.end(), name) == kFields.end()) {
      reject(name, "no such field (accepted: type, page, lang, client_id, params)");
    }
  }
  const std::string type = string_field(event, "type");
  if (std::find(kEventTypes.begin(), kEventTypes.end(), type) == kEventTypes.end()) {
    reject("type", fmt::format("one of {}", fmt::join(kEventTypes, ", ")));
  }
  const std::string page = string_field(event, "page");
  if (!is_token(page, 1, 40, "_-")) reject("page", "a page name of 1 to 40 characters a-z, 0-9, _, -");
  const std::string lang = string_field(event, "lang");
  if (!present::Catalog::instance().has_language(lang)) reject("lang", "a language of the message catalogs");
  // An anonymous random id (a UUID from the browser): letters, digits and dashes only, so nothing
  // personal such as an e-mail address can be smuggled in.
  const std::string client_id = string_field(event, "client_id");
  if (client_id.size() < 8 || client_id.size() > 64 || !std::all_of(client_id.begin(), client_id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      })) {
    reject("client_id", "8 to 64 characters A-Z, a-z, 0-9, -");
  }
  json line = {{"ts", fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)))},
               {"env", environment},
               {"type", type},
               {"page", page},
               {"lang", lang},
               {"client_id", client_id}};
  line["params"] = event.contains("params") ? checked_params(event["params"]) : json::object();
  return line;
}

}  // namespace mtm::server
