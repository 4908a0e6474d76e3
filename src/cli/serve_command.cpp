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
#include "cli/config_options.hpp"
#include "core/config.hpp"
#include "core/environment.hpp"
#include "core/errors.hpp"
#include "core/logging.hpp"
#include "core/version_info.hpp"
#include "server/http_server.hpp"

namespace mtm::cli {

namespace {

void run_serve(const Config& config) {
  if (!std::filesystem::exists(config.data.db)) {
    throw ConfigurationError(fmt::format("database '{}' (from {}) does not exist (create it with `mangetamain ingest`)",
                                         config.data.db, config.origin("data.db").where));
  }
  init_logging(log_config_from(config));

  // SIGINT/SIGTERM are taken by a waiting thread (not an async handler), which stops the server cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::HttpServer http(server::server_options_from(config));
  const int port = http.bind(config.server.host, config.server.port);
  spdlog::info("mangetamain {} ({}), environment {}, {} analyses, database {}", version::kVersion, version::kGitCommit,
               environment_name(http.context().environment), analysis::analyses().size(), config.data.db);
  if (!config.file.empty()) spdlog::info("configuration file {}", config.file);
  // The e2e test and scripts read this line to learn the port when --port 0 was given.
  fmt::print("listening on http://{}:{}/\n", config.server.host, port);
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
