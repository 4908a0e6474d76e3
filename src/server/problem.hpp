// RFC 9457 problem details (application/problem+json) with messages in the request's language.
// The language comes from the lang query parameter, else from Accept-Language, else English.
// Titles and details are catalog messages (present::Catalog); thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "server/handler_types.hpp"

namespace mtm::server {

/// The language of a request's messages, one of the catalogs': a lang parameter a catalog speaks wins, then
/// the best of Accept-Language the catalogs speak, else English.
std::string request_language(const Request& req);
/// The catalog language an Accept-Language header prefers (highest q; English if none).
std::string language_from_accept(std::string_view accept_language);
/// A catalog message in the request's language.
std::string request_message(const Request& req, std::string_view id,
                            const nlohmann::json& params = nlohmann::json::object());

/// The kinds of problems the API reports; each has a title and a detail in the catalogs (problem.<slug>.*).
enum class ProblemKind {
  UnknownParameter,   // {0} = parameter, {1} = accepted names
  RepeatedParameter,  // {0} = parameter
  InvalidValue,       // {0} = parameter, {1} = what is expected
  UnknownAnalysis,    // {0} = id
  NotFound,           // {0} = path
  AnalysisFailed,     // {0} = reason
  NotReady,           // no argument
  Internal,           // no argument
  PayloadTooLarge,    // {0} = largest accepted size in bytes
  TooManyRequests,    // {0} = seconds to wait
  AdminDisabled,      // no argument: no admin token is configured
  Unauthorized,       // no argument: missing or wrong admin token
  ReloadFailed,       // no argument: the new dataset could not be loaded
  ShuttingDown,       // no argument: the server is stopping and takes no new request
  MethodNotAllowed,   // {0} = the methods the path accepts (also in the Allow header)
  UriTooLong,         // no argument: the request target is over the HTTP library's limit
  BadRequest,         // no argument: the request could not be parsed
  HeadersTooLarge,    // no argument: too many or too large header fields
  Busy,               // no argument: too many connections or too much queued work
};

/// A parameter rejected before any work: the server's own unknown/repeated checks.
class ParameterError : public ValidationError {
 public:
  ParameterError(ProblemKind kind, std::string parameter, std::string argument, const std::string& english)
      : ValidationError(std::move(parameter), english), problem_kind_(kind), argument_(std::move(argument)) {}
  [[nodiscard]] ProblemKind problem_kind() const noexcept { return problem_kind_; }
  [[nodiscard]] const std::string& argument() const noexcept { return argument_; }

 private:
  ProblemKind problem_kind_;
  std::string argument_;
};

/// The one mapping from the kind of a core::Error to the problem the client gets (status and type).
ProblemKind problem_kind_for(ErrorKind kind) noexcept;

/// Localised title of a problem kind.
std::string problem_title(ProblemKind kind, std::string_view lang);
/// Localised detail, with the template's arguments filled in.
std::string problem_detail(ProblemKind kind, std::string_view lang, std::string_view arg0 = {},
                           std::string_view arg1 = {});
/// HTTP status of a problem kind.
int problem_status(ProblemKind kind);
/// Stable type slug (used as "/problems/<slug>").
std::string_view problem_slug(ProblemKind kind);

/// The problem document; parameter is omitted when empty.
nlohmann::json problem_json(ProblemKind kind, std::string_view lang, const std::string& detail,
                            const std::string& parameter = {});
/// Write a problem response (status from kind, Content-Type application/problem+json, no-store).
void send_problem(const Request& req, Response& res, ProblemKind kind, const std::string& detail,
                  const std::string& parameter = {});

}  // namespace mtm::server
