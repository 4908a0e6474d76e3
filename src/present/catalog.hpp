// The message catalogs: one flat JSON file per language in i18n/ (id -> ICU MessageFormat pattern), the
// same files the browser formats with intl-messageformat. They are compiled into the binary; setting
// MTM_I18N_DIR to a directory of <lang>.json files replaces them at start (how a translator tries a new
// language without rebuilding). A message missing in a language falls back to English; one missing in
// English too renders as its id and is counted, so tests can demand zero.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace mtm::present {

/// The namespaces whose messages only the server renders (the analysis pages' findings, narratives, chart
/// titles and labels, sent as text): the browser's catalog leaves them out. tests/web/browser_catalog.test.mjs
/// checks that no browser module asks for one of them.
inline constexpr std::string_view kServerRenderedNamespaces[] = {"trends",  "seasonality", "weekend",
                                                                 "ratings", "items",       "problem"};

class Catalog {
 public:
  /// The catalogs in use (embedded, or MTM_I18N_DIR's), loaded once.
  static const Catalog& instance();

  /// Catalogs from {language: {id: pattern}}; throws std::invalid_argument naming the language and id of
  /// a pattern ICU cannot parse.
  explicit Catalog(const std::map<std::string, std::map<std::string, std::string>>& patterns);
  /// Every <lang>.json of a directory; throws std::runtime_error naming the file when one is unreadable.
  static Catalog from_directory(const std::string& directory);

  /// Languages available, sorted ("en", "fr", ...).
  [[nodiscard]] std::vector<std::string> languages() const;
  [[nodiscard]] bool has_language(std::string_view lang) const;
  /// True when the language's own catalog (no fallback) holds the id.
  [[nodiscard]] bool has(std::string_view lang, std::string_view id) const;
  /// The messages the browser formats, in one language ({id: pattern}): every id but those of the namespaces
  /// the server renders into its answers (kServerRenderedNamespaces), in lang, else in English, so a page
  /// needs one catalog and nothing else; null when there is no such language.
  [[nodiscard]] nlohmann::json browser_messages(std::string_view lang) const;
  /// Every id of a language's catalog.
  [[nodiscard]] std::vector<std::string> ids(std::string_view lang) const;
  /// The message in lang with its parameters (numbers stay numbers, for plural and number skeletons;
  /// strings are select keys or text).
  [[nodiscard]] std::string format(std::string_view lang, std::string_view id,
                                   const nlohmann::json& params = nlohmann::json::object()) const;
  /// Messages asked for that no catalog holds, since start (a test wants 0).
  [[nodiscard]] static std::size_t missing_count();

 private:
  [[nodiscard]] const std::string* find_pattern(std::string_view lang, std::string_view id) const;
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> patterns_;
  /// Distinguishes catalogs in the per-thread cache of compiled formats.
  std::uint64_t serial_;
};

}  // namespace mtm::present
