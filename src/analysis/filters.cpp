#include "analysis/filters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "core/errors.hpp"
#include "core/parameter_names.hpp"
#include "present/catalog.hpp"

namespace mtm::analysis {

namespace {

constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2030;

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    std::transform(item.begin(), item.end(), item.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

long long parse_integer(const std::string& name, const std::string& value, long long min, long long max) {
  long long out = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, out);
  if (value.empty() || ec != std::errc() || ptr != end) {
    throw ValidationError(name, fmt::format("parameter '{}' must be an integer, got '{}'", name, value));
  }
  if (out < min || out > max) {
    throw ValidationError(name, fmt::format("parameter '{}' must be between {} and {}, got {}", name, min, max, out));
  }
  return out;
}

double parse_number(const std::string& name, const std::string& value, double min, double max) {
  double out = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, out);
  if (value.empty() || ec != std::errc() || ptr != end || !(out == out)) {
    throw ValidationError(name, fmt::format("parameter '{}' must be a number, got '{}'", name, value));
  }
  if (out < min || out > max) {
    throw ValidationError(name, fmt::format("parameter '{}' must be between {} and {}, got {}", name, min, max, out));
  }
  return out;
}

bool parse_bool(const std::string& name, const std::string& value) {
  if (value == "true" || value == "1" || value == "yes") return true;
  if (value == "false" || value == "0" || value == "no") return false;
  throw ValidationError(name, fmt::format("parameter '{}' must be true or false, got '{}'", name, value));
}

int parse_day(const std::string& name, const std::string& item) {
  static const std::vector<std::string> kNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  auto it = std::find(kNames.begin(), kNames.end(), item.substr(0, 3));
  if (item.size() >= 3 && it != kNames.end()) return static_cast<int>(it - kNames.begin()) + 1;
  if (item.size() == 1 && item[0] >= '1' && item[0] <= '7') return item[0] - '0';
  throw ValidationError(name, fmt::format("parameter '{}' has an unknown day '{}' (use 1-7 or mon..sun)", name, item));
}

}  // namespace

const std::vector<std::string>& season_order() {
  static const std::vector<std::string> kOrder = {"winter", "spring", "summer", "autumn"};
  return kOrder;
}

std::vector<std::string> Filters::selected_seasons() const {
  return seasons.empty() ? season_order() : seasons;
}

std::vector<int> Filters::selected_days() const {
  if (!days.empty()) return days;
  return {1, 2, 3, 4, 5, 6, 7};
}

std::string Filters::canonical() const {
  return fmt::format("{};l={}", canonical_scope(), lang);
}

std::string Filters::canonical_scope() const {
  return fmt::format("y={}-{};s={};d={};b={};mi={};n={};f={};df={};q={}-{};c={}", year_from, year_to,
                     fmt::join(seasons, ","), fmt::join(days, ","), date_basis, min_interactions, top_n, min_frequency,
                     min_difference, band_low, band_high, clean_only ? 1 : 0);
}

const std::vector<FilterSpec>& filter_specs() {
  static const std::vector<FilterSpec> kSpecs = {
      {"year_from", "integer", "First year included", "1999", {}, kMinYear, kMaxYear},
      {"year_to", "integer", "Last year included", "2018", {}, kMinYear, kMaxYear},
      {"seasons", "enum_list", "Seasons included (comma-separated)", "", season_order(), 0, 0},
      {"days", "integer_list", "ISO weekdays included, 1 = Monday … 7 = Sunday (or mon..sun)", "", {}, 1, 7},
      {"date_basis", "enum", "Date used for calendar features", "submission", {"submission", "rating"}, 0, 0},
      {"min_interactions", "integer", "Minimum interactions for a month to count", "100", {}, 0, 1000000},
      {"top_n", "integer", "Number of items listed", "10", {}, 1, 100},
      {"min_frequency", "number", "Minimum share of recipes for an item (0-1)", "0.01", {}, 0, 1},
      {"min_difference", "number", "Minimum difference in share to report (0-1)", "0.005", {}, 0, 1},
      {"band_low", "number", "Lower quantile of the dispersion band", "0.25", {}, 0, 1},
      {"band_high", "number", "Upper quantile of the dispersion band", "0.75", {}, 0, 1},
      {"clean_only", "boolean", "Only rows that pass the cleaning rules", "true", {}, 0, 0},
      {"lang", "enum", "Language of narratives", "en", present::Catalog::instance().languages(), 0, 0},
  };
  return kSpecs;
}

const FilterSpec* find_filter_spec(const std::string& name) {
  for (const auto& spec : filter_specs()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

Filters parse_filters(const std::vector<std::pair<std::string, std::string>>& params,
                      const std::vector<std::string>& allowed, Filters filters) {
  if (const auto bad = first_bad_name(params, allowed)) {
    throw ValidationError(bad->name,
                          bad->problem == BadParameterName::Problem::Unknown
                              ? fmt::format("unknown parameter '{}' (accepted: {})", bad->name, bad->accepted)
                              : fmt::format("parameter '{}' is given more than once", bad->name));
  }
  for (const auto& [name, value] : params) {
    if (name == "year_from") {
      filters.year_from = static_cast<int>(parse_integer(name, value, kMinYear, kMaxYear));
    } else if (name == "year_to") {
      filters.year_to = static_cast<int>(parse_integer(name, value, kMinYear, kMaxYear));
    } else if (name == "seasons") {
      std::set<std::string> chosen;
      for (const auto& item : split_list(value)) {
        std::string season = item == "fall" ? "autumn" : item;
        const auto& order = season_order();
        if (std::find(order.begin(), order.end(), season) == order.end()) {
          throw ValidationError(name, fmt::format("parameter 'seasons' has an unknown season '{}' (use {})", item,
                                                  fmt::join(order, ", ")));
        }
        chosen.insert(season);
      }
      if (chosen.empty()) throw ValidationError(name, "parameter 'seasons' must name at least one season");
      filters.seasons.clear();
      for (const auto& s : season_order()) {
        if (chosen.count(s)) filters.seasons.push_back(s);
      }
    } else if (name == "days") {
      std::set<int> chosen;
      for (const auto& item : split_list(value)) chosen.insert(parse_day(name, item));
      if (chosen.empty()) throw ValidationError(name, "parameter 'days' must name at least one day");
      filters.days.assign(chosen.begin(), chosen.end());
    } else if (name == "date_basis") {
      if (value != "submission" && value != "rating") {
        throw ValidationError(name,
                              fmt::format("parameter 'date_basis' must be submission or rating, got '{}'", value));
      }
      filters.date_basis = value;
    } else if (name == "min_interactions") {
      filters.min_interactions = static_cast<int>(parse_integer(name, value, 0, 1000000));
    } else if (name == "top_n") {
      filters.top_n = static_cast<int>(parse_integer(name, value, 1, 100));
    } else if (name == "min_frequency") {
      filters.min_frequency = parse_number(name, value, 0, 1);
    } else if (name == "min_difference") {
      filters.min_difference = parse_number(name, value, 0, 1);
    } else if (name == "band_low") {
      filters.band_low = parse_number(name, value, 0, 1);
    } else if (name == "band_high") {
      filters.band_high = parse_number(name, value, 0, 1);
    } else if (name == "clean_only") {
      filters.clean_only = parse_bool(name, value);
    } else if (name == "lang") {
      // The languages are the message catalogs' (i18n/<lang>.json, or MTM_I18N_DIR's).
      if (!present::Catalog::instance().has_language(value)) {
        throw ValidationError(name, fmt::format("parameter 'lang' must be one of {}, got '{}'",
                                                fmt::join(present::Catalog::instance().languages(), ", "), value));
      }
      filters.lang = value;
    }
  }
  if (filters.year_from > filters.year_to) {
    throw ValidationError(
        "year_from", fmt::format("year_from ({}) must not be after year_to ({})", filters.year_from, filters.year_to));
  }
  if (filters.band_low >= filters.band_high) {
    throw ValidationError(
        "band_low", fmt::format("band_low ({}) must be below band_high ({})", filters.band_low, filters.band_high));
  }
  return filters;
}

}  // namespace mtm::analysis
