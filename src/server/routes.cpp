#include "server/routes.hpp"

#include <spdlog/spdlog.h>

#include <string>

#include "analysis/filters.hpp"
#include "core/errors.hpp"
#include "server/data_routes.hpp"
#include "server/explorer_routes.hpp"
#include "server/problem.hpp"
#include "server/sql_routes.hpp"

namespace mtm::server {

const std::vector<RouteSpec>& route_specs() {
  static const std::vector<RouteSpec> kRoutes = with_data_routes(with_sql_routes(with_explorer_routes({
      {"GET", "/", "/", "The web UI (view state in the query string)", "ui", {}, api::get_index},
      {"GET",
       "/assets/{path}",
       "/assets/(.+)",
       "Embedded UI assets (scripts, styles, fonts, Plotly)",
       "ui",
       {},
       api::get_asset},
      {"GET", "/healthz", "/healthz", "Liveness: the process answers", "health", {}, api::get_healthz},
      {"GET", "/readyz", "/readyz", "Readiness: the database answers; dataset identity", "health", {}, api::get_readyz},
      {"GET",
       "/metrics",
       "/metrics",
       "Prometheus metrics: requests, latency, cache, dataset rows, build",
       "health",
       {},
       api::get_metrics},
      {"POST",
       "/api/v1/events",
       "/api/v1/events",
       "Record one user action (page view, filter change, language change, download)",
       "api",
       {},
       api::post_event},
      {"GET",
       "/api/v1/meta",
       "/api/v1/meta",
       "Version, commit, build date, environment and data date",
       "api",
       {},
       api::get_meta},
      {"GET",
       "/api/v1/summary",
       "/api/v1/summary",
       "Dataset summary: sizes, date ranges and headline KPIs",
       "api",
       {},
       api::get_summary},
      {"GET",
       "/api/v1/ingest-report",
       "/api/v1/ingest-report",
       "Ingest report: rows in, rejected and out per rule",
       "api",
       {},
       api::get_ingest_report},
      {"GET",
       "/api/v1/analyses",
       "/api/v1/analyses",
       "Every analysis with its page, titles and filters",
       "api",
       {},
       api::get_analyses},
      {"GET",
       "/api/v1/analyses/{id}",
       "/api/v1/analyses/([A-Za-z0-9_.-]+)",
       "Run one analysis with the given filters (result cached)",
       "api",
       {},
       api::get_analysis},
      {"GET",
       "/api/v1/openapi.json",
       "/api/v1/openapi.json",
       "This API as an OpenAPI 3.0 document",
       "api",
       {},
       api::get_openapi},
      {"POST",
       "/api/v1/admin/reload",
       "/api/v1/admin/reload",
       "Reload the dataset (re-fetching from S3 when the source is s3://) and clear the result cache; needs "
       "the admin token as a Bearer token",
       "admin",
       {},
       api::post_admin_reload},
  })));
  return kRoutes;
}

namespace {

// Expected value of a filter, in French, for the localised 400 message (the English one comes from
// the filter parser itself).
std::string expected_fr(const std::string& parameter) {
  const auto* spec = analysis::find_filter_spec(parameter);
  if (spec == nullptr) return "valeur non reconnue";
  const auto range = [&] { return fmt::format("entre {} et {}", spec->minimum, spec->maximum); };
  if (spec->type == "integer") return "un entier " + range();
  if (spec->type == "number") return "un nombre " + range();
  if (spec->type == "boolean") return "true ou false";
  if (spec->type == "enum") return fmt::format("une valeur parmi : {}", fmt::join(spec->allowed, ", "));
  if (spec->type == "enum_list")
    return fmt::format("une liste séparée par des virgules parmi : {}", fmt::join(spec->allowed, ", "));
  if (spec->type == "integer_list") return "une liste séparée par des virgules d'entiers " + range();
  return "valeur non reconnue";
}

std::string capitalised_sentence(std::string text) {
  if (!text.empty() && text.front() >= 'a' && text.front() <= 'z') text.front() = static_cast<char>(text.front() - 32);
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

}  // namespace

void run_guarded(api::Handler handler, ApiContext& ctx, const Request& req, Response& res) {
  const Lang lang = request_language(req);
  try {
    handler(ctx, req, res);
  } catch (const ParameterError& e) {
    const bool named = !e.parameter().empty();
    const std::string detail = problem_detail(e.problem_kind(), lang, named ? e.parameter() : e.argument(),
                                              named ? e.argument() : std::string());
    send_problem(req, res, e.problem_kind(), detail, e.parameter());
  } catch (const ValidationError& e) {
    std::string detail;
    if (lang == Lang::Fr) {
      std::string expected = expected_fr(e.parameter());
      if (req.has_param(e.parameter().c_str())) {
        expected += fmt::format(" (reçu : « {} »)", req.get_param_value(e.parameter().c_str()));
      }
      detail = problem_detail(ProblemKind::InvalidValue, lang, e.parameter(), expected);
    } else {
      detail = capitalised_sentence(e.what());
    }
    send_problem(req, res, ProblemKind::InvalidValue, detail, e.parameter());
  } catch (const NotFoundError&) {
    send_problem(req, res, ProblemKind::NotFound, problem_detail(ProblemKind::NotFound, lang, req.path));
  } catch (const AnalysisError& e) {
    spdlog::warn("{} {}: analysis error: {}", req.method, req.path, e.what());
    send_problem(req, res, ProblemKind::AnalysisFailed, capitalised_sentence(e.what()));
  } catch (const DataLoadError& e) {
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    send_problem(req, res, ProblemKind::NotReady, problem_detail(ProblemKind::NotReady, lang));
  } catch (const std::exception& e) {
    // Internals (SQL, paths) stay in the log; the client gets a generic message.
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    send_problem(req, res, ProblemKind::Internal, problem_detail(ProblemKind::Internal, lang));
  } catch (...) {
    spdlog::error("{} {}: unknown exception", req.method, req.path);
    send_problem(req, res, ProblemKind::Internal, problem_detail(ProblemKind::Internal, lang));
  }
}

RequestTrace& request_trace() {
  thread_local RequestTrace trace;
  return trace;
}

}  // namespace mtm::server
