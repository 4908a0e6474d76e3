#include "data/calendar.hpp"

namespace mtm::data {

std::string_view season_of_month(int month) noexcept {
  switch (month) {
    case 12:
    case 1:
    case 2: return "winter";
    case 3:
    case 4:
    case 5: return "spring";
    case 6:
    case 7:
    case 8: return "summer";
    default: return "autumn";
  }
}

CalendarFeatures calendar_features(db::Date date) noexcept {
  // civil_from_days (Howard Hinnant), exact for the proleptic Gregorian calendar.
  const auto z = static_cast<std::int64_t>(date.days) + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<std::uint32_t>(z - era * 146097);
  const std::uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::uint32_t mp = (5 * doy + 2) / 153;
  const std::uint32_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::uint32_t m = mp < 10 ? mp + 3 : mp - 9;
  CalendarFeatures out;
  out.year = static_cast<std::int32_t>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
  out.month = static_cast<std::int32_t>(m);
  out.day = static_cast<std::int32_t>(d);
  // 1970-01-01 was a Thursday (ISO 4).
  const std::int64_t mod = ((static_cast<std::int64_t>(date.days) % 7) + 7) % 7;
  out.weekday = static_cast<std::int32_t>((mod + 3) % 7 + 1);
  out.is_weekend = out.weekday >= 6;
  out.season = season_of_month(out.month);
  return out;
}

}  // namespace mtm::data
