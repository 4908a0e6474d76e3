// Process-wide logging on spdlog, asynchronous (one background thread writes every file, so a slow disk
// never holds a request): the default logger writes the console, {env}_debug.log and {env}_errors.log
// (ERROR and above); "access" writes one line per HTTP request to {env}_access.log (and the console);
// "interactions" writes one JSON line per user action to the daily {env}_user_interactions_DATE.log.
// init_logging() is called once at start (again in tests); the loggers themselves are thread-safe.
#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace mtm {

struct LogConfig {
  /// File name prefix, e.g. "prod" gives prod_debug.log.
  std::string environment = "local";
  /// Directory of the log files; empty = console only (tests, one-shot commands).
  std::string dir;
  /// spdlog level names: trace, debug, info, warn, error, critical, off.
  std::string level = "debug";
  std::string console_level = "info";
  bool console_color = true;
  /// Write the access log (one line per request).
  bool access_log = true;
  /// Also write access lines to the console (off: the console keeps start-up lines, warnings and errors).
  bool console_access = false;
  std::size_t debug_max_bytes = std::size_t{10} * 1024 * 1024;
  std::size_t debug_files = 7;
  std::size_t errors_max_bytes = std::size_t{5} * 1024 * 1024;
  std::size_t errors_files = 7;
  std::size_t access_max_bytes = std::size_t{64} * 1024 * 1024;
  std::size_t access_files = 16;
  std::size_t interactions_days = 90;
};

/// True when text holds a byte escape_control() rewrites.
bool needs_escape(std::string_view text) noexcept;
/// text with control characters (< 0x20, DEL) written as \n, \r, \t or \xHH and backslashes doubled, so a
/// logged value can never start a new line or fake one. Every log sink formats messages through it.
std::string escape_control(std::string_view text);

/// The log settings of a resolved configuration.
LogConfig log_config_from(const Config& config);

/// Install the loggers; safe to call again (drains and replaces the previous setup). A file that cannot
/// be opened is left out with one line on stderr: logging never stops the service.
void init_logging(const LogConfig& config);
/// Write out everything queued and stop the background writer; loggers become console-only no-ops
/// until the next init_logging(). Called at exit, and by tests before they read the files.
void shutdown_logging();
/// The access logger ("access"); a no-op logger until init_logging() enables it.
std::shared_ptr<spdlog::logger> access_logger();
/// The user-interactions logger: one JSON object per line, nothing else on the line.
std::shared_ptr<spdlog::logger> interactions_logger();
/// Bytes the user-interactions file of day's UTC date holds (written by this process or any other), 0 when
/// there is no such file or no log directory.
std::uintmax_t interactions_bytes_on(std::chrono::system_clock::time_point day);

}  // namespace mtm
