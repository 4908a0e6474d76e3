#include "core/logging.hpp"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>

namespace mtm {

namespace {

std::mutex g_mutex;
std::shared_ptr<spdlog::logger> g_access;

}  // namespace

void init_logging(const LogConfig& config) {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  auto main_logger = std::make_shared<spdlog::logger>("mangetamain", console);
  main_logger->set_level(spdlog::level::from_str(config.level));
  main_logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%-5l%$ %v");
  spdlog::set_default_logger(main_logger);

  std::shared_ptr<spdlog::logger> access;
  if (config.access_log) {
    // Its own sink: a pattern is set on the sinks, so sharing one would re-format the main logger too.
    access = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    access->set_pattern("%Y-%m-%dT%H:%M:%S.%e access %v");
    access->set_level(spdlog::level::info);
  } else {
    access = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::null_sink_mt>());
  }
  // A failing sink must never stop the service: report on stderr and carry on.
  spdlog::set_error_handler(
      [](const std::string& message) { std::fprintf(stderr, "log error: %s\n", message.c_str()); });
  std::lock_guard lock(g_mutex);
  g_access = std::move(access);
}

std::shared_ptr<spdlog::logger> access_logger() {
  std::lock_guard lock(g_mutex);
  if (!g_access) g_access = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::null_sink_mt>());
  return g_access;
}

}  // namespace mtm
