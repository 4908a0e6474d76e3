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

// A refused value: the message is the catalog's (in English: the CLI's and the API's default language; the
// API writes its French problem details itself).
[[noreturn]] void reject(const std::string& name, std::string_view id, const nlohmann::json& params) {
  throw ValidationError(name, present::Catalog::instance().format("en", id, params));
}

// A number as the parameter was written, never grouped ("1000000", "0.5").
template <typename T>
std::string text(T value) {
  return fmt::format("{}", value);
}

long long parse_integer(const std::string& name, const std::string& value, long long min, long long max) {
  long long out = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, out);
  if (value.empty() || ec != std::errc() || ptr != end) {
    reject(name, "filter.error.integer", {{"name", name}, {"value", value}});
  }
  if (out < min || out > max) {
    reject(name, "filter.error.range", {{"name", name}, {"min", text(min)}, {"max", text(max)}, {"value", text(out)}});
  }
  return out;
}

double parse_number(const std::string& name, const std::string& value, double min, double max) {
  double out = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, out);
  if (value.empty() || ec != std::errc() || ptr != end || !(out == out)) {
    reject(name, "filter.error.number", {{"name", name}, {"value", value}});
  }
  if (out < min || out > max) {
    reject(name, "filter.error.range", {{"name", name}, {"min", text(min)}, {"max", text(max)}, {"value", text(out)}});
  }
  return out;
}

bool parse_bool(const std::string& name, const std::string& value) {
  if (value == "true" || value == "1" || value == "yes") return true;
  if (value == "false" || value == "0" || value == "no") return false;
  reject(name, "filter.error.boolean", {{"name", name}, {"value", value}});
}

int parse_day(const std::string& name, const std::string& item) {
  static const std::vector<std::string> kNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  auto it = std::find(kNames.begin(), kNames.end(), item.substr(0, 3));
  if (item.size() >= 3 && it != kNames.end()) return static_cast<int>(it - kNames.begin()) + 1;
  if (item.size() == 1 && item[0] >= '1' && item[0] <= '7') return item[0] - '0';
  reject(name, "filter.error.day", {{"name", name}, {"value", item}});
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

namespace {

// A filter's description (CLI help, OpenAPI, the analyses list), from the catalog in English.
std::string help(const std::string& name) {
  return present::Catalog::instance().format("en", "filter.help." + name, nlohmann::json::object());
}

}  // namespace

const std::vector<FilterSpec>& filter_specs() {
  static const std::vector<FilterSpec> kSpecs = {
      {"year_from", "integer", help("year_from"), "1999", {}, kMinYear, kMaxYear},
      {"year_to", "integer", help("year_to"), "2018", {}, kMinYear, kMaxYear},
      {"seasons", "enum_list", help("seasons"), "", season_order(), 0, 0},
      {"days", "integer_list", help("days"), "", {}, 1, 7},
      {"date_basis", "enum", help("date_basis"), "submission", {"submission", "rating"}, 0, 0},
      {"min_interactions", "integer", help("min_interactions"), "100", {}, 0, 1000000},
      {"top_n", "integer", help("top_n"), "10", {}, 1, 100},
      {"min_frequency", "number", help("min_frequency"), "0.01", {}, 0, 1},
      {"min_difference", "number", help("min_difference"), "0.005", {}, 0, 1},
      {"band_low", "number", help("band_low"), "0.25", {}, 0, 1},
      {"band_high", "number", help("band_high"), "0.75", {}, 0, 1},
      {"clean_only", "boolean", help("clean_only"), "true", {}, 0, 0},
      {"lang", "enum", help("lang"), "en", present::Catalog::instance().languages(), 0, 0},
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
    if (bad->problem == BadParameterName::Problem::Unknown)
      reject(bad->name, "filter.error.unknown", {{"name", bad->name}, {"accepted", bad->accepted}});
    reject(bad->name, "filter.error.repeated", {{"name", bad->name}});
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
          reject(name, "filter.error.season",
                 {{"value", item}, {"accepted", fmt::format("{}", fmt::join(order, ", "))}});
        }
        chosen.insert(season);
      }
      if (chosen.empty()) reject(name, "filter.error.no_season", nlohmann::json::object());
      filters.seasons.clear();
      for (const auto& s : season_order()) {
        if (chosen.count(s)) filters.seasons.push_back(s);
      }
    } else if (name == "days") {
      std::set<int> chosen;
      for (const auto& item : split_list(value)) chosen.insert(parse_day(name, item));
      if (chosen.empty()) reject(name, "filter.error.no_day", nlohmann::json::object());
      filters.days.assign(chosen.begin(), chosen.end());
    } else if (name == "date_basis") {
      if (value != "submission" && value != "rating") {
        reject(name, "filter.error.date_basis", {{"value", value}});
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
        reject(name, "filter.error.lang",
               {{"value", value},
                {"accepted", fmt::format("{}", fmt::join(present::Catalog::instance().languages(), ", "))}});
      }
      filters.lang = value;
    }
  }
  if (filters.year_from > filters.year_to) {
    reject("year_from", "filter.error.year_order", {{"from", text(filters.year_from)}, {"to", text(filters.year_to)}});
  }
  if (filters.band_low >= filters.band_high) {
    reject("band_low", "filter.error.band_order", {{"low", text(filters.band_low)}, {"high", text(filters.band_high)}});
  }
  return filters;
}

}  // namespace mtm::analysis
