// Writing HTTP responses: every body goes out with its ETag (304 on a matching If-None-Match), gzip
// when the client accepts it, and an explicit Cache-Control. Bodies are written from where they live (the
// result cache, the embedded assets) without a copy. Stateless; thread-safe.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/handler_types.hpp"
#include "server/lru_cache.hpp"

namespace mtm::server {

/// A strong ETag for content: quoted 64-bit FNV-1a hash and length.
std::string strong_etag(std::string_view data);
/// True if an If-None-Match header value names etag (or is "*").
bool etag_matches(std::string_view if_none_match, std::string_view etag);
/// A body in both encodings with its ETag (gzip left empty when compress is false).
std::shared_ptr<const CachedBody> make_body(std::string plain, bool compress);

/// Send a body that outlives the response through keep_alive (static data may pass nullptr).
/// gzip may be empty (then only the plain body is offered).
void send_view(const Request& req, Response& res, int status, const std::string& content_type,
               std::shared_ptr<const void> keep_alive, std::string_view plain, std::string_view gzip,
               const std::string& etag, const std::string& cache_control);
/// Send a shared body (e.g. from the result cache).
void send_body(const Request& req, Response& res, int status, const std::string& content_type,
               const std::shared_ptr<const CachedBody>& body, const std::string& cache_control);
/// Serialise and send JSON (gzip-able, ETag, "no-cache").
void send_json(const Request& req, Response& res, int status, const nlohmann::json& value);

}  // namespace mtm::server
