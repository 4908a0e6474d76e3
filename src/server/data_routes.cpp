#include "server/data_routes.hpp"

#include <fmt/format.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "data/exports.hpp"
#include "server/api.hpp"
#include "server/file_response.hpp"
#include "server/response.hpp"
#include "server/routes.hpp"

namespace mtm::server {

namespace {

using nlohmann::json;

const std::vector<std::string> kNoParams;

// The export files of each dataset identity served so far. Writing a set takes seconds, so one request writes it
// while the others wait on the mutex, then every later request reads the list.
std::vector<db::ExportFile> exports_of(const ApiContext& ctx, const Dataset& dataset) {
  static std::mutex mutex;
  static std::map<std::string, std::vector<db::ExportFile>> known;
  std::lock_guard lock(mutex);
  const std::string key = ctx.exports_dir + '\n' + dataset.identity();
  auto it = known.find(key);
  if (it == known.end()) {
    it = known.emplace(key, db::ensure_exports(dataset.path(), ctx.exports_dir, dataset.identity())).first;
  }
  return it->second;
}

std::string content_type(const db::ExportFile& file) {
  return file.format == "parquet" ? "application/vnd.apache.parquet" : "text/csv; charset=utf-8";
}

std::string etag(const Dataset& dataset, const db::ExportFile& file) {
  return fmt::format("\"{}-{}-{}\"", dataset.identity(), file.name, file.bytes);
}

void get_exports(ApiContext& ctx, const Request& req, Response& res) {
  checked_params(req, kNoParams);
  const auto dataset = ctx.dataset();
  json files = json::array();
  for (const auto& file : exports_of(ctx, *dataset)) {
    files.push_back({{"name", file.name},
                     {"table", file.table},
                     {"format", file.format},
                     {"bytes", file.bytes},
                     {"rows", file.rows},
                     {"url", "/api/v1/exports/" + file.name}});
  }
  send_json(req, res, 200,
            {{"identity", dataset->identity()},
             {"is_synthetic", dataset->info().value("is_synthetic", false)},
             {"files", files}});
}

void get_export(ApiContext& ctx, const Request& req, Response& res) {
  checked_params(req, kNoParams);
  const std::string name = req.matches.size() > 1 ? req.matches[1].str() : std::string();
  const auto dataset = ctx.dataset();
  for (const auto& file : exports_of(ctx, *dataset)) {
    if (file.name == name) {
      send_file(req, res, file.path, content_type(file), etag(*dataset, file), file.name);
      return;
    }
  }
  throw NotFoundError("no export named " + name);
}

}  // namespace

std::vector<RouteSpec> with_data_routes(std::vector<RouteSpec> routes) {
  routes.push_back({"GET", "/api/v1/exports", "/api/v1/exports",
                    "The Parquet and CSV exports of the clean data: name, table, format, bytes, rows, url", "data",
                    kNoParams, api::Handler{get_exports}});
  routes.push_back({"GET", "/api/v1/exports/{name}", "/api/v1/exports/([a-z_]+\\.(?:parquet|csv))",
                    "One export file (ETag, Range: 206/416)", "data", kNoParams, api::Handler{get_export}});
  return routes;
}

json data_openapi_operation(const std::string& path) {
  const json problem = {
      {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  const auto with_description = [](json response, const std::string& description) {
    response["description"] = description;
    return response;
  };
  if (path == "/api/v1/exports") {
    return {{"responses",
             {{"200",
               {{"description", "identity, is_synthetic, files: name, table, format, bytes, rows, url"},
                {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
              {"503", with_description(problem, "The exports cannot be written")}}}};
  }
  if (path == "/api/v1/exports/{name}") {
    return {{"parameters",
             {{{"name", "name"},
               {"in", "path"},
               {"required", true},
               {"description", "table.format, e.g. recipes.parquet (GET /api/v1/exports lists them)"},
               {"schema", {{"type", "string"}, {"pattern", "^[a-z_]+[.](parquet|csv)$"}}}}}},
            {"responses",
             {{"200", {{"description", "The whole file (Accept-Ranges: bytes, ETag)"}}},
              {"206", {{"description", "One byte range (Content-Range)"}}},
              {"304", {{"description", "Not modified (If-None-Match)"}}},
              {"404", with_description(problem, "No such export")},
              {"416", {{"description", "Range not satisfiable (Content-Range: bytes */size)"}}}}}};
  }
  return nullptr;
}

}  // namespace mtm::server
