// A streaming RFC-4180 CSV reader that knows where every field starts (line and byte column), so each
// problem can be reported as "file:line:column: detail". Accepts CRLF, LF, lone CR and their mix, line
// breaks inside quoted fields, a UTF-8 BOM. Not thread-safe: one reader per thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mtm::data::csv {

/// Where something is in the file: 1-based physical line and 1-based byte column.
struct Position {
  std::int64_t line = 0;
  std::int64_t column = 0;
};

/// One record; its field views stay valid until the next call to CsvReader::next().
class CsvRecord {
 public:
  /// Number of fields.
  [[nodiscard]] std::size_t size() const noexcept { return fields_.size(); }
  /// Field i, quotes removed and "" unescaped.
  [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept {
    return {data_.data() + fields_[i].offset, fields_[i].length};
  }
  /// Where field i starts (its opening quote if quoted).
  [[nodiscard]] Position position(std::size_t i) const noexcept { return fields_[i].start; }
  /// Whether field i was written in quotes (so "" is an empty string, not a missing value).
  [[nodiscard]] bool quoted(std::size_t i) const noexcept { return fields_[i].quoted; }
  /// Where the record starts / ends (the end is the position of its line break or of EOF).
  [[nodiscard]] Position start() const noexcept { return start_; }
  [[nodiscard]] Position end() const noexcept { return end_; }
  /// A non-fatal framing problem (text after a closing quote, invalid UTF-8); empty when the record is sound.
  [[nodiscard]] const std::string& problem() const noexcept { return problem_; }
  /// True when the record ended at end of file without a line break (a hint of truncation).
  [[nodiscard]] bool unterminated() const noexcept { return unterminated_; }
  [[nodiscard]] Position problem_position() const noexcept { return problem_at_; }

 private:
  friend class CsvReader;
  struct Field {
    std::size_t offset = 0;
    std::size_t length = 0;
    Position start;
    bool quoted = false;
  };
  std::string data_;
  std::vector<Field> fields_;
  Position start_;
  Position end_;
  std::string problem_;
  Position problem_at_;
  bool unterminated_ = false;
};

/// Where a reader's bytes come from (a file, an entry of a zip archive); read() returns 0 at the end and
/// throws DataLoadError when the bytes cannot be read.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(char* out, std::size_t size) = 0;
};

/// Reads a CSV file (or an in-memory text) record by record through one fixed-size buffer.
class CsvReader {
 public:
  /// Open path. Throws DataLoadError if it is missing or unreadable, empty, or binary (NUL bytes).
  /// display_name is the source named in messages (defaults to path).
  explicit CsvReader(const std::string& path, const std::string& display_name = {});
  /// Read from a string already in memory (for tests and small inputs).
  static CsvReader from_string(std::string text, std::string display_name);
  /// Read a stream of bytes (a zip entry); same checks as a file.
  static CsvReader from_source(std::unique_ptr<ByteSource> input, std::string display_name);
  ~CsvReader();
  CsvReader(CsvReader&& other) noexcept;
  CsvReader& operator=(CsvReader&&) = delete;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  /// Read the next record into record; false at end of input. Blank lines are skipped.
  /// Throws DataLoadError on an unterminated quote at end of file or on binary content.
  bool next(CsvRecord& record);
  /// The name used in messages.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  /// Bytes consumed so far.
  [[nodiscard]] std::int64_t bytes_read() const noexcept { return offset_; }

 private:
  CsvReader() = default;
  void start(std::unique_ptr<ByteSource> input);
  bool fill();
  [[noreturn]] void fail(Position at, const std::string& detail) const;

  std::unique_ptr<ByteSource> input_;
  std::string source_;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool from_memory_ = false;
  std::int64_t offset_ = 0;      // absolute offset of buffer_[pos_]
  std::int64_t line_ = 1;        // current physical line
  std::int64_t line_start_ = 0;  // absolute offset where the current line starts
  bool skip_lf_ = false;         // a CR ended the last record; swallow a following LF
};

/// True when text is well-formed UTF-8; otherwise *bad_offset (if given) is the first bad byte.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr) noexcept;

}  // namespace mtm::data::csv
