// Byte-exact writers for the Kaggle Food.com CSV format: RFC-4180 quoting only where pandas' to_csv
// quotes (a comma, quote, CR or LF in the field), CRLF record ends, Python repr() list literals
// ("['a', \"b's\"]") and nutrition as 7 one-decimal floats. Free functions on a caller-owned buffer
// (thread-safe as long as each thread has its own buffer); CsvFile owns one output file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace mtm::data::gen {

inline constexpr std::string_view kCrlf = "\r\n";
inline constexpr std::string_view kRecipesHeader =
    "name,id,minutes,contributor_id,submitted,tags,nutrition,n_steps,steps,description,ingredients,n_ingredients";
inline constexpr std::string_view kInteractionsHeader = "user_id,recipe_id,date,rating,review";

/// Append one CSV field, quoted (with "" escapes) only when it holds a comma, a quote, CR or LF.
void append_csv_field(std::string& out, std::string_view value);
/// Append the Python repr() of a str: single-quoted, or double-quoted when it holds ' but no ".
void append_py_repr(std::string& out, std::string_view item);
/// Append the Python list literal of items, e.g. ['a', 'b'] (not CSV-escaped).
template <typename Range, typename Get>
void append_py_list(std::string& out, const Range& items, Get get) {
  out += '[';
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ", ";
    first = false;
    append_py_repr(out, get(item));
  }
  out += ']';
}
/// Append an integer in decimal.
void append_int(std::string& out, std::int64_t value);
/// Append a date given as days since 1970-01-01 as YYYY-MM-DD.
void append_date(std::string& out, std::int32_t days);
/// Append a value given in tenths as Python prints the float (e.g. 515 → "51.5", 0 → "0.0").
void append_tenths(std::string& out, std::int64_t tenths);

/// One output file written in large blocks; throws DataLoadError naming the path on any I/O failure.
class CsvFile {
 public:
  explicit CsvFile(const std::filesystem::path& path);
  ~CsvFile();
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  /// Write bytes as given.
  void write(std::string_view bytes);
  /// Flush and close; errors surface here rather than in the destructor.
  void close();
  [[nodiscard]] std::int64_t bytes_written() const noexcept { return bytes_; }

 private:
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::int64_t bytes_ = 0;
};

}  // namespace mtm::data::gen
