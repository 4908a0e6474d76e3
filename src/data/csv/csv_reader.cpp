#include "data/csv/csv_reader.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "core/errors.hpp"

namespace mtm::data::csv {

namespace {

constexpr std::size_t kBufferSize = std::size_t{1} << 20;

enum class State { FieldStart, Unquoted, Quoted, QuoteSeen, AfterClose };

}  // namespace

bool is_valid_utf8(std::string_view text, std::size_t* bad_offset) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    if (i + 8 <= n) {
      std::uint64_t word = 0;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      extra = 1, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000, cp = c & 0x07;
    } else {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    for (std::size_t k = 1; k <= extra; ++k) {
      if (i + k >= n || (s[i + k] & 0xC0) != 0x80) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += extra + 1;
  }
  return true;
}

namespace {

// A file opened by path; closed with the reader.
class FileSource final : public ByteSource {
 public:
  FileSource(std::FILE* file, std::string source) : file_(file), source_(std::move(source)) {}
  ~FileSource() override { std::fclose(file_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  std::size_t read(char* out, std::size_t size) override {
    const std::size_t n = std::fread(out, 1, size, file_);
    if (n == 0 && std::ferror(file_)) {
      throw DataLoadError(source_, fmt::format("read error after {} bytes: {}", offset_, std::strerror(errno)));
    }
    offset_ += n;
    return n;
  }

 private:
  std::FILE* file_;
  std::string source_;
  std::size_t offset_ = 0;
};

}  // namespace

CsvReader::CsvReader(const std::string& path, const std::string& display_name)
    : source_(display_name.empty() ? path : display_name) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw DataLoadError(source_, "cannot open file: it is a directory");
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    throw DataLoadError(source_, fmt::format("cannot open file: {}", std::strerror(errno)));
  }
  start(std::make_unique<FileSource>(file, source_));
}

CsvReader CsvReader::from_source(std::unique_ptr<ByteSource> input, std::string display_name) {
  CsvReader reader;
  reader.source_ = std::move(display_name);
  reader.start(std::move(input));
  return reader;
}

void CsvReader::start(std::unique_ptr<ByteSource> input) {
  input_ = std::move(input);
  buffer_.resize(kBufferSize);
  if (!fill()) {
    input_.reset();
    throw DataLoadError(source_, "file is empty (expected a CSV header line)");
  }
  if (end_ >= 3 && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    // offset_ is the absolute offset of buffer_[pos_]: skipping the BOM moves both, so columns on line 1
    // count from the first byte after it.
    pos_ = 3;
    offset_ = 3;
    line_start_ = 3;
  }
}

CsvReader CsvReader::from_string(std::string text, std::string display_name) {
  CsvReader reader;
  reader.source_ = std::move(display_name);
  reader.from_memory_ = true;
  reader.buffer_ = std::move(text);
  reader.end_ = reader.buffer_.size();
  reader.eof_ = true;
  if (reader.end_ == 0) throw DataLoadError(reader.source_, "file is empty (expected a CSV header line)");
  if (const void* nul = std::memchr(reader.buffer_.data(), '\0', reader.end_)) {
    const auto at = static_cast<const char*>(nul) - reader.buffer_.data();
    throw DataLoadError(reader.source_,
                        fmt::format("binary content (NUL byte at byte offset {}), expected CSV text", at));
  }
  if (reader.end_ >= 3 && reader.buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    reader.pos_ = 3;
    reader.offset_ = 3;
    reader.line_start_ = 3;
  }
  return reader;
}

CsvReader::~CsvReader() = default;

CsvReader::CsvReader(CsvReader&& other) noexcept
    : input_(std::move(other.input_)),
      source_(std::move(other.source_)),
      buffer_(std::move(other.buffer_)),
      pos_(other.pos_),
      end_(other.end_),
      eof_(other.eof_),
      from_memory_(other.from_memory_),
      offset_(other.offset_),
      line_(other.line_),
      line_start_(other.line_start_),
      skip_lf_(other.skip_lf_) {}

void CsvReader::fail(Position at, const std::string& detail) const {
  throw DataLoadError(source_, at.line, at.column, detail);
}

bool CsvReader::fill() {
  if (pos_ < end_) return true;
  if (eof_ || input_ == nullptr) return false;
  const std::size_t n = input_->read(buffer_.data(), buffer_.size());
  if (n == 0) {
    eof_ = true;
    return false;
  }
  if (const void* nul = std::memchr(buffer_.data(), '\0', n)) {
    const auto at = offset_ + (static_cast<const char*>(nul) - buffer_.data());
    throw DataLoadError(source_, fmt::format("binary content (NUL byte at byte offset {}), expected CSV text", at));
  }
  pos_ = 0;
  end_ = n;
  return true;
}

bool CsvReader::next(CsvRecord& record) {
  record.data_.clear();
  record.fields_.clear();
  record.problem_.clear();
  record.unterminated_ = false;
  const auto here = [this]() { return Position{line_, offset_ - line_start_ + 1}; };
  const auto consume = [this]() {
    ++pos_;
    ++offset_;
  };
  const auto newline = [this]() {
    ++line_;
    line_start_ = offset_;
  };

  // Skip blank lines and the LF of a CRLF whose CR ended the previous record.
  for (;;) {
    if (!fill()) return false;
    const char c = buffer_[pos_];
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') {
        consume();
        line_start_ = offset_;
        continue;
      }
    }
    if (c == '\n') {
      consume();
      newline();
      continue;
    }
    if (c == '\r') {
      consume();
      newline();
      skip_lf_ = true;
      continue;
    }
    break;
  }

  record.start_ = here();
  State state = State::FieldStart;
  Position quote_open;
  auto begin_field = [&]() {
    CsvRecord::Field f;
    f.offset = record.data_.size();
    f.start = here();
    record.fields_.push_back(f);
  };
  auto finish_field = [&]() { record.fields_.back().length = record.data_.size() - record.fields_.back().offset; };
  auto finish_record = [&]() {
    finish_field();
    std::size_t bad = 0;
    if (record.problem_.empty() && !is_valid_utf8(record.data_, &bad)) {
      // Map the byte back to its field for the position.
      std::size_t f = 0;
      while (f + 1 < record.fields_.size() && record.fields_[f + 1].offset <= bad) ++f;
      record.problem_ = fmt::format("invalid UTF-8 in field {}", f + 1);
      record.problem_at_ = record.fields_[f].start;
    }
  };
  begin_field();

  for (;;) {
    if (!fill()) {
      if (state == State::Quoted) {
        fail(quote_open, "unterminated quoted field: the quote opened here is never closed before end of file");
      }
      record.end_ = here();
      record.unterminated_ = true;
      finish_record();
      return true;
    }
    switch (state) {
      case State::FieldStart:
        if (buffer_[pos_] == '"') {
          record.fields_.back().quoted = true;
          quote_open = here();
          consume();
          state = State::Quoted;
          break;
        }
        state = State::Unquoted;
        [[fallthrough]];
      case State::Unquoted:
      case State::AfterClose: {
        if (state == State::AfterClose) {
          const char c = buffer_[pos_];
          if (c != ',' && c != '\n' && c != '\r') {
            if (record.problem_.empty()) {
              record.problem_ = "unexpected text after a closing quote";
              record.problem_at_ = here();
            }
            state = State::Unquoted;
          }
        }
        // Copy the run of ordinary bytes in one go.
        const char* begin = buffer_.data() + pos_;
        const char* p = begin;
        const char* stop = buffer_.data() + end_;
        while (p != stop && *p != ',' && *p != '\n' && *p != '\r') ++p;
        const auto run = static_cast<std::size_t>(p - begin);
        record.data_.append(begin, run);
        pos_ += run;
        offset_ += static_cast<std::int64_t>(run);
        if (p == stop) break;
        const char c = *p;
        if (c == ',') {
          finish_field();
          consume();
          begin_field();
          state = State::FieldStart;
          break;
        }
        record.end_ = here();
        finish_record();
        consume();
        newline();
        if (c == '\r') skip_lf_ = true;
        return true;
      }
      case State::Quoted: {
        const char* begin = buffer_.data() + pos_;
        const char* p = begin;
        const char* stop = buffer_.data() + end_;
        while (p != stop && *p != '"') {
          if (*p == '\n') {
            // Keep line numbers exact across line breaks inside quotes.
            const auto at = offset_ + (p - begin) + 1;
            ++line_;
            line_start_ = at;
          }
          ++p;
        }
        const auto run = static_cast<std::size_t>(p - begin);
        record.data_.append(begin, run);
        pos_ += run;
        offset_ += static_cast<std::int64_t>(run);
        if (p == stop) break;
        consume();
        state = State::QuoteSeen;
        break;
      }
      case State::QuoteSeen:
        if (buffer_[pos_] == '"') {
          record.data_.push_back('"');
          consume();
          state = State::Quoted;
        } else {
          state = State::AfterClose;
        }
        break;
    }
  }
}

}  // namespace mtm::data::csv
