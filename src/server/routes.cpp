#include "server/routes.hpp"

#include <spdlog/spdlog.h>

#include <string>

#include "analysis/filters.hpp"
#include "core/errors.hpp"
#include "present/catalog.hpp"
#include "server/data_routes.hpp"
#include "server/explorer_routes.hpp"
#include "server/param_reader.hpp"
#include "server/problem.hpp"
#include "server/sql_routes.hpp"

namespace mtm::server {

const std::vector<RouteSpec>& route_specs() {
  static const std::vector<RouteSpec> kRoutes = with_data_routes(with_sql_routes(with_explorer_routes({
      {"GET", "/", "/", "The web UI (view state in the query string)", "ui", {}, api::takes<api::get_index>},
      {"GET",
       "/assets/{path}",
       "/assets/(.+)",
       "Embedded UI assets (scripts, styles, fonts, Plotly)",
       "ui",
       {},
       api::takes<api::get_asset>},
      {"GET", "/healthz", "/healthz", "Liveness: the process answers", "health", {}, api::takes<api::get_healthz>},
      {"GET",
       "/readyz",
       "/readyz",
       "Readiness: the database answers; dataset identity",
       "health",
       {},
       api::takes<api::get_readyz>},
      {"GET",
       "/metrics",
       "/metrics",
       "Prometheus metrics: requests, latency, cache, dataset rows, build",
       "health",
       {},
       api::takes<api::get_metrics>},
      {"POST",
       "/api/v1/events",
       "/api/v1/events",
       "Record one user action (page view, filter change, language change, download)",
       "api",
       {},
       api::takes<api::post_event>},
      {"GET",
       "/api/v1/meta",
       "/api/v1/meta",
       "Version, commit, build date, environment and data date",
       "api",
       {},
       api::takes<api::get_meta>},
      {"GET",
       "/api/v1/summary",
       "/api/v1/summary",
       "Dataset summary: sizes, date ranges and headline KPIs",
       "api",
       {},
       api::takes<api::get_summary>},
      {"GET",
       "/api/v1/findings",
       "/api/v1/findings",
       "Key findings of the data: effect sizes, p-values and a sentence each, strongest established first",
       "api",
       {},
       api::takes<api::get_findings>},
      {"GET",
       "/api/v1/ingest-report",
       "/api/v1/ingest-report",
       "Ingest report: rows in, rejected and out per rule",
       "api",
       {},
       api::takes<api::get_ingest_report>},
      {"GET",
       "/api/v1/analyses",
       "/api/v1/analyses",
       "Every analysis with its page, titles and filters",
       "api",
       {},
       api::takes<api::get_analyses>},
      {"GET",
       "/api/v1/analyses/{id}",
       "/api/v1/analyses/([A-Za-z0-9_.-]+)",
       "Run one analysis with the given filters (result cached)",
       "api",
       {},
       api::takes<api::get_analysis>},
      {"GET",
       "/api/v1/openapi.json",
       "/api/v1/openapi.json",
       "This API as an OpenAPI 3.0 document",
       "api",
       {},
       api::takes<api::get_openapi>},
      {"POST",
       "/api/v1/admin/reload",
       "/api/v1/admin/reload",
       "Reload the dataset (re-fetching from S3 when the source is s3://) and clear the result cache; needs "
       "the admin token as a Bearer token",
       "admin",
       {},
       api::takes<api::post_admin_reload>},
  })));
  return kRoutes;
}

namespace {

std::string capitalised_sentence(std::string text) {
  if (!text.empty() && text.front() >= 'a' && text.front() <= 'z') text.front() = static_cast<char>(text.front() - 32);
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

// What a parameter expects, and the value it was given, in a catalog language.
std::string expected_value(const Request& req, const std::string& parameter, const std::string& lang) {
  const auto& catalog = present::Catalog::instance();
  const auto spec = filter_param_spec(parameter);
  std::string wanted = spec ? expected(*spec, lang) : catalog.format(lang, "problem.expected.unrecognised");
  if (!req.has_param(parameter)) return wanted;
  return catalog.format(lang, "problem.expected.received",
                        {{"expected", wanted}, {"value", req.get_param_value(parameter)}});
}

}  // namespace

void send_error_problem(const Request& req, Response& res, const Error& error) {
  const std::string lang = request_language(req);
  const ProblemKind kind = problem_kind_for(error.kind());
  switch (kind) {
    case ProblemKind::InvalidValue: {
      const auto* validation = dynamic_cast<const ValidationError*>(&error);
      const std::string parameter = validation != nullptr ? validation->parameter() : std::string();
      std::string detail;
      // English keeps the validation's own sentence (it is also the log's); other languages say what the
      // parameter expects, from the catalogs.
      if (lang == "en") {
        detail = capitalised_sentence(error.what());
      } else {
        detail = problem_detail(kind, lang, parameter, expected_value(req, parameter, lang));
      }
      send_problem(req, res, kind, detail, parameter);
      return;
    }
    case ProblemKind::NotFound: send_problem(req, res, kind, problem_detail(kind, lang, req.path)); return;
    case ProblemKind::AnalysisFailed:
      spdlog::warn("{} {}: analysis error: {}", req.method, req.path, error.what());
      send_problem(req, res, kind, capitalised_sentence(error.what()));
      return;
    default:
      // Internals (SQL, paths) stay in the log; the client gets the kind's generic message.
      spdlog::error("{} {}: {}", req.method, req.path, error.what());
      send_problem(req, res, kind, problem_detail(kind, lang));
      return;
  }
}

void run_guarded(api::Handler handler, ApiContext& ctx, const Request& req, Response& res) {
  try {
    handler(ctx, req, res);
  } catch (const ParameterError& e) {
    const bool named = !e.parameter().empty();
    const std::string detail = problem_detail(e.problem_kind(), request_language(req),
                                              named ? e.parameter() : e.argument(), named ? e.argument() : "");
    send_problem(req, res, e.problem_kind(), detail, e.parameter());
  } catch (const Error& e) {
    send_error_problem(req, res, e);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    send_problem(req, res, ProblemKind::Internal, problem_detail(ProblemKind::Internal, request_language(req)));
  } catch (...) {
    spdlog::error("{} {}: unknown exception", req.method, req.path);
    send_problem(req, res, ProblemKind::Internal, problem_detail(ProblemKind::Internal, request_language(req)));
  }
}

RequestTrace& request_trace() {
  thread_local RequestTrace trace;
  return trace;
}

}  // namespace mtm::server
