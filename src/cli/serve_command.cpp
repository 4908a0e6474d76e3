// `mangetamain serve`: the JSON API and the embedded web UI over one read-only database, taken from a local
// file or an s3:// data source; SIGHUP (or POST /api/v1/admin/reload) reloads it without a restart.
#include <fmt/format.h>
#include <malloc.h>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <memory>
#include <thread>

#include "analysis/registry.hpp"
#include "cli/commands.hpp"
#include "cli/config_options.hpp"
#include "cli/s3_source.hpp"
#include "core/config.hpp"
#include "core/environment.hpp"
#include "core/errors.hpp"
#include "core/logging.hpp"
#include "core/version_info.hpp"
#include "data/s3/s3_dataset.hpp"
#include "server/http_server.hpp"

namespace mtm::cli {

namespace {

// The database of an s3:// source, brought up to date in the cache; used at start and on every reload.
std::string prepare_from_s3(const Config& config, std::atomic<bool>& offline) {
  const data::s3::S3DataSource source =
      data::s3::parse_data_source(config.data.source, config.origin("data.source").where);
  const data::s3::S3Client client(s3_credentials_from(config));
  const data::s3::S3DatabaseResult prepared = data::s3::prepare_s3_database(client, source, config.data.cache_dir);
  for (const auto& w : prepared.warnings) spdlog::warn("{}", w);
  spdlog::info("data source {}: {} downloaded, {} up to date, {} from cache while offline{}", config.data.source,
               prepared.fetch.downloaded, prepared.fetch.not_modified, prepared.fetch.offline,
               prepared.ingested ? ", ingested" : "");
  offline = prepared.fetch.offline > 0;
  return prepared.db_path.string();
}

// How long a stop waits for the requests being handled: longer than any analysis takes, well under systemd's
// TimeoutStopSec (90 s by default).
constexpr std::chrono::milliseconds kDrainTimeout{10000};

void run_serve(const Config& config) {
#ifdef __GLIBC__
  // glibc gives threads up to 8 malloc arenas per core, and each arena keeps the high-water mark of the requests
  // it served. Over 64 workers that showed as resident size growing with use (web_bench, RSS after its load:
  // 305 MB; 299 with one arena per core, wrk still above 20k req/s). Set before any thread starts.
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(2U, std::thread::hardware_concurrency())));
#endif
  // Signals are taken by a waiting thread (not an async handler): SIGHUP reloads, SIGINT/SIGTERM stop. They are
  // blocked before any thread starts (the log writer, libcurl's resolver, DuckDB's workers during an S3 ingest),
  // since a thread created earlier would not block them and the kernel could hand it a SIGTERM, which kills.
  // A signal during a first download stays pending and stops the server as soon as the waiter runs.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const bool from_s3 = data::s3::is_s3_url(config.data.source);
  server::ServerOptions server_options = server::server_options_from(config);
  if (!from_s3) {
    const bool local_source = !config.data.source.empty();
    if (local_source) server_options.db_path = config.data.source;
    if (!std::filesystem::exists(server_options.db_path)) {
      throw ConfigurationError(
          fmt::format("database '{}' (from {}) does not exist (create it with `mangetamain ingest`)",
                      server_options.db_path, config.origin(local_source ? "data.source" : "data.db").where));
    }
  }
  init_logging(log_config_from(config));
  if (from_s3) {
    try {
      server_options.db_path = prepare_from_s3(config, *server_options.source_offline);
    } catch (...) {
      shutdown_logging();
      throw;
    }
    server_options.refresh = [config, offline = server_options.source_offline] {
      return prepare_from_s3(config, *offline);
    };
  }

  server::HttpServer http(server_options);
  const int port = http.bind(config.server.host, config.server.port);
  spdlog::info("mangetamain {} ({}), environment {}, {} analyses, database {} (identity {})", version::kVersion,
               version::kGitCommit, environment_name(http.context().site.environment), analysis::analyses().size(),
               server_options.db_path, http.context().data.dataset()->identity());
  if (!config.file.empty()) spdlog::info("configuration file {}", config.file);
  // The e2e test and scripts read this line to learn the port when --port 0 was given.
  fmt::print("listening on http://{}:{}/\n", config.server.host, port);
  std::fflush(stdout);

  std::atomic<bool> stopping{false};
  std::atomic<bool> run_returned{false};
  std::thread waiter([&] {
    for (;;) {
      int received = 0;
      sigwait(&signals, &received);
      if (received == SIGHUP) {
        if (stopping.load()) continue;
        spdlog::info("SIGHUP received, reloading the dataset");
        try {
          http.context().data.reload();
        } catch (const std::exception& e) {
          spdlog::error("reload failed, the current dataset stays: {}", e.what());
        }
        continue;
      }
      if (!stopping.exchange(true)) spdlog::info("signal {} received, stopping", received);
      if (!http.drain_and_stop(kDrainTimeout)) {
        spdlog::warn("stopping with requests still in flight after {} s", kDrainTimeout.count() / 1000);
      }
      // A signal right after the port is printed can come before run() listens, when stop() is a no-op.
      while (!run_returned.load()) {
        http.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      return;
    }
  });
  const bool ok = http.run();
  run_returned = true;
  if (!stopping.exchange(true)) {
    // The server ended on its own; wake the waiter with a signal it is waiting for. SIGTERM is blocked in
    // every thread and only collected by the waiter's sigwait, so it cannot terminate anything.
    pthread_kill(waiter.native_handle(), SIGTERM);  // NOLINT(bugprone-bad-signal-to-kill-thread)
  }
  waiter.join();
  if (!ok) {
    spdlog::critical("the server on {}:{} stopped unexpectedly", config.server.host, port);
    shutdown_logging();
    throw ConfigurationError(fmt::format("the server on {}:{} stopped unexpectedly", config.server.host, port));
  }
  spdlog::info("stopped");
  shutdown_logging();
}

}  // namespace

void setup_serve(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("serve", "Serve the web UI and the JSON API over a database");
  auto flags = add_config_options(sub, serve_config_keys());
  sub->callback([flags] { run_serve(resolve_config(*flags)); });
}

}  // namespace mtm::cli
