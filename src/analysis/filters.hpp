// The filters every analysis accepts a subset of, parsed from HTTP query parameters or CLI options
// into one validated value. Parsing is pure and thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mtm::analysis {

/// One validated set of filters. Defaults reproduce the original app's views.
struct Filters {
  int year_from = 1999;
  int year_to = 2018;
  /// Subset of winter, spring, summer, autumn (always stored in that order); empty = all.
  std::vector<std::string> seasons;
  /// ISO weekdays 1 = Monday … 7 = Sunday (sorted, distinct); empty = all.
  std::vector<int> days;
  /// "submission" (recipe date) or "rating" (interaction date), where both make sense.
  std::string date_basis = "submission";
  /// Months with fewer interactions are left out of monthly rating statistics.
  int min_interactions = 100;
  int top_n = 10;
  /// Minimum share of recipes (0–1) an ingredient or tag needs to be considered.
  double min_frequency = 0.01;
  /// Minimum absolute difference in share (0–1, i.e. 0.005 = 0.5 pp) to report an item.
  double min_difference = 0.005;
  /// Quantile band drawn around yearly medians (e.g. 0.25–0.75 = IQR).
  double band_low = 0.25;
  double band_high = 0.75;
  /// true: only rows passing the cleaning rules (is_clean); false: every row.
  bool clean_only = true;
  /// Language of narratives and messages: "en" or "fr".
  std::string lang = "en";

  /// A stable text form of every field, used as a cache key.
  [[nodiscard]] std::string canonical() const;
  /// The same without the language: the key of a language-free result.
  [[nodiscard]] std::string canonical_scope() const;
  /// True when the season/day lists select every value (no restriction).
  [[nodiscard]] bool all_seasons() const { return seasons.empty() || seasons.size() == 4; }
  [[nodiscard]] bool all_days() const { return days.empty() || days.size() == 7; }
  /// Seasons actually selected (all four when unrestricted), in canonical order.
  [[nodiscard]] std::vector<std::string> selected_seasons() const;
  /// Days actually selected (1..7 when unrestricted).
  [[nodiscard]] std::vector<int> selected_days() const;
};

/// Describes one filter for the API document, the CLI and the UI's filter bar.
struct FilterSpec {
  std::string name;
  /// "integer", "number", "boolean", "enum", "enum_list", "integer_list".
  std::string type;
  std::string description;
  std::string default_value;
  std::vector<std::string> allowed;
  double minimum = 0;
  double maximum = 0;
};

/// Every known filter, plus "lang".
const std::vector<FilterSpec>& filter_specs();
/// The spec named name, or nullptr.
const FilterSpec* find_filter_spec(const std::string& name);

/// Parse name=value pairs. `allowed` lists the filter names the analysis accepts; "lang" is always
/// accepted. Throws ValidationError(parameter, message) on an unknown or repeated name or a bad value.
Filters parse_filters(const std::vector<std::pair<std::string, std::string>>& params,
                      const std::vector<std::string>& allowed, Filters defaults = {});

/// The canonical season order used everywhere.
const std::vector<std::string>& season_order();

}  // namespace mtm::analysis
