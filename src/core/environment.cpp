#include "core/environment.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
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

std::optional<Environment> environment_from_path(std::string_view path) {
  // "10_preprod" is tested first: it does not contain "20_prod", but a PROD path may sit under a PREPROD one
  // only by mistake, and PREPROD is the safer guess (debug logs, no production retention).
  if (path.find("10_preprod") != std::string_view::npos) return Environment::Preprod;
  if (path.find("20_prod") != std::string_view::npos) return Environment::Prod;
  return std::nullopt;
}

Environment detect_environment() {
  if (const char* value = std::getenv("APP_ENV")) {
    if (auto parsed = parse_environment(value)) return *parsed;
  }
  std::error_code error;
  const std::string cwd = std::filesystem::current_path(error).string();
  if (!error) {
    if (auto from_path = environment_from_path(cwd)) return *from_path;
  }
  return Environment::Local;
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
