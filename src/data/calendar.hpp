// Calendar features derived from a date (year, month, ISO weekday, meteorological season), shared by
// the recipe and interaction tables so both use the same definitions. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "data/duckdb.hpp"

namespace mtm::data {

/// The calendar features of one date.
struct CalendarFeatures {
  std::int32_t year = 0;
  std::int32_t month = 0;    // 1..12
  std::int32_t day = 0;      // 1..31
  std::int32_t weekday = 0;  // ISO: 1 = Monday .. 7 = Sunday
  bool is_weekend = false;   // Saturday or Sunday
  std::string_view season;   // "winter" (DJF), "spring" (MAM), "summer" (JJA), "autumn" (SON)
};

/// Features of a date given as days since 1970-01-01.
CalendarFeatures calendar_features(db::Date date) noexcept;

/// Meteorological season of a month (1..12): DJF winter, MAM spring, JJA summer, SON autumn.
std::string_view season_of_month(int month) noexcept;

}  // namespace mtm::data
