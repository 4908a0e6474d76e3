#include "core/environment.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

namespace mtm {

std::optional<Environment> parse_environment(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  // Surrounding blanks come from hand-edited env files; they do not change the meaning.
  lower.erase(0, lower.find_first_not_of(" \t\r\n"));
  lower.erase(lower.find_last_not_of(" \t\r\n") + 1);
  if (lower == "prod") return Environment::Prod;
  if (lower == "preprod") return Environment::Preprod;
  if (lower == "local") return Environment::Local;
  return std::nullopt;
}

Environment detect_environment() {
  const char* value = std::getenv("APP_ENV");
  if (value == nullptr) return Environment::Local;
  return parse_environment(value).value_or(Environment::Local);
}

std::string_view environment_name(Environment environment) {
  switch (environment) {
    case Environment::Prod: return "PROD";
    case Environment::Preprod: return "PREPROD";
    case Environment::Local: return "LOCAL";
  }
  return "LOCAL";
}

}  // namespace mtm
