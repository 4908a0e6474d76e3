#include "core/daily_file_sink.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

namespace mtm {

namespace fs = std::filesystem;
using std::chrono::sys_days;

namespace {

constexpr std::string_view kExtension = ".log";
constexpr std::size_t kDateLength = 10;  // YYYY-MM-DD

std::optional<int> number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The day in a name "<stem>_YYYY-MM-DD.log", or nothing for any other name (those files are not ours).
std::optional<sys_days> day_in_name(std::string_view name, std::string_view stem) {
  if (name.size() != stem.size() + 1 + kDateLength + kExtension.size()) return std::nullopt;
  if (name.substr(0, stem.size()) != stem || name[stem.size()] != '_' || !name.ends_with(kExtension)) {
    return std::nullopt;
  }
  const std::string_view date = name.substr(stem.size() + 1, kDateLength);
  if (date[4] != '-' || date[7] != '-') return std::nullopt;
  const auto year = number(date.substr(0, 4));
  const auto month = number(date.substr(5, 2));
  const auto day = number(date.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

}  // namespace

std::string utc_date(std::chrono::system_clock::time_point time) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(time)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

DailyFileSink::DailyFileSink(fs::path dir, std::string stem, std::size_t keep_days,
                             std::chrono::system_clock::time_point now)
    : dir_(std::move(dir)), stem_(std::move(stem)), keep_days_(std::max<std::size_t>(keep_days, 1)) {
  open_day(std::chrono::floor<std::chrono::days>(now));
}

fs::path DailyFileSink::current_file() {
  std::lock_guard lock(mutex_);
  return file_of(day_);
}

void DailyFileSink::sink_it_(const spdlog::details::log_msg& msg) {
  const sys_days day = std::chrono::floor<std::chrono::days>(msg.time);
  if (day != day_) open_day(day);
  spdlog::memory_buf_t formatted;
  formatter_->format(msg, formatted);
  file_.write(formatted);
}

void DailyFileSink::flush_() {
  file_.flush();
}

fs::path DailyFileSink::file_of(sys_days day) const {
  return file_for(dir_, stem_, day);
}

fs::path DailyFileSink::file_for(const fs::path& dir, const std::string& stem,
                                 std::chrono::system_clock::time_point time) {
  return dir / fmt::format("{}_{}{}", stem, utc_date(time), kExtension);
}

void DailyFileSink::open_day(sys_days day) {
  file_.open(file_of(day).string(), /*truncate=*/false);
  day_ = day;
  remove_expired(day);
}

void DailyFileSink::remove_expired(sys_days today) const {
  const sys_days oldest_kept = today - std::chrono::days{static_cast<long>(keep_days_ - 1)};
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir_, error)) {
    const auto day = day_in_name(entry.path().filename().string(), stem_);
    // A file that cannot be removed now is tried again at the next day's rotation.
    if (day && *day < oldest_kept) fs::remove(entry.path(), error);
  }
}

}  // namespace mtm
