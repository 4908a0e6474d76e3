// gzip encoding of response bodies with zlib, and the Accept-Encoding check. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace mtm::server {

/// gzip-compress data (RFC 1952) at the given zlib level; throws std::runtime_error if zlib fails.
std::string gzip_compress(std::string_view data, int level = 6);
/// Decompress a gzip stream (for tests and checks); throws std::runtime_error on corrupt input.
std::string gzip_decompress(std::string_view data);
/// True when an Accept-Encoding header value allows gzip (honours "gzip;q=0" and "*").
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace mtm::server
