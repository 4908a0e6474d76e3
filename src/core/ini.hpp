// A small INI reader shared by the configuration file and the S3 credentials file: `[section]` headers,
// `key = value` lines, `#` and `;` comment lines. It keeps each entry's line so callers can name
// file:line in their messages. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mtm {

struct IniEntry {
  std::string section;
  /// Lower-cased, trimmed.
  std::string key;
  /// Trimmed.
  std::string value;
  std::int64_t line = 0;
};

struct IniDocument {
  /// Every section header in file order, including empty sections.
  std::vector<std::string> sections;
  std::vector<IniEntry> entries;
};

/// Parse INI text; throws DataLoadError(source, line, column) on a malformed line or a key outside any section.
IniDocument parse_ini_document(std::string_view text, const std::string& source);

}  // namespace mtm
