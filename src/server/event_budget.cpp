#include "server/event_budget.hpp"

#include <algorithm>

#include "core/daily_file_sink.hpp"

namespace mtm::server {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::vector<std::string> parse_address_list(std::string_view comma_separated) {
  std::vector<std::string> out;
  while (!comma_separated.empty()) {
    const auto comma = comma_separated.find(',');
    const std::string_view item = trimmed(comma_separated.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    comma_separated.remove_prefix(comma + 1);
  }
  return out;
}

std::string client_address(std::string_view remote_addr, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  if (forwarded_for.empty() ||
      std::find(trusted_proxies.begin(), trusted_proxies.end(), remote_addr) == trusted_proxies.end()) {
    return std::string(remote_addr);
  }
  const auto entries = parse_address_list(forwarded_for);
  if (entries.empty()) return std::string(remote_addr);
  return entries.back();
}

DailyByteBudget::Decision DailyByteBudget::admit(std::size_t bytes, std::chrono::system_clock::time_point now) {
  const std::string day = utc_date(now);
  std::lock_guard lock(mutex_);
  if (day != day_) {
    day_ = day;
    used_ = 0;
    refused_today_ = false;
  }
  if (bytes_on_disk_) {
    // The file may hold more than this process counted (a restart, another process), or less for a moment (its
    // writer has not flushed what was admitted): the larger is the day's use.
    const std::uintmax_t on_disk = bytes_on_disk_(now);
    used_ = std::max<std::size_t>(used_, static_cast<std::size_t>(std::min<std::uintmax_t>(on_disk, max_bytes_)));
  }
  Decision decision;
  if (bytes <= max_bytes_ && used_ <= max_bytes_ - bytes) {
    used_ += bytes;
    decision.admitted = true;
    return decision;
  }
  decision.first_refusal = !refused_today_;
  refused_today_ = true;
  return decision;
}

}  // namespace mtm::server
