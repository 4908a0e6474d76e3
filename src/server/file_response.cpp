#include "server/file_response.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <stdexcept>
#include <vector>

#include "server/response.hpp"

namespace mtm::server {

namespace {

// Bytes read from the file per write to the connection.
constexpr std::size_t kChunk = std::size_t{256} << 10;

std::optional<std::uint64_t> digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// An open file descriptor shared by the content provider's calls, closed with the last of them.
struct OpenFile {
  int fd;
  explicit OpenFile(int descriptor) : fd(descriptor) {}
  ~OpenFile() { ::close(fd); }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
};

}  // namespace

RangeRequest parse_range(std::string_view header, std::uint64_t size) {
  header = trimmed(header);
  constexpr std::string_view kUnit = "bytes=";
  if (header.substr(0, kUnit.size()) != kUnit) return {};
  const std::string_view spec = trimmed(header.substr(kUnit.size()));
  if (spec.find(',') != std::string_view::npos) return {};
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return {};
  const auto first = digits(trimmed(spec.substr(0, dash)));
  const auto last = digits(trimmed(spec.substr(dash + 1)));
  if (!first) {
    // A suffix: the last N bytes.
    if (!last) return {};
    if (*last == 0 || size == 0) return {RangeRequest::Kind::Unsatisfiable, {}};
    const std::uint64_t length = std::min(*last, size);
    return {RangeRequest::Kind::Partial, {size - length, size - 1}};
  }
  if (!trimmed(spec.substr(dash + 1)).empty() && !last) return {};
  if (last && *last < *first) return {};
  if (*first >= size) return {RangeRequest::Kind::Unsatisfiable, {}};
  return {RangeRequest::Kind::Partial, {*first, last ? std::min(*last, size - 1) : size - 1}};
}

void send_file(const Request& req, Response& res, const std::filesystem::path& path, const std::string& content_type,
               const std::string& etag, const std::string& download_name) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(fmt::format("cannot open {}", path.string()));
  auto file = std::make_shared<OpenFile>(fd);
  const std::uint64_t size = std::filesystem::file_size(path);
  res.set_header("ETag", etag);
  res.set_header("Accept-Ranges", "bytes");
  // Exports change only with the dataset, and then their ETag changes: revalidate, never trust blindly.
  res.set_header("Cache-Control", "no-cache");
  if (!download_name.empty()) {
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", download_name));
  }
  if (etag_matches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return;
  }
  RangeRequest range;
  if (req.has_header("Range")) range = parse_range(req.get_header_value("Range"), size);
  if (range.kind == RangeRequest::Kind::Unsatisfiable) {
    res.status = 416;
    res.set_header("Content-Range", fmt::format("bytes */{}", size));
    res.set_content("", content_type.c_str());
    return;
  }
  std::uint64_t start = 0;
  std::uint64_t length = size;
  res.status = 200;
  if (range.kind == RangeRequest::Kind::Partial) {
    start = range.range.first;
    length = range.range.last - range.range.first + 1;
    res.status = 206;
    res.set_header("Content-Range", fmt::format("bytes {}-{}/{}", range.range.first, range.range.last, size));
  }
  if (length == 0) {
    res.set_content("", content_type.c_str());
    return;
  }
  res.set_content_provider(
      length, content_type.c_str(), [file, start](std::size_t offset, std::size_t wanted, auto& sink) {
        std::vector<char> buffer(std::min(wanted, kChunk));
        const ssize_t got = ::pread(file->fd, buffer.data(), buffer.size(), static_cast<off_t>(start + offset));
        if (got <= 0) return false;
        return sink.write(buffer.data(), static_cast<std::size_t>(got));
      });
}

}  // namespace mtm::server
