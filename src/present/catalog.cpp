#include "present/catalog.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace mtm::present {
namespace {

// Generated from i18n/*.json at configure time: {language, piece of its catalog's JSON text} pairs.
constexpr std::pair<const char*, const char*> kEmbeddedCatalogs[] = {
#include "i18n_catalogs.inc"
};

std::atomic<std::size_t> missing_messages{0};
std::atomic<std::uint64_t> next_serial{1};

icu::Locale locale_of(std::string_view lang) {
  std::string name(lang);
  std::replace(name.begin(), name.end(), '-', '_');
  return {name.c_str()};
}

std::unique_ptr<icu::MessageFormat> compile(std::string_view lang, const std::string& pattern, std::string* error) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  auto format =
      std::make_unique<icu::MessageFormat>(icu::UnicodeString::fromUTF8(pattern), locale_of(lang), where, status);
  if (U_FAILURE(status)) {
    if (error != nullptr) *error = fmt::format("{} at offset {}", u_errorName(status), where.offset);
    return nullptr;
  }
  return format;
}

icu::Formattable formattable(const nlohmann::json& value) {
  if (value.is_number_integer()) return {static_cast<int64_t>(value.get<std::int64_t>())};
  if (value.is_number()) return {value.get<double>()};
  if (value.is_string()) return {icu::UnicodeString::fromUTF8(value.get<std::string>())};
  if (value.is_boolean()) return {icu::UnicodeString(value.get<bool>() ? "true" : "false")};
  return {icu::UnicodeString(u"\u2014")};
}

std::map<std::string, std::string> parse_catalog(const std::string& text, const std::string& origin) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) throw std::runtime_error(fmt::format("message catalog {} is not a JSON object", origin));
  std::map<std::string, std::string> out;
  for (const auto& [id, pattern] : json.items()) {
    if (!pattern.is_string())
      throw std::runtime_error(fmt::format("message catalog {}: '{}' is not a string", origin, id));
    out.emplace(id, pattern.get<std::string>());
  }
  return out;
}

Catalog load_catalogs() {
  if (const char* dir = std::getenv("MTM_I18N_DIR"); dir != nullptr && *dir != '\0') {
    spdlog::info("message catalogs from MTM_I18N_DIR ({})", dir);
    return Catalog::from_directory(dir);
  }
  // Each catalog comes in pieces (see CMakeLists.txt), joined in order.
  std::map<std::string, std::string> texts;
  for (const auto& [lang, piece] : kEmbeddedCatalogs) texts[lang] += piece;
  std::map<std::string, std::map<std::string, std::string>> patterns;
  for (const auto& [lang, text] : texts) patterns.emplace(lang, parse_catalog(text, fmt::format("i18n/{}.json", lang)));
  return Catalog(patterns);
}

}  // namespace

const Catalog& Catalog::instance() {
  static const Catalog catalog = load_catalogs();
  return catalog;
}

Catalog::Catalog(const std::map<std::string, std::map<std::string, std::string>>& patterns) : serial_(next_serial++) {
  for (const auto& [lang, messages] : patterns) {
    auto& target = patterns_[lang];
    for (const auto& [id, pattern] : messages) {
      std::string error;
      if (!compile(lang, pattern, &error))
        throw std::invalid_argument(fmt::format("message '{}' of catalog '{}' does not parse: {}", id, lang, error));
      target.emplace(id, pattern);
    }
  }
}

Catalog Catalog::from_directory(const std::string& directory) {
  std::map<std::string, std::map<std::string, std::string>> patterns;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) throw std::runtime_error("cannot read message catalog " + entry.path().string());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    patterns.emplace(entry.path().stem().string(), parse_catalog(text, entry.path().string()));
  }
  return Catalog(patterns);
}

std::vector<std::string> Catalog::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, messages] : patterns_) out.push_back(lang);
  return out;
}

bool Catalog::has_language(std::string_view lang) const {
  return patterns_.find(lang) != patterns_.end();
}

bool Catalog::has(std::string_view lang, std::string_view id) const {
  const auto catalog = patterns_.find(lang);
  return catalog != patterns_.end() && catalog->second.find(id) != catalog->second.end();
}

nlohmann::json Catalog::browser_messages(std::string_view lang) const {
  const auto catalog = patterns_.find(lang);
  if (catalog == patterns_.end()) return nullptr;
  const auto rendered_by_server = [](std::string_view id) {
    const std::string_view space = id.substr(0, id.find('.'));
    return std::ranges::find(kServerRenderedNamespaces, space) != std::end(kServerRenderedNamespaces);
  };
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [id, pattern] : catalog->second)
    if (!rendered_by_server(id)) out[id] = pattern;
  if (const auto english = patterns_.find("en"); english != patterns_.end())
    for (const auto& [id, pattern] : english->second)
      if (!rendered_by_server(id) && !out.contains(id)) out[id] = pattern;
  return out;
}

std::vector<std::string> Catalog::ids(std::string_view lang) const {
  std::vector<std::string> out;
  if (const auto catalog = patterns_.find(lang); catalog != patterns_.end())
    for (const auto& [id, pattern] : catalog->second) out.push_back(id);
  return out;
}

const std::string* Catalog::find_pattern(std::string_view lang, std::string_view id) const {
  for (const std::string_view source : {lang, std::string_view("en")}) {
    const auto catalog = patterns_.find(source);
    if (catalog == patterns_.end()) continue;
    if (const auto found = catalog->second.find(id); found != catalog->second.end()) return &found->second;
  }
  return nullptr;
}

std::string Catalog::format(std::string_view lang, std::string_view id, const nlohmann::json& params) const {
  const std::string* text = find_pattern(lang, id);
  if (text == nullptr) {
    ++missing_messages;
    spdlog::warn("message '{}' is in no catalog", id);
    return std::string(id);
  }
  // Compiled formats are kept per thread: ICU formatters are cheap to use, costly to build, and not
  // shared between threads.
  thread_local std::unordered_map<std::string, std::unique_ptr<icu::MessageFormat>> compiled;
  const std::string key = fmt::format("{}\n{}\n{}", serial_, lang, id);
  auto& format = compiled[key];
  if (!format) format = compile(lang, *text, nullptr);
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  if (params.is_object()) {
    for (const auto& [name, value] : params.items()) {
      names.push_back(icu::UnicodeString::fromUTF8(name));
      values.push_back(formattable(value));
    }
  }
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  format->format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
  if (U_FAILURE(status)) {
    spdlog::warn("message '{}' ({}) cannot format its parameters: {}", id, lang, u_errorName(status));
    return *text;
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::size_t Catalog::missing_count() {
  return missing_messages.load();
}

}  // namespace mtm::present
