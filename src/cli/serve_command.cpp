// `mangetamain serve`: the JSON API and the embedded web UI over one read-only database.
#include <fmt/format.h>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>
#include <thread>

#include "analysis/registry.hpp"
#include "cli/commands.hpp"
#include "core/environment.hpp"
#include "core/errors.hpp"
#include "core/logging.hpp"
#include "core/version_info.hpp"
#include "server/http_server.hpp"

namespace mtm::cli {

namespace {

struct ServeOptions {
  std::string db_path = "data/mangetamain.duckdb";
  std::string host = "127.0.0.1";
  int port = 8501;
  std::size_t threads = 0;
  std::size_t cache_mb = 64;
  std::string log_level = "info";
  bool no_access_log = false;
};

void run_serve(const ServeOptions& options) {
  if (!std::filesystem::exists(options.db_path)) {
    throw ValidationError(
        "--db", fmt::format("database '{}' does not exist (create it with `mangetamain ingest`)", options.db_path));
  }
  init_logging(LogConfig{options.log_level, !options.no_access_log});

  // SIGINT/SIGTERM are taken by a waiting thread (not an async handler), which stops the server cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::HttpServer http(server::ServerOptions{options.db_path, options.threads, options.cache_mb << 20});
  const int port = http.bind(options.host, options.port);
  spdlog::info("mangetamain {} ({}), environment {}, {} analyses, database {}", version::kVersion, version::kGitCommit,
               environment_name(http.context().environment), analysis::analyses().size(), options.db_path);
  // The e2e test and scripts read this line to learn the port when --port 0 was given.
  fmt::print("listening on http://{}:{}/\n", options.host, port);
  std::fflush(stdout);

  std::atomic<bool> stopping{false};
  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    if (!stopping.exchange(true)) spdlog::info("signal {} received, stopping", received);
    http.stop();
  });
  const bool ok = http.run();
  if (!stopping.exchange(true)) {
    // The server ended on its own; wake the waiter with a signal it is waiting for.
    pthread_kill(waiter.native_handle(), SIGTERM);
  }
  waiter.join();
  if (!ok) throw ConfigurationError(fmt::format("the server on {}:{} stopped unexpectedly", options.host, port));
  spdlog::info("stopped");
}

}  // namespace

void setup_serve(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* sub = app.add_subcommand("serve", "Serve the web UI and the JSON API over a database");
  sub->add_option("--db", options->db_path, "DuckDB database file (opened read-only)")
      ->envname("MANGETAMAIN_DB")
      ->capture_default_str();
  sub->add_option("--host", options->host, "Address to listen on")->envname("MANGETAMAIN_HOST")->capture_default_str();
  sub->add_option("--port", options->port, "TCP port (0 = any free port, printed at start)")
      ->envname("MANGETAMAIN_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub->add_option("--threads", options->threads, "Worker threads (0 = max(4, CPU threads))")->capture_default_str();
  sub->add_option("--cache-mb", options->cache_mb, "Bound of the analysis result cache, in MiB")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  sub->add_option("--log-level", options->log_level, "Console log level")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  sub->add_flag("--no-access-log", options->no_access_log, "Do not log one line per request");
  sub->callback([options] { run_serve(*options); });
}

}  // namespace mtm::cli
