// File logs with tiny limits: names per environment, rotation, the errors-only file, the JSON-lines
// interactions file with its daily files and retention (times given to the sink), console levels, and a log
// directory that cannot be created.
#include "core/logging.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/daily_file_sink.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> lines_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<fs::path> files_starting_with(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class LoggingTest : public ::testing::Test {
 protected:
  void TearDown() override { shutdown_logging(); }

  LogConfig small(const fs::path& dir) {
    LogConfig config;
    config.environment = "preprod";
    config.dir = dir.string();
    config.console_level = "off";
    config.debug_max_bytes = 2048;
    config.debug_files = 2;
    config.errors_max_bytes = 1024;
    config.errors_files = 1;
    return config;
  }

  test::TempDir dir_;
};

TEST_F(LoggingTest, CreatesTheDirectoryAndOneFilePerKindNamedByEnvironment) {
  const fs::path logs = dir_ / "nested" / "logs";
  init_logging(small(logs));
  spdlog::debug("a debug line");
  spdlog::info("an info line");
  spdlog::error("an error line with detail: table dataset_info missing");
  access_logger()->info("127.0.0.1 \"GET /healthz\" 200 15 0.1ms");
  shutdown_logging();

  ASSERT_TRUE(fs::is_directory(logs));
  const auto debug = lines_of(logs / "preprod_debug.log");
  ASSERT_EQ(debug.size(), 3U);
  EXPECT_THAT(debug[0], HasSubstr("debug"));
  EXPECT_THAT(debug[0], HasSubstr("a debug line"));
  const auto errors = lines_of(logs / "preprod_errors.log");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_THAT(errors[0], HasSubstr("error"));
  EXPECT_THAT(errors[0], HasSubstr("table dataset_info missing"));
  const auto access = lines_of(logs / "preprod_access.log");
  ASSERT_EQ(access.size(), 1U);
  EXPECT_THAT(access[0], HasSubstr("access 127.0.0.1 \"GET /healthz\" 200"));
  // The interactions file exists from the start (daily: the date is in its name).
  EXPECT_EQ(files_starting_with(logs, "preprod_user_interactions").size(), 1U);
}

TEST_F(LoggingTest, DebugLevelIsConfigurable) {
  LogConfig config = small(dir_.path());
  config.level = "warn";
  init_logging(config);
  spdlog::info("not kept");
  spdlog::warn("kept");
  shutdown_logging();
  const auto debug = lines_of(dir_ / "preprod_debug.log");
  ASSERT_EQ(debug.size(), 1U);
  EXPECT_THAT(debug[0], HasSubstr("kept"));
}

TEST_F(LoggingTest, RotatesWithTinyLimitsAndKeepsTheConfiguredNumberOfFiles) {
  init_logging(small(dir_.path()));
  const std::string filler(100, 'x');
  for (int i = 0; i < 200; ++i) spdlog::info("line {} {}", i, filler);
  for (int i = 0; i < 50; ++i) spdlog::error("error {} {}", i, filler);
  shutdown_logging();

  // debug: the live file plus 2 rotated ones, never a third; each at most the limit.
  const auto debug_files = files_starting_with(dir_.path(), "preprod_debug");
  ASSERT_EQ(debug_files.size(), 3U);
  EXPECT_EQ(debug_files[0].filename(), "preprod_debug.1.log");
  EXPECT_EQ(debug_files[1].filename(), "preprod_debug.2.log");
  EXPECT_EQ(debug_files[2].filename(), "preprod_debug.log");
  for (const auto& file : debug_files) EXPECT_LE(fs::file_size(file), 2048U) << file;
  // The newest line is in the live file.
  EXPECT_THAT(lines_of(dir_ / "preprod_debug.log").back(), HasSubstr("error 49"));

  const auto error_files = files_starting_with(dir_.path(), "preprod_errors");
  ASSERT_EQ(error_files.size(), 2U);
  for (const auto& file : error_files) {
    for (const auto& line : lines_of(file)) EXPECT_THAT(line, Not(HasSubstr(" info ")));
  }
}

TEST_F(LoggingTest, InteractionsAreBareJsonLines) {
  init_logging(small(dir_.path()));
  interactions_logger()->info(R"({"type":"page_view","page":"trends"})");
  interactions_logger()->info(R"({"type":"download","page":"weekend"})");
  shutdown_logging();
  const auto files = files_starting_with(dir_.path(), "preprod_user_interactions_");
  ASSERT_EQ(files.size(), 1U);
  const auto lines = lines_of(files[0]);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["page"], "trends");
  EXPECT_EQ(nlohmann::json::parse(lines[1])["type"], "download");
}

// A fixed UTC instant: days from 1970-01-01 plus hours, minutes, seconds.
std::chrono::system_clock::time_point utc(int year, unsigned month, unsigned day, int hour = 12, int minute = 0,
                                          int second = 0) {
  const std::chrono::sys_days date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return date + std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
}

void log_at(DailyFileSink& sink, std::chrono::system_clock::time_point time, const std::string& text) {
  sink.log(spdlog::details::log_msg(time, spdlog::source_loc{}, "interactions", spdlog::level::info, text));
}

void touch(const fs::path& path) {
  std::ofstream(path) << "{}\n";
}

TEST(DailyFileSinkTest, OneFilePerUtcDayAndOldDaysRemovedByTheDateInTheirName) {
  test::TempDir dir;
  // Left by earlier runs: expired, kept, another environment's, and files that are not daily files.
  touch(dir / "preprod_user_interactions_2026-01-01.log");
  touch(dir / "preprod_user_interactions_2026-01-08.log");
  touch(dir / "prod_user_interactions_2026-01-01.log");
  touch(dir / "preprod_user_interactions_notadate.log");
  touch(dir / "preprod_debug.log");

  // Keep 3 days: on 2026-01-10, the 8th, 9th and 10th.
  DailyFileSink sink(dir.path(), "preprod_user_interactions", 3, utc(2026, 1, 10, 8));
  sink.set_pattern("%v");
  EXPECT_EQ(sink.current_file().filename(), "preprod_user_interactions_2026-01-10.log");
  EXPECT_FALSE(fs::exists(dir / "preprod_user_interactions_2026-01-01.log"));
  EXPECT_TRUE(fs::exists(dir / "preprod_user_interactions_2026-01-08.log"));
  EXPECT_TRUE(fs::exists(dir / "prod_user_interactions_2026-01-01.log"));
  EXPECT_TRUE(fs::exists(dir / "preprod_user_interactions_notadate.log"));
  EXPECT_TRUE(fs::exists(dir / "preprod_debug.log"));

  log_at(sink, utc(2026, 1, 10, 23, 59, 59), "a");
  log_at(sink, utc(2026, 1, 11, 0, 0, 1), "b");
  log_at(sink, utc(2026, 1, 11, 18), "c");
  EXPECT_EQ(sink.current_file().filename(), "preprod_user_interactions_2026-01-11.log");
  // The 8th expires on the 11th; the 12th has no event at all; the 13th removes the 10th.
  EXPECT_FALSE(fs::exists(dir / "preprod_user_interactions_2026-01-08.log"));
  log_at(sink, utc(2026, 1, 13, 9), "d");
  sink.flush();

  EXPECT_EQ(files_starting_with(dir.path(), "preprod_user_interactions_2"),
            (std::vector<fs::path>{dir / "preprod_user_interactions_2026-01-11.log",
                                   dir / "preprod_user_interactions_2026-01-13.log"}));
  EXPECT_EQ(lines_of(dir / "preprod_user_interactions_2026-01-11.log"), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(lines_of(dir / "preprod_user_interactions_2026-01-13.log"), (std::vector<std::string>{"d"}));
  EXPECT_TRUE(fs::exists(dir / "prod_user_interactions_2026-01-01.log"));
}

TEST(DailyFileSinkTest, ARestartAfterAGapStillRemovesEveryExpiredDay) {
  test::TempDir dir;
  // Days with and without files, as a server stopped for a while leaves them.
  for (const char* day : {"2025-12-30", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07"}) {
    touch(dir / (std::string("prod_user_interactions_") + day + ".log"));
  }
  DailyFileSink sink(dir.path(), "prod_user_interactions", 2, utc(2026, 1, 7));
  EXPECT_EQ(files_starting_with(dir.path(), "prod_user_interactions_"),
            (std::vector<fs::path>{dir / "prod_user_interactions_2026-01-06.log",
                                   dir / "prod_user_interactions_2026-01-07.log"}));
}

TEST(DailyFileSinkTest, DatesAreUtcCalendarDays) {
  EXPECT_EQ(utc_date(utc(1999, 12, 31, 23, 59, 59)), "1999-12-31");
  EXPECT_EQ(utc_date(utc(2000, 2, 29, 0)), "2000-02-29");
  EXPECT_EQ(utc_date(utc(2026, 11, 25, 0, 0, 0)), "2026-11-25");
}

TEST_F(LoggingTest, ConsoleShowsOnlyItsLevel) {
  LogConfig config;
  config.console_level = "warn";
  config.console_color = false;
  ::testing::internal::CaptureStderr();
  init_logging(config);
  spdlog::info("quiet info");
  spdlog::warn("loud warning");
  access_logger()->info("an access line");
  shutdown_logging();
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(err, HasSubstr("loud warning"));
  EXPECT_THAT(err, Not(HasSubstr("quiet info")));
  EXPECT_THAT(err, Not(HasSubstr("an access line")));
}

TEST_F(LoggingTest, AccessLinesStayOffTheConsoleUnlessAskedFor) {
  LogConfig config;
  config.console_level = "info";
  config.console_color = false;
  ::testing::internal::CaptureStderr();
  init_logging(config);
  spdlog::info("an info event");
  access_logger()->info("a default access line");
  shutdown_logging();
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(err, HasSubstr("an info event"));
  EXPECT_THAT(err, Not(HasSubstr("a default access line")));

  config.console_access = true;
  ::testing::internal::CaptureStderr();
  init_logging(config);
  access_logger()->info("an asked-for access line");
  shutdown_logging();
  err = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(err, HasSubstr("an asked-for access line"));
}

TEST_F(LoggingTest, ControlCharactersAreEscapedInEveryFile) {
  init_logging(small(dir_.path()));
  // What a client sends as GET /x%0a2026-01-01T00:00:00.000%20access%20FAKE: the decoded path holds a newline.
  access_logger()->info("127.0.0.1 \"GET /x\n2026-01-01T00:00:00.000 access FAKE\" 404 0 0.1ms");
  spdlog::error("bad value\r\n2026-01-01T00:00:00.000 error forged \x1b[31mred\x7f back\\slash");
  shutdown_logging();
  const auto access = lines_of(dir_ / "preprod_access.log");
  ASSERT_EQ(access.size(), 1U);
  EXPECT_THAT(access[0], HasSubstr(R"(GET /x\n2026-01-01T00:00:00.000 access FAKE")"));
  for (const auto* file : {"preprod_debug.log", "preprod_errors.log"}) {
    const auto lines = lines_of(dir_ / file);
    ASSERT_EQ(lines.size(), 1U) << file;
    EXPECT_THAT(lines[0], HasSubstr(R"(bad value\r\n2026-01-01T00:00:00.000 error forged \x1b[31mred\x7f back\\slash)"))
        << file;
  }
}

TEST(EscapeControl, EscapesOnlyControlBytesAndBackslashes) {
  EXPECT_EQ(escape_control("plain é text"), "plain é text");
  EXPECT_FALSE(needs_escape("plain é text"));
  EXPECT_EQ(escape_control(std::string("a\0b\tc", 5)), "a\\x00b\\tc");
  EXPECT_TRUE(needs_escape("a\\b"));
  EXPECT_EQ(escape_control("\\n"), "\\\\n");
}

TEST(LogDefaults, AccessHistoryHoldsAGibibyteAndStaysOffTheConsole) {
  for (const auto environment : {Environment::Local, Environment::Preprod, Environment::Prod}) {
    ConfigInputs inputs;
    inputs.env = [environment](const std::string& name) -> std::optional<std::string> {
      if (name == "APP_ENV") return std::string(environment_name(environment));
      return std::nullopt;
    };
    const LogConfig log = log_config_from(load_config(inputs));
    EXPECT_GE(log.access_max_bytes * log.access_files, std::size_t{1} << 30) << environment_name(environment);
    EXPECT_FALSE(log.console_access) << environment_name(environment);
  }
}

TEST_F(LoggingTest, AnUncreatableDirectoryIsReportedOnceAndLoggingGoesOn) {
  const auto blocker = dir_.write("not-a-dir", "a file where the log directory should be");
  LogConfig config = small(blocker / "logs");
  ::testing::internal::CaptureStderr();
  init_logging(config);
  spdlog::error("still logged to the console");
  interactions_logger()->info("{}");
  shutdown_logging();
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(err, HasSubstr("cannot create log directory"));
  EXPECT_FALSE(fs::exists(blocker / "logs"));
}

TEST_F(LoggingTest, ConfigMapsToLogSettings) {
  Config config;
  config.environment = Environment::Prod;
  config.log.dir = "/var/log/x";
  config.log.errors_files = 30;
  config.server.access_log = false;
  const LogConfig log = log_config_from(config);
  EXPECT_EQ(log.environment, "prod");
  EXPECT_EQ(log.dir, "/var/log/x");
  EXPECT_EQ(log.errors_files, 30U);
  EXPECT_FALSE(log.access_log);
}

}  // namespace
}  // namespace mtm
