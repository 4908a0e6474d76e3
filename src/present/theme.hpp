// The Back to the Kitchen palette, named once: chart builders and analyses' views take colours from here
// (web/css/app.css and web/js/lib/charts.js hold the same values for the page's own elements).
#pragma once

#include <array>
#include <string_view>

namespace mtm::present::theme {

inline constexpr std::string_view kOrange = "#FF8C00";
inline constexpr std::string_view kGold = "#FFD700";
inline constexpr std::string_view kRedOrange = "#E24E1B";
inline constexpr std::string_view kBlue = "#1E90FF";
inline constexpr std::string_view kTurquoise = "#00CED1";
inline constexpr std::string_view kSalmon = "#FFA07A";
inline constexpr std::string_view kPowderBlue = "#B0E0E6";
inline constexpr std::string_view kGoldenrod = "#DAA520";
inline constexpr std::string_view kErrorRed = "#DC3545";
inline constexpr std::string_view kErrorBar = "#B0B0B0";
inline constexpr std::string_view kMarkerEdge = "#FFFFFF";

/// Series colours in order, for charts with several traces.
inline constexpr std::array<std::string_view, 8> kSeries = {kOrange,    kGold,   kRedOrange,  kBlue,
                                                            kTurquoise, kSalmon, kPowderBlue, kGoldenrod};

/// A season's colour (winter steel blue, spring light green, summer gold, autumn orange).
constexpr std::string_view season_color(std::string_view season) {
  if (season == "winter") return "#4682B4";
  if (season == "spring") return "#90EE90";
  if (season == "summer") return kGold;
  return kOrange;
}

}  // namespace mtm::present::theme
