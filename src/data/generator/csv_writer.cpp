#include "data/generator/csv_writer.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>

#include "core/errors.hpp"
#include "data/generator/calendar.hpp"

namespace mtm::data::gen {

void append_csv_field(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  std::size_t start = 0;
  for (std::size_t pos = value.find('"'); pos != std::string_view::npos; pos = value.find('"', start)) {
    out.append(value.substr(start, pos + 1 - start));
    out += '"';
    start = pos + 1;
  }
  out.append(value.substr(start));
  out += '"';
}

void append_py_repr(std::string& out, std::string_view item) {
  const bool has_single = item.find('\'') != std::string_view::npos;
  const bool has_double = item.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  out += quote;
  for (char c : item) {
    if (c == '\\' || (c == '\'' && quote == '\'')) out += '\\';
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  out += quote;
}

void append_int(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_date(std::string& out, std::int32_t days) {
  const Civil c = civil_from_days(days);
  char buffer[10];
  buffer[0] = static_cast<char>('0' + c.year / 1000);
  buffer[1] = static_cast<char>('0' + c.year / 100 % 10);
  buffer[2] = static_cast<char>('0' + c.year / 10 % 10);
  buffer[3] = static_cast<char>('0' + c.year % 10);
  buffer[4] = '-';
  buffer[5] = static_cast<char>('0' + c.month / 10);
  buffer[6] = static_cast<char>('0' + c.month % 10);
  buffer[7] = '-';
  buffer[8] = static_cast<char>('0' + c.day / 10);
  buffer[9] = static_cast<char>('0' + c.day % 10);
  out.append(buffer, sizeof buffer);
}

void append_tenths(std::string& out, std::int64_t tenths) {
  if (tenths < 0) {
    out += '-';
    tenths = -tenths;
  }
  append_int(out, tenths / 10);
  out += '.';
  out += static_cast<char>('0' + tenths % 10);
}

CsvFile::CsvFile(const std::filesystem::path& path) : path_(path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) throw DataLoadError(path.string(), std::string("cannot create: ") + std::strerror(errno));
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

CsvFile::~CsvFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void CsvFile::write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    throw DataLoadError(path_.string(), std::string("cannot write: ") + std::strerror(errno));
  }
  bytes_ += static_cast<std::int64_t>(bytes.size());
}

void CsvFile::close() {
  if (file_ == nullptr) return;
  const int status = std::fclose(file_);
  file_ = nullptr;
  if (status != 0) throw DataLoadError(path_.string(), std::string("cannot write: ") + std::strerror(errno));
}

}  // namespace mtm::data::gen
