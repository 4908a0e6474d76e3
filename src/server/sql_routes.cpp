#include "server/sql_routes.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>

#include "data/result_parquet.hpp"
#include "data/value_json.hpp"
#include "server/api.hpp"
#include "server/event_budget.hpp"
#include "server/problem.hpp"
#include "server/response.hpp"
#include "server/routes.hpp"
#include "server/sql_request.hpp"
#include "server/sql_workbench.hpp"

namespace mtm::server {

namespace {

using nlohmann::json;

std::string csv_cell(const db::Value& value) {
  if (std::holds_alternative<std::monostate>(value)) return {};
  std::string text = db::to_text(value);
  if (text.find_first_of("\",\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

// message: a catalog id (problem.sql.*), written in the request's language.
void send_sql_problem(const Request& req, Response& res, ProblemKind kind, const std::string& parameter,
                      const std::string& message, const nlohmann::json& params) {
  send_problem(req, res, kind, request_message(req, message, params), parameter);
}

void send_too_many(const Request& req, Response& res, double wait_s, const std::string& message) {
  const std::string seconds = std::to_string(std::max<long>(1, static_cast<long>(std::ceil(wait_s))));
  res.set_header("Retry-After", seconds);
  send_sql_problem(req, res, ProblemKind::TooManyRequests, "", message, {{"seconds", seconds}});
}

// DuckDB's message about the query, with any path in it cut to its file name.
void send_sql_error(const Request& req, Response& res, const db::SqlError& error, const std::string& parameter) {
  const std::string message = file_names_only(error.what());
  switch (error.refusal()) {
    case db::SqlRefusal::TimedOut:
      send_sql_problem(req, res, ProblemKind::AnalysisFailed, parameter, "problem.sql.timed_out",
                       {{"message", message}});
      return;
    case db::SqlRefusal::NotOneStatement:
    case db::SqlRefusal::NotARead:
      send_sql_problem(req, res, ProblemKind::InvalidValue, parameter, "problem.sql.refused", {{"message", message}});
      return;
    case db::SqlRefusal::Failed:
      send_sql_problem(req, res, ProblemKind::InvalidValue, parameter, "problem.sql.failed", {{"message", message}});
      return;
  }
}

void send_result(const Request& req, Response& res, const SqlRequest& request, const db::SqlResult& result) {
  if (!result.truncated_by.empty()) res.set_header("X-Result-Truncated", result.truncated_by);
  if (request.format == "parquet") {
    res.set_header("Content-Disposition", "attachment; filename=\"query.parquet\"");
    send_body(req, res, 200, "application/vnd.apache.parquet", make_body(db::result_parquet(result), false),
              "no-store");
    return;
  }
  if (request.format == "csv") {
    res.set_header("Content-Disposition", "attachment; filename=\"query.csv\"");
    send_body(req, res, 200, "text/csv; charset=utf-8", make_body(sql_result_csv(result), true), "no-store");
    return;
  }
  send_json(req, res, 200, sql_result_json(result));
}

void run_sql(const Request& req, Response& res, const DataService& data, const SiteInfo& site, DataWorkbench& bench) {
  SqlWorkbench& workbench = *bench.sql;
  if (!workbench.config().enabled) throw NotFoundError("the SQL workbench is switched off");
  checked_params(req, {"q", "format"});
  SqlRequest request;
  const auto param = [&req](const char* name) -> std::optional<std::string> {
    if (!req.has_param(name)) return std::nullopt;
    return req.get_param_value(name);
  };
  try {
    request = parse_sql_request({req.method, req.get_header_value("Content-Type"), req.body, param("q"),
                                 param("format"), workbench.config().max_query_bytes});
  } catch (const SqlRequestError& e) {
    send_problem(req, res, ProblemKind::InvalidValue, e.text(request_language(req)), e.parameter());
    return;
  }
  const std::string client = site.client_of(req);
  if (const double wait = workbench.limiter.acquire(client); wait > 0) {
    send_too_many(req, res, wait, "problem.sql.too_many_client");
    return;
  }
  const auto slot = workbench.enter(client);
  if (!slot) {
    send_too_many(req, res, 1, "problem.sql.too_many_running");
    return;
  }
  const auto dataset = data.dataset();
  const auto sandbox = workbench.sandbox(*dataset);
  try {
    send_result(req, res, request, sandbox->run(request.sql));
  } catch (const db::SqlError& e) {
    spdlog::info("SQL refused ({}): {}", static_cast<int>(e.refusal()), e.what());
    send_sql_error(req, res, e, req.method == "POST" ? "sql" : "q");
  }
}

void get_sql(const Request& req, Response& res, const DataService& data, const SiteInfo& site,
             DataWorkbench& workbench) {
  run_sql(req, res, data, site, workbench);
}

void post_sql(const Request& req, Response& res, const DataService& data, const SiteInfo& site,
              DataWorkbench& workbench) {
  run_sql(req, res, data, site, workbench);
}

json query_parameter(const std::string& name, const std::string& description, json schema) {
  return {{"name", name}, {"in", "query"}, {"required", name == "q"}, {"description", description}, {"schema", schema}};
}

}  // namespace

json sql_result_json(const db::SqlResult& result) {
  json columns = json::array();
  for (const auto& column : result.columns) columns.push_back({{"name", column.name}, {"type", column.type}});
  json rows = json::array();
  for (const auto& row : result.rows) {
    json cells = json::array();
    for (const auto& value : row) cells.push_back(db::to_json(value));
    rows.push_back(std::move(cells));
  }
  return {{"columns", columns},
          {"rows", rows},
          {"row_count", result.rows.size()},
          {"truncated", !result.truncated_by.empty()},
          {"truncated_by", result.truncated_by.empty() ? json(nullptr) : json(result.truncated_by)},
          {"elapsed_ms", result.elapsed_ms}};
}

std::string sql_result_csv(const db::SqlResult& result) {
  std::string out;
  for (std::size_t c = 0; c < result.columns.size(); ++c) {
    if (c > 0) out += ',';
    out += csv_cell(result.columns[c].name);
  }
  out += "\r\n";
  for (const auto& row : result.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      out += csv_cell(row[c]);
    }
    out += "\r\n";
  }
  return out;
}

std::vector<RouteSpec> with_sql_routes(std::vector<RouteSpec> routes) {
  routes.push_back({"GET",
                    "/api/v1/sql",
                    "/api/v1/sql",
                    "Run one read-only SQL query (short queries; POST for long ones)",
                    "data",
                    {"q", "format"},
                    api::takes<get_sql>});
  routes.push_back({"POST",
                    "/api/v1/sql",
                    "/api/v1/sql",
                    "Run one read-only SQL query given in the body",
                    "data",
                    {"format"},
                    api::takes<post_sql>});
  return routes;
}

json sql_openapi_operation(const std::string& path, const std::string& method) {
  if (path != "/api/v1/sql") return nullptr;
  const json format = query_parameter("format", "Answer as JSON (default), CSV or Parquet",
                                      {{"type", "string"}, {"enum", {"json", "csv", "parquet"}}, {"default", "json"}});
  const json lang =
      query_parameter("lang", "Language of messages", {{"type", "string"}, {"enum", {"en", "fr"}}, {"default", "en"}});
  json operation;
  operation["description"] =
      "One SELECT-like statement over a read-only copy of the data model with external access off; interrupted "
      "at sql.timeout_s, cut at sql.max_rows rows or sql.max_result_bytes (truncated: true, X-Result-Truncated). "
      "Refused: several statements, anything but a read (COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, CREATE…), file "
      "or network access.";
  if (method == "get") {
    operation["parameters"] = {query_parameter("q", "The SQL query", {{"type", "string"}}), format, lang};
  } else {
    const json schema = {
        {"type", "object"},
        {"required", {"sql"}},
        {"additionalProperties", false},
        {"properties",
         {{"sql", {{"type", "string"}}}, {"format", {{"type", "string"}, {"enum", {"json", "csv", "parquet"}}}}}}};
    operation["parameters"] = {format, lang};
    operation["requestBody"] = {
        {"required", true},
        {"content", {{"application/json", {{"schema", schema}}}, {"text/plain", {{"schema", {{"type", "string"}}}}}}}};
  }
  const auto problem = [](const std::string& description) {
    return json{{"description", description},
                {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  };
  operation["responses"] = {
      {"200",
       {{"description", "columns (name, type), rows (arrays), row_count, truncated, truncated_by, elapsed_ms"},
        {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}, {"text/csv", json::object()}}}}},
      {"400", problem("Refused or failed query (DuckDB's message), or a bad parameter")},
      {"404", problem("The SQL workbench is switched off (sql.enabled)")},
      {"422", problem("Interrupted at the time limit")},
      {"429", problem("Rate limit or concurrent-query cap reached (Retry-After)")}};
  return operation;
}

}  // namespace mtm::server
