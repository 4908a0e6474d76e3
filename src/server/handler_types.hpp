// The one request/response pair of the server: the HTTP core (http_core.hpp) fills a Request and writes a
// Response, and every handler sees only these, never the HTTP library underneath, so the library can change in
// http_core.cpp alone. Their members are the ones handlers have always used (path, params, matches,
// set_content, set_content_provider...). A Request is read by one thread at a time; so is a Response.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <string_view>

namespace mtm::server {

/// Orders header names without regard to case ("content-type" == "Content-Type").
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const noexcept;
  using is_transparent = void;
};

using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;
/// Query parameters, percent-decoded, ordered by name (a repeated name is adjacent).
using Params = std::multimap<std::string, std::string, std::less<>>;

/// Where a content provider writes the body it streams.
struct DataSink {
  /// Appends n bytes to the body; false when the client has gone (the provider should then stop).
  std::function<bool(const char* data, std::size_t n)> write;
  std::function<bool()> is_writable = [] { return true; };
  /// For providers of unknown length; the core knows the length, so this does nothing.
  std::function<void()> done = [] {};
};

/// Writes the body from offset, at most length bytes, through sink.write; false aborts the response. Called
/// again with the next offset until the declared length is written, so a large body (an export file) is
/// streamed in chunks, never held whole in memory.
using ContentProvider = std::function<bool(std::size_t offset, std::size_t length, DataSink& sink)>;

struct Request {
  /// As sent: "GET", "HEAD", "POST"... (HEAD is routed as GET; the core sends no body for it).
  std::string method;
  /// The target as sent ("/api/v1/search?q=x").
  std::string target;
  /// The target before '?', percent-decoded.
  std::string path;
  /// The raw query string (after '?'), empty when none.
  std::string query;
  Headers headers;
  /// The query's parameters, percent-decoded ('+' is a space).
  Params params;
  std::string body;
  std::string remote_addr;
  /// Captures of the route's path pattern (matches[1] is the first group).
  std::smatch matches;
  bool keep_alive = true;

  [[nodiscard]] bool has_header(std::string_view name) const;
  /// The id-th value of a header (case-insensitive name), empty when absent.
  [[nodiscard]] std::string get_header_value(std::string_view name, std::size_t id = 0) const;
  [[nodiscard]] std::size_t get_header_value_count(std::string_view name) const;
  [[nodiscard]] bool has_param(const std::string& name) const;
  /// The id-th value of a query parameter, empty when absent.
  [[nodiscard]] std::string get_param_value(const std::string& name, std::size_t id = 0) const;
  [[nodiscard]] std::size_t get_param_value_count(const std::string& name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  /// The body when it is held whole (set_content); see also the view and the provider below.
  std::string body;

  /// Sets a header, replacing any value it had.
  void set_header(std::string_view name, std::string_view value);
  [[nodiscard]] bool has_header(std::string_view name) const;
  [[nodiscard]] std::string get_header_value(std::string_view name, std::size_t id = 0) const;
  void set_content(std::string content, std::string_view content_type);
  void set_content(const char* data, std::size_t n, std::string_view content_type);
  /// A body of length bytes streamed by provider; released (if given) once the response is done.
  void set_content_provider(std::size_t length, std::string_view content_type, ContentProvider provider,
                            std::function<void(bool success)> releaser = {});
  /// A body that already lives elsewhere (the result cache, an embedded asset): written from there, never
  /// copied; owner keeps it alive until it is written.
  void set_content_view(std::shared_ptr<const void> owner, std::string_view data, std::string_view content_type);

  /// Bytes of the body, whichever way it is held.
  [[nodiscard]] std::size_t content_length() const noexcept;

  // Set through the calls above; read by the core.
  ContentProvider provider{};
  std::function<void(bool)> releaser{};
  std::size_t provider_length = 0;
  std::shared_ptr<const void> view_owner{};
  std::string_view view{};

  /// For the observer (access log, metrics): the route that answered and the handler's own time.
  std::string label;
  double handler_ms = 0;
  /// Bytes of the body, set by the core before the observer sees the response.
  std::size_t body_bytes = 0;
};

/// Percent-decode ("%2e" -> '.', '+' kept); false when an escape is malformed.
bool percent_decode(std::string_view in, std::string& out);
/// The parameters of a query string ("a=1&b=x+y"): names and values percent-decoded, '+' read as a space; a
/// malformed escape is kept as sent.
Params parse_query(std::string_view query);

}  // namespace mtm::server
