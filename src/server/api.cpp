#include "server/api.hpp"

#include <fmt/format.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "analysis/filters.hpp"
#include "analysis/overview/findings.hpp"
#include "analysis/preload.hpp"
#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "core/errors.hpp"
#include "core/logging.hpp"
#include "core/version_info.hpp"
#include "present/catalog.hpp"
#include "present/message.hpp"
#include "server/explorer_routes.hpp"
#include "server/openapi.hpp"
#include "server/param_reader.hpp"
#include "server/problem.hpp"
#include "server/response.hpp"
#include "server/sql_workbench.hpp"

namespace mtm::server {

ApiContext::ApiContext(const ServerOptions& options)
    : cache(options.cache_bytes),
      assets(embedded_files()),
      data(options, cache),
      site(options),
      events(options),
      workbench(options) {
  // Before the server listens, hence before /readyz can answer.
  if (!options.preload_analyses) return;
  // The gzip copies of the assets are made alongside the preload (which uses one core for most of its time).
  std::thread compress([this] { assets.compress_all(); });
  data.preload(*data.dataset());
  compress.join();
}

bool& cache_probe_active() noexcept {
  thread_local bool active = false;
  return active;
}

bool& cache_probe_missed() noexcept {
  thread_local bool missed = false;
  return missed;
}

ServerOptions server_options_from(const Config& config) {
  ServerOptions options;
  options.db_path = config.data.db;
  static_cast<HttpLimits&>(options) = config.server;
  options.cache_bytes = config.cache_bytes;
  options.environment = config.environment;
  options.badge = config.badge;
  options.slow_request_ms = config.server.slow_request_ms;
  options.events = config.events;
  options.sql = config.sql;
  options.exports_dir = config.data.exports_dir;
  options.admin_token = config.admin_token;
  options.preload_analyses = true;
  options.db_memory_bytes = config.db_memory_bytes;
  return options;
}

namespace {

using nlohmann::json;

const std::vector<std::string> kNoParams;

std::string filter_default(const analysis::Filters& f, const std::string& name) {
  if (name == "year_from") return std::to_string(f.year_from);
  if (name == "year_to") return std::to_string(f.year_to);
  if (name == "seasons") return fmt::format("{}", fmt::join(f.seasons, ","));
  if (name == "days") return fmt::format("{}", fmt::join(f.days, ","));
  if (name == "date_basis") return f.date_basis;
  if (name == "min_interactions") return std::to_string(f.min_interactions);
  if (name == "top_n") return std::to_string(f.top_n);
  if (name == "min_frequency") return fmt::format("{}", f.min_frequency);
  if (name == "min_difference") return fmt::format("{}", f.min_difference);
  if (name == "band_low") return fmt::format("{}", f.band_low);
  if (name == "band_high") return fmt::format("{}", f.band_high);
  if (name == "clean_only") return f.clean_only ? "true" : "false";
  if (name == "lang") return f.lang;
  return "";
}

json filters_json(const analysis::Filters& f) {
  return {{"year_from", f.year_from},
          {"year_to", f.year_to},
          {"seasons", f.selected_seasons()},
          {"days", f.selected_days()},
          {"date_basis", f.date_basis},
          {"min_interactions", f.min_interactions},
          {"top_n", f.top_n},
          {"min_frequency", f.min_frequency},
          {"min_difference", f.min_difference},
          {"band_low", f.band_low},
          {"band_high", f.band_high},
          {"clean_only", f.clean_only},
          {"lang", f.lang}};
}

json spec_json(const analysis::FilterSpec& spec, const std::string& default_value) {
  json out = {{"name", spec.name},
              {"type", spec.type},
              {"description", spec.description},
              {"default", default_value},
              {"allowed", spec.allowed}};
  if (spec.type == "integer" || spec.type == "number" || spec.type == "integer_list") {
    out["minimum"] = spec.minimum;
    out["maximum"] = spec.maximum;
  }
  return out;
}

/// Run fn(dataset) through the result cache under key (within the current dataset's generation); the body is JSON.
template <typename Fn>
void cached_json(LruCache& cache, const DataService& data, const Request& req, Response& res, const std::string& key,
                 Fn&& fn) {
  const auto dataset = data.dataset();
  const std::string full_key = fmt::format("{}|{}", dataset->generation(), key);
  auto body = cache.get(full_key, !cache_probe_active());
  if (!body && cache_probe_active()) {
    cache_probe_missed() = true;
    return;
  }
  // Says whether the answer was computed, so a benchmark can prove its "uncached" requests were.
  res.set_header("X-Cache", body ? "hit" : "miss");
  if (!body) {
    json value = fn(*dataset);
    body = make_body(value.dump(-1, ' ', false, json::error_handler_t::replace), true);
    cache.put(full_key, body);
  }
  send_body(req, res, 200, "application/json", body, "no-cache");
}

std::string date_part(const json& value) {
  if (!value.is_string()) return "";
  return value.get<std::string>().substr(0, 10);
}

void send_asset(const Request& req, Response& res, const StaticAsset& asset) {
  send_view(req, res, 200, asset.content_type(), nullptr, asset.data(), asset.gzip(), asset.etag(),
            asset.cache_control());
}

}  // namespace

namespace api {

void get_index(const Request& req, Response& res, const StaticAssets& assets) {
  // The view state (page, lang, filters) lives in this page's query string; the UI validates it.
  // The page's language: its lang parameter, else the browser's (Accept-Language), as app.js chooses it.
  const StaticAsset* index = assets.index_for(request_language(req));
  if (index == nullptr) throw NotFoundError("index.html is not embedded");
  send_asset(req, res, *index);
  res.set_header("Vary", "Accept-Encoding, Accept-Language");
}

void get_asset(const Request& req, Response& res, const StaticAssets& assets) {
  const std::string path = req.matches[1].str();
  const StaticAsset* asset = assets.find(path);
  if (asset == nullptr) throw NotFoundError(req.path);
  send_asset(req, res, *asset);
}

void get_healthz(const Request& req, Response& res) {
  checked_params(req, kNoParams);
  res.set_header("Cache-Control", "no-store");
  res.set_content(R"({"status":"ok"})", "application/json");
}

void get_readyz(const Request& req, Response& res, const DataService& data) {
  checked_params(req, kNoParams);
  const auto dataset = data.dataset();
  try {
    // Opening checked the file once; this checks it still answers now.
    auto connection = dataset->connect();
    (void)connection->query("SELECT count(*) FROM dataset_info").rows();
  } catch (const std::exception& e) {
    spdlog::error("readyz: database not answering: {}", e.what());
    send_problem(req, res, ProblemKind::NotReady, problem_detail(ProblemKind::NotReady, request_language(req)));
    return;
  }
  res.set_header("Cache-Control", "no-store");
  res.set_content(dataset->status_json("ready").dump(), "application/json");
}

void get_meta(const Request& req, Response& res, LruCache& cache, const DataService& data, const SiteInfo& site) {
  checked_params(req, kNoParams);
  cached_json(cache, data, req, res, "meta", [&](const Dataset& dataset) {
    auto connection = dataset.connect();
    const json summary = analysis::dataset_summary(*connection);
    return json{{"name", "Mangetamain Analytics"},
                {"version", version::kVersion},
                {"commit", version::kGitCommit},
                {"build_date", version::kBuildDate},
                {"environment", std::string(environment_name(site.environment))},
                {"badge", site.badge},
                {"data_date", date_part(summary.value("ingested_at", json()))},
                {"is_synthetic", summary.value("is_synthetic", false)},
                {"source", file_names_only_json(summary.value("source", json()))},
                {"analyses", analysis::analyses().size()},
                {"languages", present::Catalog::instance().languages()}};
  });
}

void get_summary(const Request& req, Response& res, LruCache& cache, const DataService& data) {
  checked_params(req, kNoParams);
  cached_json(cache, data, req, res, "summary", [](const Dataset& dataset) {
    auto connection = dataset.connect();
    // The source names the files read by ingest: their names, not where they live on the server.
    return file_names_only_json(analysis::dataset_summary(*connection));
  });
}

void get_findings(const Request& req, Response& res, LruCache& cache, const DataService& data) {
  checked_params(req, kNoParams);
  // The findings are computed once per dataset and written in the request's language.
  const std::string lang = request_language(req);
  cached_json(cache, data, req, res, "findings?" + lang, [&](const Dataset& dataset) {
    const auto findings =
        dataset.results().get_or_compute("findings", [&] { return analysis::key_findings(*dataset.connect()); });
    return analysis::localize(*findings, lang);
  });
}

void get_ingest_report(const Request& req, Response& res, LruCache& cache, const DataService& data) {
  checked_params(req, kNoParams);
  cached_json(cache, data, req, res, "ingest-report", [](const Dataset& dataset) {
    auto connection = dataset.connect();
    json rows = analysis::ingest_report(*connection);
    // parameters is JSON text in the table; hand it over as JSON when it parses.
    for (auto& row : rows) {
      if (row.contains("parameters") && row["parameters"].is_string()) {
        json parsed = json::parse(row["parameters"].get<std::string>(), nullptr, false);
        if (!parsed.is_discarded()) row["parameters"] = std::move(parsed);
      }
    }
    return json{{"steps", file_names_only_json(rows)}};
  });
}

void get_analyses(const Request& req, Response& res, LruCache& cache, const DataService& data) {
  checked_params(req, kNoParams);
  const std::string lang = request_language(req);
  cached_json(cache, data, req, res, "analyses?" + lang, [&](const Dataset&) {
    json list = json::array();
    for (const auto& a : analysis::analyses()) {
      json filters = json::array();
      for (const auto& name : a.filters) {
        if (const auto* spec = analysis::find_filter_spec(name))
          filters.push_back(spec_json(*spec, filter_default(a.defaults, name)));
      }
      list.push_back(
          {{"id", a.id},
           {"page", a.page},
           {"title", analysis::localize(
                         present::message(a.title.value("str", a.id), a.title.value("params", json::object())), lang)},
           {"filters", filters},
           {"href", fmt::format("/api/v1/analyses/{}", a.id)}});
    }
    return json{{"analyses", list}};
  });
}

void get_analysis(const Request& req, Response& res, LruCache& cache, const DataService& data) {
  const std::string id = req.matches[1].str();
  const analysis::Analysis* a = analysis::find_analysis(id);
  if (a == nullptr) throw ParameterError(ProblemKind::UnknownAnalysis, "", id, fmt::format("no analysis '{}'", id));
  const auto params = checked_params(req, a->filters);
  const analysis::Filters filters = analysis::parse_filters(params, a->filters, a->defaults);
  cached_json(
      cache, data, req, res, fmt::format("analysis:{}?{}", a->id, filters.canonical()), [&](const Dataset& dataset) {
        const auto compute = [&] {
          const auto start = std::chrono::steady_clock::now();
          auto connection = dataset.connect();
          json result = a->run(*connection, filters);
          if (!result.is_object()) result = json{{"result", std::move(result)}};
          const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
          spdlog::debug("analysis {} computed in {:.1f} ms", a->id, ms);
          return result;
        };
        // One computation serves every language: the language-free result is kept per dataset and
        // rendered per request language (an analysis still writing literal pairs is keyed by language).
        const std::string key =
            fmt::format("{}?{}", a->id, a->language_free ? filters.canonical_scope() : filters.canonical());
        bool computed = false;
        json result = analysis::localize(*dataset.results().get_or_compute(key, compute, &computed), filters.lang);
        // Says whether the language-free result was computed or reused for this language.
        res.set_header("X-Result-Cache", computed ? "miss" : "hit");
        result["id"] = a->id;
        result["page"] = a->page;
        result["filters"] = filters_json(filters);
        return result;
      });
}

void get_openapi(const Request& req, Response& res) {
  checked_params(req, kNoParams);
  static const auto body = make_body(openapi_document().dump(2), true);
  send_body(req, res, 200, "application/json", body, "no-cache");
}

}  // namespace api
}  // namespace mtm::server
