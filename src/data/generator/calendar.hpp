// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), as DuckDB's DATE.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>

namespace mtm::data::gen {

struct Civil {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

/// Day number of a calendar date (Howard Hinnant's days_from_civil).
constexpr std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// Calendar date of a day number.
constexpr Civil civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

/// ISO weekday, 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday).
constexpr int iso_weekday(std::int32_t days) {
  const int r = ((days % 7) + 7) % 7;  // 0 = Thursday
  return (r + 3) % 7 + 1;
}

/// Meteorological season index: 0 winter (DJF), 1 spring, 2 summer, 3 autumn.
constexpr int season_of_month(int month) {
  return month == 12 ? 0 : month / 3;
}

static_assert(iso_weekday(0) == 4);
static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(civil_from_days(days_from_civil(2007, 10, 26)).day == 26);

}  // namespace mtm::data::gen
