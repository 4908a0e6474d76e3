#include "server/admin.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "server/api.hpp"
#include "server/problem.hpp"

namespace mtm::server {

bool constant_time_equals(std::string_view given, std::string_view expected) noexcept {
  // Every byte of expected is visited whatever given holds; a length mismatch is folded into the result.
  unsigned diff = given.size() == expected.size() ? 0U : 1U;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto g = static_cast<unsigned char>(i < given.size() ? given[i] : 0);
    diff |= g ^ static_cast<unsigned char>(expected[i]);
  }
  return diff == 0;
}

std::string bearer_token(const Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return {};
  }
  std::size_t start = kScheme.size();
  while (start < header.size() && header[start] == ' ') ++start;
  return header.substr(start);
}

namespace api {

void post_admin_reload(const Request& req, Response& res, DataService& data) {
  checked_params(req, {});
  const std::string lang = request_language(req);
  if (data.admin_token().empty()) {
    send_problem(req, res, ProblemKind::AdminDisabled, problem_detail(ProblemKind::AdminDisabled, lang));
    return;
  }
  if (!constant_time_equals(bearer_token(req), data.admin_token())) {
    spdlog::warn("admin reload refused from {}: missing or wrong token", req.remote_addr);
    res.set_header("WWW-Authenticate", "Bearer realm=\"mangetamain-admin\"");
    send_problem(req, res, ProblemKind::Unauthorized, problem_detail(ProblemKind::Unauthorized, lang));
    return;
  }
  spdlog::info("admin reload requested from {}", req.remote_addr);
  std::shared_ptr<const Dataset> dataset;
  try {
    dataset = data.reload();
  } catch (const std::exception& e) {
    spdlog::error("reload failed, the current dataset stays: {}", e.what());
    send_problem(req, res, ProblemKind::ReloadFailed, problem_detail(ProblemKind::ReloadFailed, lang));
    return;
  }
  res.set_header("Cache-Control", "no-store");
  res.set_content(dataset->status_json("reloaded", /*public_view=*/false).dump(), "application/json");
}

}  // namespace api
}  // namespace mtm::server
