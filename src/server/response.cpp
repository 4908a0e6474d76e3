#include "server/response.hpp"

#include <fmt/format.h>

#include <cstdint>

#include "server/gzip.hpp"

namespace mtm::server {

std::string strong_etag(std::string_view data) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}-{:x}\"", hash, data.size());
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  std::size_t start = 0;
  while (start < if_none_match.size()) {
    std::size_t comma = if_none_match.find(',', start);
    if (comma == std::string_view::npos) comma = if_none_match.size();
    std::string_view item = if_none_match.substr(start, comma - start);
    start = comma + 1;
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    // Weak comparison (RFC 9110 §13.1.2): a W/ prefix does not prevent a match.
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
  }
  return false;
}

std::shared_ptr<const CachedBody> make_body(std::string plain, bool compress) {
  auto body = std::make_shared<CachedBody>();
  body->etag = strong_etag(plain);
  if (compress && plain.size() > 256) body->gzip = gzip_compress(plain);
  body->plain = std::move(plain);
  return body;
}

void send_view(const Request& req, Response& res, int status, const std::string& content_type,
               std::shared_ptr<const void> keep_alive, std::string_view plain, std::string_view gzip,
               const std::string& etag, const std::string& cache_control) {
  res.set_header("Cache-Control", cache_control);
  if (!etag.empty()) res.set_header("ETag", etag);
  if (!gzip.empty()) res.set_header("Vary", "Accept-Encoding");
  if (status == 200 && !etag.empty() && etag_matches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return;
  }
  res.status = status;
  std::string_view chosen = plain;
  if (!gzip.empty() && accepts_gzip(req.get_header_value("Accept-Encoding"))) {
    chosen = gzip;
    res.set_header("Content-Encoding", "gzip");
  }
  // Written from where it lives (the result cache, the embedded assets), never copied.
  res.set_content_view(std::move(keep_alive), chosen, content_type);
}

void send_body(const Request& req, Response& res, int status, const std::string& content_type,
               const std::shared_ptr<const CachedBody>& body, const std::string& cache_control) {
  send_view(req, res, status, content_type, body, body->plain, body->gzip, body->etag, cache_control);
}

void send_json(const Request& req, Response& res, int status, const nlohmann::json& value) {
  send_body(req, res, status, "application/json",
            make_body(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), true), "no-cache");
}

}  // namespace mtm::server
