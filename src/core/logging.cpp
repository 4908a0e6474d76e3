#include "core/logging.hpp"

#include <spdlog/async.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "core/daily_file_sink.hpp"

namespace mtm {

namespace {

// %* is the message with its control characters escaped (EscapedPayload): one record, one line, whatever a client
// put in a path, a header or an error message.
constexpr const char* kEventPattern = "%Y-%m-%dT%H:%M:%S.%e %^%-5l%$ %*";
constexpr const char* kFilePattern = "%Y-%m-%dT%H:%M:%S.%e %-5l [%t] %*";
constexpr const char* kAccessPattern = "%Y-%m-%dT%H:%M:%S.%e access %*";

class EscapedPayload final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    if (!needs_escape(payload)) {
      dest.append(payload.data(), payload.data() + payload.size());
      return;
    }
    const std::string escaped = escape_control(payload);
    dest.append(escaped.data(), escaped.data() + escaped.size());
  }
  [[nodiscard]] std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<EscapedPayload>();
  }
};

std::unique_ptr<spdlog::formatter> escaping_formatter(const char* pattern) {
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<EscapedPayload>('*').set_pattern(pattern);
  return formatter;
}

std::mutex g_mutex;
std::shared_ptr<spdlog::details::thread_pool> g_pool;
std::shared_ptr<spdlog::logger> g_access;
std::shared_ptr<spdlog::logger> g_interactions;
/// <dir>/<env>_user_interactions, the interactions files' common stem; empty without a log directory.
std::filesystem::path g_interactions_stem;
std::atomic<bool> g_write_error_reported{false};

std::shared_ptr<spdlog::logger> null_logger(const std::string& name) {
  return std::make_shared<spdlog::logger>(name, std::make_shared<spdlog::sinks::null_sink_mt>());
}

// "Once" on purpose: a full disk would otherwise print one line per request.
void report_write_error(const std::string& message) {
  if (!g_write_error_reported.exchange(true)) {
    std::fprintf(stderr,
                 "mangetamain: a log could not be written (%s); the service goes on, further log errors "
                 "are not reported\n",
                 message.c_str());
  }
}

spdlog::sink_ptr console_sink(const LogConfig& config, const char* pattern) {
  spdlog::sink_ptr sink;
  if (config.console_color) {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  }
  sink->set_formatter(escaping_formatter(pattern));
  sink->set_level(spdlog::level::from_str(config.console_level));
  return sink;
}

/// Make a file sink, or report once and return nullptr when the file cannot be opened.
template <typename Make>
spdlog::sink_ptr file_sink(const std::filesystem::path& path, Make&& make) {
  try {
    return make(path.string());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mangetamain: cannot open log file %s (%s); continuing without it\n", path.c_str(), e.what());
    return nullptr;
  }
}

std::shared_ptr<spdlog::logger> make_logger(const std::string& name, std::vector<spdlog::sink_ptr> sinks,
                                            const std::shared_ptr<spdlog::details::thread_pool>& pool) {
  sinks.erase(std::remove(sinks.begin(), sinks.end(), nullptr), sinks.end());
  if (sinks.empty()) return null_logger(name);
  spdlog::level::level_enum lowest = spdlog::level::off;
  for (const auto& sink : sinks) lowest = std::min(lowest, sink->level());
  // overrun_oldest: a stalled disk drops old lines instead of blocking request threads.
  auto logger = std::make_shared<spdlog::async_logger>(name, sinks.begin(), sinks.end(), pool,
                                                       spdlog::async_overflow_policy::overrun_oldest);
  logger->set_level(lowest);
  // Flushing every line costs the background writer a syscall, never a request thread, and keeps files
  // current for `tail -f` and for log shippers.
  logger->flush_on(spdlog::level::trace);
  logger->set_error_handler(report_write_error);
  return logger;
}

// The access log is written by the request threads themselves into the file's stdio buffer (no per-line
// syscall, no wake-up of a writer thread per line: at 30,000 requests/s the asynchronous logger's hand-off and
// per-line flush cost ~15 % of the throughput) and flushed by this thread twice a second, so `tail -f` and log
// shippers lag by at most that.
class PeriodicFlush {
 public:
  explicit PeriodicFlush(std::shared_ptr<spdlog::logger> logger)
      : logger_(std::move(logger)), thread_([this] { run(); }) {}
  ~PeriodicFlush() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    logger_->flush();
  }
  PeriodicFlush(const PeriodicFlush&) = delete;
  PeriodicFlush& operator=(const PeriodicFlush&) = delete;

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; })) logger_->flush();
  }

  std::shared_ptr<spdlog::logger> logger_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

std::unique_ptr<PeriodicFlush> g_access_flush;

/// The access logger: synchronous and buffered (see PeriodicFlush).
std::shared_ptr<spdlog::logger> make_access_logger(std::vector<spdlog::sink_ptr> sinks) {
  sinks.erase(std::remove(sinks.begin(), sinks.end(), nullptr), sinks.end());
  if (sinks.empty()) return null_logger("access");
  auto logger = std::make_shared<spdlog::logger>("access", sinks.begin(), sinks.end());
  logger->set_level(spdlog::level::trace);
  logger->flush_on(spdlog::level::off);
  logger->set_error_handler(report_write_error);
  return logger;
}

}  // namespace

bool needs_escape(std::string_view text) noexcept {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f || c == '\\';
  });
}

std::string escape_control(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\\': out += "\\\\"; break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\x";
          out += kHex[byte >> 4U];
          out += kHex[byte & 0xfU];
        } else {
          out += c;
        }
    }
  }
  return out;
}

LogConfig log_config_from(const Config& config) {
  LogConfig out;
  std::string env(environment_name(config.environment));
  std::transform(env.begin(), env.end(), env.begin(), [](unsigned char c) { return std::tolower(c); });
  out.environment = env;
  out.dir = config.log.dir;
  out.level = config.log.level;
  out.console_level = config.log.console_level;
  out.console_color = config.log.console_color;
  out.access_log = config.server.access_log;
  out.debug_max_bytes = config.log.debug_max_bytes;
  out.debug_files = config.log.debug_files;
  out.errors_max_bytes = config.log.errors_max_bytes;
  out.errors_files = config.log.errors_files;
  out.access_max_bytes = config.log.access_max_bytes;
  out.access_files = config.log.access_files;
  out.console_access = config.log.console_access;
  out.interactions_days = config.log.interactions_days;
  return out;
}

void init_logging(const LogConfig& config) {
  shutdown_logging();
  auto pool = std::make_shared<spdlog::details::thread_pool>(8192, 1);

  std::vector<spdlog::sink_ptr> main_sinks{console_sink(config, kEventPattern)};
  std::vector<spdlog::sink_ptr> access_sinks;
  std::vector<spdlog::sink_ptr> interaction_sinks;
  // Access lines stay off the console unless asked for: under load they drowned the start-up lines, warnings
  // and errors (137 MB of stderr in one test session, never rotated).
  if (config.access_log && config.console_access) access_sinks.push_back(console_sink(config, kAccessPattern));

  if (!config.dir.empty()) {
    const std::filesystem::path dir(config.dir);
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) {
      std::fprintf(stderr, "mangetamain: cannot create log directory %s (%s); logging to the console only\n",
                   dir.c_str(), error.message().c_str());
    } else {
      const std::string prefix = config.environment + "_";
      auto debug = file_sink(dir / (prefix + "debug.log"), [&](const std::string& file) {
        return std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file, config.debug_max_bytes, config.debug_files);
      });
      if (debug) {
        debug->set_formatter(escaping_formatter(kFilePattern));
        debug->set_level(spdlog::level::from_str(config.level));
      }
      auto errors = file_sink(dir / (prefix + "errors.log"), [&](const std::string& file) {
        return std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file, config.errors_max_bytes,
                                                                      config.errors_files);
      });
      if (errors) {
        errors->set_formatter(escaping_formatter(kFilePattern));
        errors->set_level(spdlog::level::err);
      }
      main_sinks.push_back(debug);
      main_sinks.push_back(errors);
      if (config.access_log) {
        auto access = file_sink(dir / (prefix + "access.log"), [&](const std::string& file) {
          return std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file, config.access_max_bytes,
                                                                        config.access_files);
        });
        if (access) access->set_formatter(escaping_formatter(kAccessPattern));
        access_sinks.push_back(access);
      }
      {
        std::lock_guard lock(g_mutex);
        g_interactions_stem = dir / (prefix + "user_interactions");
      }
      auto interactions = file_sink(dir / (prefix + "user_interactions_DATE.log"), [&](const std::string&) {
        return std::make_shared<DailyFileSink>(dir, prefix + "user_interactions", config.interactions_days);
      });
      if (interactions) interactions->set_pattern("%v");
      interaction_sinks.push_back(interactions);
    }
  }

  auto main_logger = make_logger("mangetamain", main_sinks, pool);
  auto access = make_access_logger(access_sinks);
  auto access_flush = std::make_unique<PeriodicFlush>(access);
  auto interactions = make_logger("interactions", interaction_sinks, pool);
  interactions->set_level(spdlog::level::info);
  spdlog::set_default_logger(main_logger);
  std::lock_guard lock(g_mutex);
  g_pool = std::move(pool);
  g_access = std::move(access);
  g_access_flush = std::move(access_flush);
  g_interactions = std::move(interactions);
}

void shutdown_logging() {
  std::shared_ptr<spdlog::details::thread_pool> pool;
  std::unique_ptr<PeriodicFlush> access_flush;
  {
    std::lock_guard lock(g_mutex);
    g_access = null_logger("access");
    access_flush = std::move(g_access_flush);
    g_interactions = null_logger("interactions");
    g_interactions_stem.clear();
    pool = std::move(g_pool);
  }
  // The default logger may be async on the pool about to go: replace it with a synchronous console one.
  auto console =
      std::make_shared<spdlog::logger>("mangetamain", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  console->set_formatter(escaping_formatter(kEventPattern));
  spdlog::set_default_logger(console);
  // The pool's destructor writes out every queued message, then joins its thread; the access log is flushed.
  pool.reset();
  access_flush.reset();
}

std::shared_ptr<spdlog::logger> access_logger() {
  std::lock_guard lock(g_mutex);
  if (!g_access) g_access = null_logger("access");
  return g_access;
}

std::uintmax_t interactions_bytes_on(std::chrono::system_clock::time_point day) {
  std::filesystem::path stem;
  {
    std::lock_guard lock(g_mutex);
    stem = g_interactions_stem;
  }
  if (stem.empty()) return 0;
  std::error_code error;
  const auto bytes =
      std::filesystem::file_size(DailyFileSink::file_for(stem.parent_path(), stem.filename().string(), day), error);
  return error ? 0 : bytes;
}

std::shared_ptr<spdlog::logger> interactions_logger() {
  std::lock_guard lock(g_mutex);
  if (!g_interactions) g_interactions = null_logger("interactions");
  return g_interactions;
}

}  // namespace mtm
