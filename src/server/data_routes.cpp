#include "server/data_routes.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "data/exports.hpp"
#include "data/result_parquet.hpp"
#include "data/value_json.hpp"
#include "server/api.hpp"
#include "server/event_budget.hpp"
#include "server/file_response.hpp"
#include "server/problem.hpp"
#include "server/rate_limiter.hpp"
#include "server/response.hpp"
#include "server/routes.hpp"
#include "server/sql_routes.hpp"
#include "server/sql_workbench.hpp"
#include "server/table_browser.hpp"

namespace mtm::server {

namespace {

using nlohmann::json;

const std::vector<std::string> kNoParams;

// The export files of each dataset identity served so far. Writing a set takes seconds, so one request writes it
// while the others wait on the mutex, then every later request reads the list.
std::vector<db::ExportFile> exports_of(const DataWorkbench& workbench, const Dataset& dataset) {
  static std::mutex mutex;
  static std::map<std::string, std::vector<db::ExportFile>> known;
  std::lock_guard lock(mutex);
  const std::string key = workbench.exports_dir + '\n' + dataset.identity();
  auto it = known.find(key);
  if (it == known.end()) {
    it = known.emplace(key, db::ensure_exports(dataset.path(), workbench.exports_dir, dataset.identity())).first;
  }
  return it->second;
}

std::string content_type(const db::ExportFile& file) {
  return file.format == "parquet" ? "application/vnd.apache.parquet" : "text/csv; charset=utf-8";
}

std::string etag(const Dataset& dataset, const db::ExportFile& file) {
  return fmt::format("\"{}-{}-{}\"", dataset.identity(), file.name, file.bytes);
}

void get_exports(const Request& req, Response& res, const DataService& data, const DataWorkbench& workbench) {
  checked_params(req, kNoParams);
  const auto dataset = data.dataset();
  json files = json::array();
  for (const auto& file : exports_of(workbench, *dataset)) {
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

void get_export(const Request& req, Response& res, const DataService& data, const DataWorkbench& workbench) {
  checked_params(req, kNoParams);
  const std::string name = req.matches.size() > 1 ? req.matches[1].str() : std::string();
  const auto dataset = data.dataset();
  for (const auto& file : exports_of(workbench, *dataset)) {
    if (file.name == name) {
      send_file(req, res, file.path, content_type(file), etag(*dataset, file), file.name);
      return;
    }
  }
  throw NotFoundError("no export named " + name);
}

// Columns offered as facets besides the booleans: few distinct values, each meaningful to count.
bool facet_column(const std::string& name, const std::string& type) {
  static const std::vector<std::string> kNames = {"season", "weekday", "month",      "year",
                                                  "rating", "kind",    "table_name", "rule"};
  return type == "BOOLEAN" || std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::vector<TableSchema> read_catalog(const Dataset& dataset) {
  auto connection = dataset.connect();
  std::vector<TableSchema> tables;
  for (const auto& row : connection
                             ->query("SELECT table_name, table_type FROM information_schema.tables "
                                     "WHERE table_schema = 'main' ORDER BY table_name")
                             .rows()) {
    const std::string type = db::to_text(row[1]);
    tables.push_back({db::to_text(row[0]), type == "VIEW" ? "view" : "table", {}, 0});
  }
  for (const auto& row : connection
                             ->query("SELECT table_name, column_name, data_type FROM information_schema.columns "
                                     "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position")
                             .rows()) {
    const std::string table = db::to_text(row[0]);
    for (auto& t : tables) {
      if (t.name == table) {
        t.columns.push_back(
            {db::to_text(row[1]), db::to_text(row[2]), facet_column(db::to_text(row[1]), db::to_text(row[2]))});
      }
    }
  }
  for (auto& table : tables) {
    table.rows =
        std::get<std::int64_t>(connection->query("SELECT count(*) FROM " + quoted_identifier(table.name)).scalar());
  }
  return tables;
}

// The tables of a dataset, read once per dataset generation.
std::vector<TableSchema> catalog_of(const Dataset& dataset) {
  static std::mutex mutex;
  static std::map<std::string, std::vector<TableSchema>> known;
  std::lock_guard lock(mutex);
  const std::string key = fmt::format("{}\n{}", dataset.path(), dataset.generation());
  auto it = known.find(key);
  if (it == known.end()) it = known.emplace(key, read_catalog(dataset)).first;
  return it->second;
}

db::Result run_bound(db::Connection& connection, const BoundSql& bound) {
  db::PreparedStatement statement(connection, bound.sql);
  for (std::size_t i = 0; i < bound.values.size(); ++i) statement.bind(i + 1, bound.values[i]);
  return statement.execute();
}

void get_tables(const Request& req, Response& res, const DataService& data) {
  checked_params(req, kNoParams);
  json tables = json::array();
  for (const auto& table : catalog_of(*data.dataset())) {
    json columns = json::array();
    for (const auto& c : table.columns) columns.push_back({{"name", c.name}, {"type", c.type}, {"facet", c.facet}});
    tables.push_back({{"name", table.name}, {"kind", table.kind}, {"rows", table.rows}, {"columns", columns}});
  }
  send_json(req, res, 200, {{"tables", tables}});
}

/// Removes a file when it goes out of scope (an open descriptor keeps its bytes readable until closed).
struct RemovedAfter {
  std::filesystem::path path;
  explicit RemovedAfter(std::filesystem::path p) : path(std::move(p)) {}
  RemovedAfter(const RemovedAfter&) = delete;
  RemovedAfter& operator=(const RemovedAfter&) = delete;
  ~RemovedAfter() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

/// Every row of the view as one CSV or Parquet file: DuckDB writes it to a private temporary file (bound values,
/// a path of ours), which is streamed from disk and removed once open. Admitted like a SQL query (the workbench's
/// rate limit and concurrency caps): a whole table is a heavy request.
void send_whole_view(const SiteInfo& site, const DataWorkbench& bench, const Request& req, Response& res,
                     db::Connection& connection, const TableView& view, const TableSchema& table,
                     const std::string& format) {
  auto& sql = *bench.sql;
  const std::string client = site.client_of(req);
  const auto slot = sql.limiter.acquire(client) > 0 ? std::nullopt : sql.enter(client);
  if (!slot) {
    res.set_header("Retry-After", "1");
    send_problem(req, res, ProblemKind::TooManyRequests, request_message(req, "problem.too_many_downloads"), "all");
    return;
  }
  static std::atomic<std::uint64_t> serial{0};
  const std::uint64_t n = ++serial;
  const RemovedAfter file{std::filesystem::temp_directory_path() /
                          fmt::format("mtm-view-{}-{}.{}", ::getpid(), n, format)};
  BoundSql copy = view_sql(view, table);
  copy.sql = fmt::format("COPY ({}) TO '{}' ({})", copy.sql, file.path.string(),
                         format == "parquet" ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER");
  run_bound(connection, copy);
  send_file(req, res, file.path, format == "parquet" ? "application/vnd.apache.parquet" : "text/csv; charset=utf-8",
            fmt::format("\"view-{}-{}\"", ::getpid(), n), fmt::format("{}-all.{}", table.name, format));
}

void get_rows(const Request& req, Response& res, const DataService& data, const SiteInfo& site,
              const DataWorkbench& workbench) {
  const auto dataset = data.dataset();
  const auto tables = catalog_of(*dataset);
  std::multimap<std::string, std::string> params(req.params.begin(), req.params.end());
  std::string format = "json";
  if (const auto it = params.find("format"); it != params.end()) {
    format = it->second;
    if (format != "json" && format != "csv" && format != "parquet") {
      throw ValidationError("format", "parameter 'format' must be json, csv or parquet");
    }
    params.erase(it);
  }
  bool all = false;
  if (const auto it = params.find("all"); it != params.end()) {
    if (it->second != "1" && it->second != "true") throw ValidationError("all", "parameter 'all' must be 1 or true");
    if (format == "json") throw ValidationError("all", "parameter 'all' needs format=csv or format=parquet");
    all = true;
    params.erase(it);
  }
  const TableView view = parse_view(params, tables);
  const TableSchema& table = table_of(view, tables);
  auto connection = dataset->connect();
  if (all) {
    send_whole_view(site, workbench, req, res, *connection, view, table, format);
    return;
  }
  db::SqlResult page;
  for (const auto& column : table.columns) page.columns.push_back({column.name, column.type});
  page.rows = run_bound(*connection, page_sql(view, table)).rows();
  if (format == "parquet") {
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"{}-page{}.parquet\"", table.name, view.page));
    send_body(req, res, 200, "application/vnd.apache.parquet", make_body(db::result_parquet(page), false), "no-cache");
    return;
  }
  if (format == "csv") {
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}-page{}.csv\"", table.name, view.page));
    send_body(req, res, 200, "text/csv; charset=utf-8", make_body(sql_result_csv(page), true), "no-cache");
    return;
  }
  const auto total = std::get<std::int64_t>(run_bound(*connection, count_sql(view, table)).scalar());
  json facets = json::object();
  for (const auto& column : table.columns) {
    if (!column.facet) continue;
    json values = json::array();
    for (const auto& row : run_bound(*connection, facet_sql(view, table, column.name, 30)).rows()) {
      values.push_back({db::to_json(row[0]), db::to_json(row[1])});
    }
    facets[column.name] = values;
  }
  json body = sql_result_json(page);
  body.erase("elapsed_ms");
  body.erase("truncated");
  body.erase("truncated_by");
  body["table"] = table.name;
  body["total"] = total;
  body["page"] = view.page;
  body["per_page"] = view.per_page;
  body["sort"] = view.sort.empty() ? json(nullptr) : json(view.sort);
  body["order"] = view.descending ? "desc" : "asc";
  body["facets"] = facets;
  send_json(req, res, 200, body);
}

}  // namespace

std::vector<RouteSpec> with_data_routes(std::vector<RouteSpec> routes) {
  routes.push_back({"GET", "/api/v1/data/tables", "/api/v1/data/tables",
                    "Every table and view: kind, row count, columns with their types and whether they are facets",
                    "data", kNoParams, api::takes<get_tables>});
  routes.push_back({"GET", "/api/v1/data/rows", "/api/v1/data/rows",
                    "A page of one table's rows: per-column filters (eq., min., max., has.), sort, facets with counts; "
                    "format=csv for the page as CSV",
                    "data", kNoParams, api::takes<get_rows>});
  routes.push_back({"GET", "/api/v1/exports", "/api/v1/exports",
                    "The Parquet and CSV exports of the clean data: name, table, format, bytes, rows, url", "data",
                    kNoParams, api::takes<get_exports>});
  routes.push_back({"GET", "/api/v1/exports/{name}", "/api/v1/exports/([a-z_]+\\.(?:parquet|csv))",
                    "One export file (ETag, Range: 206/416)", "data", kNoParams, api::takes<get_export>});
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
  if (path == "/api/v1/data/rows") {
    const auto query = [](const std::string& name, const std::string& description, json schema, bool required) {
      return json{
          {"name", name}, {"in", "query"}, {"required", required}, {"description", description}, {"schema", schema}};
    };
    return {{"description",
             "Filters per column, any number: eq.COLUMN=value (a list column: holds the value), min.COLUMN and "
             "max.COLUMN (a closed range on a number or date), has.COLUMN=text (contains, case-insensitive). Column "
             "names are checked against the table; values are bound parameters."},
            {"parameters",
             {query("table", "A table or view (GET /api/v1/data/tables)", {{"type", "string"}}, true),
              query("page", "Page number", {{"type", "integer"}, {"minimum", 1}, {"default", 1}}, false),
              query("per_page", "Rows per page",
                    {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxPerPage}, {"default", 50}}, false),
              query("sort", "Column to sort by (ties broken by every column)", {{"type", "string"}}, false),
              query("order", "Sort order", {{"type", "string"}, {"enum", {"asc", "desc"}}}, false),
              query("format", "json (rows, total, facets), or the page's rows as csv or parquet",
                    {{"type", "string"}, {"enum", {"json", "csv", "parquet"}}}, false),
              query("all", "With format=csv or parquet: every row of the view (all its pages), streamed from a file",
                    {{"type", "string"}, {"enum", {"1", "true"}}}, false),
              query("lang", "Language of messages", {{"type", "string"}, {"enum", {"en", "fr"}}}, false)}},
            {"responses",
             {{"200",
               {{"description", "columns, rows, row_count, total, page, per_page, sort, order, facets"},
                {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}, {"text/csv", json::object()}}}}},
              {"400",
               with_description(problem, "Unknown table, column or parameter, or a bad value (parameter names it)")}}}};
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
