#include "server/problem.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

#include "present/catalog.hpp"

namespace mtm::server {

namespace {

struct Message {
  // cppcheck-suppress unusedStructMember ; read in message() through the array, which cppcheck does not follow
  ProblemKind kind;
  int status;
  std::string_view slug;
  /// The names of the detail's two arguments in the catalogs' problem.<slug>.detail messages.
  std::array<std::string_view, 2> arguments;
};

// Every kind's title and detail are catalog messages (problem.<slug>.title, problem.<slug>.detail). Internal
// stays last: it is the fallback.
constexpr std::array<Message, 19> kMessages = {{
    {ProblemKind::UnknownParameter, 400, "unknown-parameter", {"parameter", "accepted"}},
    {ProblemKind::RepeatedParameter, 400, "repeated-parameter", {"parameter", ""}},
    {ProblemKind::InvalidValue, 400, "invalid-value", {"parameter", "expected"}},
    {ProblemKind::UnknownAnalysis, 404, "unknown-analysis", {"id", ""}},
    {ProblemKind::NotFound, 404, "not-found", {"path", ""}},
    {ProblemKind::AnalysisFailed, 422, "analysis-error", {"reason", ""}},
    {ProblemKind::NotReady, 503, "not-ready", {"", ""}},
    {ProblemKind::AdminDisabled, 403, "admin-disabled", {"", ""}},
    {ProblemKind::Unauthorized, 401, "unauthorized", {"", ""}},
    {ProblemKind::ReloadFailed, 503, "reload-failed", {"", ""}},
    {ProblemKind::ShuttingDown, 503, "shutting-down", {"", ""}},
    {ProblemKind::PayloadTooLarge, 413, "payload-too-large", {"bytes", ""}},
    {ProblemKind::TooManyRequests, 429, "too-many-requests", {"seconds", ""}},
    {ProblemKind::MethodNotAllowed, 405, "method-not-allowed", {"methods", ""}},
    {ProblemKind::UriTooLong, 414, "uri-too-long", {"", ""}},
    {ProblemKind::BadRequest, 400, "bad-request", {"", ""}},
    {ProblemKind::HeadersTooLarge, 431, "headers-too-large", {"", ""}},
    {ProblemKind::Busy, 503, "busy", {"", ""}},
    {ProblemKind::Internal, 500, "internal-error", {"", ""}},
}};

const Message& message(ProblemKind kind) {
  for (const auto& m : kMessages) {
    if (m.kind == kind) return m;
  }
  return kMessages.back();  // Internal
}

struct ErrorProblem {
  // cppcheck-suppress unusedStructMember ; read in problem_kind_for() through the array
  ErrorKind error;
  // cppcheck-suppress unusedStructMember ; read in problem_kind_for() through the array
  ProblemKind problem;
};

// Data that cannot be read makes the service not ready (503); a database or configuration failure is the
// server's own (500, its details only in the log).
constexpr std::array<ErrorProblem, 6> kErrorProblems = {{
    {ErrorKind::Validation, ProblemKind::InvalidValue},
    {ErrorKind::NotFound, ProblemKind::NotFound},
    {ErrorKind::Analysis, ProblemKind::AnalysisFailed},
    {ErrorKind::DataLoad, ProblemKind::NotReady},
    {ErrorKind::Database, ProblemKind::Internal},
    {ErrorKind::Configuration, ProblemKind::Internal},
}};

}  // namespace

ProblemKind problem_kind_for(ErrorKind kind) noexcept {
  for (const auto& entry : kErrorProblems) {
    if (entry.error == kind) return entry.problem;
  }
  return ProblemKind::Internal;
}

std::string language_from_accept(std::string_view accept_language) {
  const auto& catalog = present::Catalog::instance();
  double best_q = -1;
  std::string best = "en";
  std::size_t start = 0;
  while (start < accept_language.size()) {
    std::size_t comma = accept_language.find(',', start);
    if (comma == std::string_view::npos) comma = accept_language.size();
    std::string item(accept_language.substr(start, comma - start));
    start = comma + 1;
    std::transform(item.begin(), item.end(), item.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string tag = item.substr(0, item.find(';'));
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    double q = 1.0;
    const auto at = item.find("q=");
    if (at != std::string::npos) q = std::strtod(item.c_str() + at + 2, nullptr);
    const std::string primary = tag.substr(0, tag.find('-'));
    if (catalog.has_language(primary) && q > best_q && q > 0) {
      best_q = q;
      best = primary;
    }
  }
  return best;
}

std::string request_language(const Request& req) {
  if (req.has_param("lang")) {
    std::string value = req.get_param_value("lang");
    if (present::Catalog::instance().has_language(value)) return value;
  }
  return language_from_accept(req.get_header_value("Accept-Language"));
}

std::string request_message(const Request& req, std::string_view id, const nlohmann::json& params) {
  return present::Catalog::instance().format(request_language(req), id, params);
}

std::string problem_title(ProblemKind kind, std::string_view lang) {
  return present::Catalog::instance().format(lang, fmt::format("problem.{}.title", message(kind).slug));
}

std::string problem_detail(ProblemKind kind, std::string_view lang, std::string_view arg0, std::string_view arg1) {
  const auto& m = message(kind);
  nlohmann::json params = nlohmann::json::object();
  if (!m.arguments[0].empty()) params[std::string(m.arguments[0])] = arg0;
  if (!m.arguments[1].empty()) params[std::string(m.arguments[1])] = arg1;
  return present::Catalog::instance().format(lang, fmt::format("problem.{}.detail", m.slug), params);
}

int problem_status(ProblemKind kind) {
  return message(kind).status;
}

std::string_view problem_slug(ProblemKind kind) {
  return message(kind).slug;
}

nlohmann::json problem_json(ProblemKind kind, std::string_view lang, const std::string& detail,
                            const std::string& parameter) {
  nlohmann::json doc = {
      {"type", fmt::format("/problems/{}", problem_slug(kind))},
      {"title", problem_title(kind, lang)},
      {"status", problem_status(kind)},
      {"detail", detail},
  };
  if (!parameter.empty()) doc["parameter"] = parameter;
  return doc;
}

void send_problem(const Request& req, Response& res, ProblemKind kind, const std::string& detail,
                  const std::string& parameter) {
  const std::string lang = request_language(req);
  res.status = problem_status(kind);
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Language", lang);
  res.set_content(
      problem_json(kind, lang, detail, parameter).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      "application/problem+json");
}

}  // namespace mtm::server
