#include "server/openapi.hpp"

#include <fmt/format.h>

#include "analysis/filters.hpp"
#include "analysis/registry.hpp"
#include "core/version_info.hpp"
#include "server/data_routes.hpp"
#include "server/explorer_routes.hpp"
#include "server/routes.hpp"
#include "server/sql_routes.hpp"

namespace mtm::server {

namespace {

using nlohmann::json;

json lang_parameter() {
  return {{"name", "lang"},
          {"in", "query"},
          {"required", false},
          {"description", "Language of messages and narratives"},
          {"schema", {{"type", "string"}, {"enum", {"en", "fr"}}, {"default", "en"}}}};
}

json filter_parameter(const analysis::FilterSpec& spec) {
  json schema;
  if (spec.type == "integer") {
    schema = {{"type", "integer"}, {"minimum", spec.minimum}, {"maximum", spec.maximum}};
  } else if (spec.type == "number") {
    schema = {{"type", "number"}, {"minimum", spec.minimum}, {"maximum", spec.maximum}};
  } else if (spec.type == "boolean") {
    schema = {{"type", "boolean"}};
  } else if (spec.type == "enum") {
    schema = {{"type", "string"}, {"enum", spec.allowed}};
  } else {
    // Lists travel as one comma-separated value (seasons=winter,summer).
    schema = {{"type", "string"}, {"pattern", "^[^,]+(,[^,]+)*$"}};
  }
  if (!spec.default_value.empty()) schema["default"] = spec.default_value;
  std::string description = spec.description;
  if (spec.type == "enum_list") description += fmt::format(" (comma-separated: {})", fmt::join(spec.allowed, ", "));
  return {{"name", spec.name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", schema}};
}

json problem_response(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

json json_response(const std::string& description) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
}

std::string operation_id(const std::string& path, const std::string& method = "get") {
  std::string id = method;
  bool upper = true;
  for (char c : path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      id += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  return id == method ? method + "Index" : id;
}

}  // namespace

json event_request_body() {
  json properties = {
      {"type", {{"type", "string"}, {"enum", {"page_view", "filter_change", "language_change", "download"}}}},
      {"page", {{"type", "string"}, {"pattern", "^[a-z0-9_-]{1,40}$"}}},
      {"lang", {{"type", "string"}, {"enum", {"en", "fr"}}}},
      {"client_id",
       {{"type", "string"},
        {"pattern", "^[A-Za-z0-9-]{8,64}$"},
        {"description", "Anonymous random id of the browser"}}},
  };
  const json one_of =
      json::array({json{{"type", "string"}, {"maxLength", 200}}, json{{"type", "number"}}, json{{"type", "boolean"}}});
  properties["params"] = {{"type", "object"}, {"maxProperties", 24}, {"additionalProperties", {{"oneOf", one_of}}}};
  json schema = {{"type", "object"},
                 {"required", {"type", "page", "lang", "client_id"}},
                 {"additionalProperties", false},
                 {"properties", properties}};
  // sendBeacon posts text/plain; the body is the same JSON.
  return {{"required", true},
          {"content", {{"application/json", {{"schema", schema}}}, {"text/plain", {{"schema", schema}}}}}};
}

json openapi_document() {
  json paths = json::object();
  for (const auto& route : route_specs()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(c - 'A' + 'a');
    json operation = {
        {"summary", route.summary}, {"tags", {route.tag}}, {"operationId", operation_id(route.path, method)}};
    json parameters = json::array();
    if (route.path == "/assets/{path}") {
      parameters.push_back({{"name", "path"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
      operation["responses"] = {{"200", {{"description", "The file"}}}, {"404", problem_response("No such asset")}};
    } else if (route.path == "/metrics") {
      operation["responses"] = {
          {"200", {{"description", "Prometheus text format 0.0.4"}, {"content", {{"text/plain", json::object()}}}}}};
    } else if (route.path == "/api/v1/events") {
      parameters.push_back(lang_parameter());
      operation["requestBody"] = event_request_body();
      operation["responses"] = {{"204", {{"description", "Logged"}}},
                                {"400", problem_response("A field is missing or invalid (parameter names it)")},
                                {"413", problem_response("Body larger than events.max_bytes")},
                                {"429", problem_response("Too many events from this client (Retry-After)")}};
    } else if (route.path == "/api/v1/admin/reload") {
      parameters.push_back(lang_parameter());
      operation["security"] = {{{"adminToken", json::array()}}};
      operation["responses"] = {{"200", json_response("Reloaded: the new dataset's path, generation and identity")},
                                {"401", problem_response("Missing or wrong admin token")},
                                {"403", problem_response("No admin token configured: administration is off")},
                                {"503", problem_response("The new dataset could not be loaded; the old one stays")}};
    } else if (json sql = sql_openapi_operation(route.path, method); !sql.is_null()) {
      operation.update(sql);
    } else if (json data = data_openapi_operation(route.path); !data.is_null()) {
      operation.update(data);
    } else if (route.path == "/") {
      operation["responses"] = {{"200", {{"description", "index.html"}, {"content", {{"text/html", json::object()}}}}}};
    } else {
      if (route.path == "/api/v1/analyses/{id}") {
        parameters.push_back({{"name", "id"},
                              {"in", "path"},
                              {"required", true},
                              {"description", "Analysis id; see the per-analysis paths for each one's filters"},
                              {"schema", {{"type", "string"}}}});
      }
      for (auto& p : explorer_openapi_parameters(route.path)) parameters.push_back(std::move(p));
      parameters.push_back(lang_parameter());
      operation["responses"] = {{"200", json_response("OK")},
                                {"400", problem_response("Unknown parameter or bad value")},
                                {"500", problem_response("Internal error")}};
      if (auto fields = explorer_openapi_response(route.path); !fields.is_null())
        operation["responses"]["200"]["content"]["application/json"]["schema"] = std::move(fields);
      if (route.path == "/api/v1/analyses/{id}") operation["responses"]["404"] = problem_response("Unknown analysis");
      if (route.path.find("{id}") != std::string::npos && route.tag == "explorer")
        operation["responses"]["404"] = problem_response("No such recipe, contributor or user");
      if (route.path == "/readyz") operation["responses"]["503"] = problem_response("Database not answering");
    }
    if (!parameters.empty()) operation["parameters"] = parameters;
    paths[route.path][method] = operation;
  }
  for (const auto& a : analysis::analyses()) {
    json parameters = json::array();
    for (const auto& name : a.filters) {
      if (const auto* spec = analysis::find_filter_spec(name); spec != nullptr && name != "lang") {
        parameters.push_back(filter_parameter(*spec));
      }
    }
    parameters.push_back(lang_parameter());
    paths[fmt::format("/api/v1/analyses/{}", a.id)]["get"] = {
        {"summary", a.title_en},
        {"description", fmt::format("{} (page {}). Served by GET /api/v1/analyses/{{id}}.", a.title_en, a.page)},
        {"tags", {a.page}},
        {"operationId", operation_id("/api/v1/analyses/" + a.id)},
        {"parameters", parameters},
        {"responses",
         {{"200", json_response("The analysis result: charts, metrics, tests, tables, narrative")},
          {"400", problem_response("Unknown parameter or bad value")},
          {"422", problem_response("The analysis cannot be computed on this data")}}}};
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "Mangetamain Analytics API"},
            {"version", version::kVersion},
            {"description", "Food.com recipes and ratings, analysed. Errors are RFC 9457 problem+json documents."}}},
          {"paths", paths},
          {"components",
           {{"securitySchemes", {{"adminToken", {{"type", "http"}, {"scheme", "bearer"}}}}},
            {"schemas",
             {{"Problem",
               {{"type", "object"},
                {"required", {"type", "title", "status", "detail"}},
                {"properties",
                 {{"type", {{"type", "string"}}},
                  {"title", {{"type", "string"}}},
                  {"status", {{"type", "integer"}}},
                  {"detail", {{"type", "string"}}},
                  {"parameter", {{"type", "string"}}}}}}}}}}}};
}

}  // namespace mtm::server
