// Process-wide logging on spdlog: a console logger for events and an "access" logger with one line
// per HTTP request. init_logging() is called once at start; the loggers themselves are thread-safe.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

namespace mtm {

struct LogConfig {
  /// spdlog level name: trace, debug, info, warn, error, critical, off.
  std::string level = "info";
  /// Write the access log (one line per request) to the console too.
  bool access_log = true;
};

/// Install the console and access loggers; safe to call again (replaces the previous setup).
void init_logging(const LogConfig& config);
/// The access logger ("access"); a no-op logger until init_logging() enables it.
std::shared_ptr<spdlog::logger> access_logger();

}  // namespace mtm
