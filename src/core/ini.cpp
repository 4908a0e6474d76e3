#include "core/ini.hpp"

#include <algorithm>
#include <cctype>

#include "core/errors.hpp"

namespace mtm {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

IniDocument parse_ini_document(std::string_view text, const std::string& source) {
  IniDocument doc;
  std::string section;
  bool in_section = false;
  std::int64_t line_no = 0;
  std::size_t pos = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++line_no;
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']') throw DataLoadError(source, line_no, 1, "expected ']' closing the section name");
      section = std::string(trim(line.substr(1, line.size() - 2)));
      if (section.empty()) throw DataLoadError(source, line_no, 2, "empty section name");
      doc.sections.push_back(section);
      in_section = true;
      continue;
    }
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) throw DataLoadError(source, line_no, 1, "expected 'key = value'");
    if (!in_section) throw DataLoadError(source, line_no, 1, "'key = value' before any [section]");
    std::string key = lower(trim(line.substr(0, eq)));
    if (key.empty()) throw DataLoadError(source, line_no, 1, "empty key before '='");
    doc.entries.push_back({section, std::move(key), std::string(trim(line.substr(eq + 1))), line_no});
  }
  return doc;
}

}  // namespace mtm
