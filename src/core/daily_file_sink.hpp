// The daily user-interactions file: one file per UTC calendar day, <dir>/<stem>_YYYY-MM-DD.log, kept for a
// number of days. Unlike spdlog's daily_file_sink, which counts the files this process created and, at start,
// only finds files of consecutive days, retention here goes by the date in each file's name: days without
// events, restarts and gaps never keep an old file alive. The day of a line is the time it was logged.
#pragma once

#include <spdlog/details/file_helper.h>
#include <spdlog/sinks/base_sink.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <string>

namespace mtm {

/// "YYYY-MM-DD" of the UTC day holding time.
std::string utc_date(std::chrono::system_clock::time_point time);

class DailyFileSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  /// Opens the file of now's day at once, so a directory that cannot be written is known at start (throws
  /// spdlog::spdlog_ex), and deletes the expired files. keep_days counts today: 1 keeps today's file only.
  DailyFileSink(std::filesystem::path dir, std::string stem, std::size_t keep_days,
                std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

  /// The file lines go to now.
  [[nodiscard]] std::filesystem::path current_file();
  /// The file of the UTC day holding time: <dir>/<stem>_YYYY-MM-DD.log.
  [[nodiscard]] static std::filesystem::path file_for(const std::filesystem::path& dir, const std::string& stem,
                                                      std::chrono::system_clock::time_point time);

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;

 private:
  void open_day(std::chrono::sys_days day);
  void remove_expired(std::chrono::sys_days today) const;
  [[nodiscard]] std::filesystem::path file_of(std::chrono::sys_days day) const;

  std::filesystem::path dir_;
  std::string stem_;
  std::size_t keep_days_;
  std::chrono::sys_days day_{};
  spdlog::details::file_helper file_;
};

}  // namespace mtm
