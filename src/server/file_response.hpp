// Serving a file from disk: Content-Length, a strong ETag with 304 on a matching If-None-Match, and byte
// ranges (RFC 9110 §14): one satisfiable range gives 206 with Content-Range, an unsatisfiable one 416, several
// ranges or a malformed header the whole file (200), as the RFC allows. The body is read from the file as it is
// sent, never held whole in memory by this code. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "server/handler_types.hpp"

namespace mtm::server {

struct ByteRange {
  std::uint64_t first = 0;
  /// Inclusive.
  std::uint64_t last = 0;
};

struct RangeRequest {
  enum class Kind { Whole, Partial, Unsatisfiable };
  Kind kind = Kind::Whole;
  ByteRange range{};
};

/// What a Range header asks of a file of size bytes: Whole when absent, malformed, not in bytes or several
/// ranges; Partial with the clamped range; Unsatisfiable when it starts at or past the end (or asks a 0 suffix).
RangeRequest parse_range(std::string_view header, std::uint64_t size);

/// Send path (which exists) with content_type and etag; download_name, when not empty, names the saved file
/// (Content-Disposition: attachment). Throws std::runtime_error when the file cannot be opened.
void send_file(const Request& req, Response& res, const std::filesystem::path& path, const std::string& content_type,
               const std::string& etag, const std::string& download_name);

}  // namespace mtm::server
