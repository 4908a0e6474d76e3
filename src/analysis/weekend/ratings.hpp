// weekend.ratings (notebook only, §8.6, §11): the weekend effect on ratings by rating date — the two
// periods (Mann-Whitney, Welch, Cohen's d) and the selected days (one-way ANOVA, Kruskal-Wallis).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/group_tests.hpp"
#include "analysis/stats/result.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::weekend {

/// Ratings of 1 to 5 stars counted per level.
using StarCounts = std::vector<std::int64_t>;

struct DayRatings {
  int iso_day = 0;
  StarCounts counts;
  Moments moments;
};

struct RatingsResult {
  std::vector<DayRatings> days;  ///< the selected days in ISO order (a day may have no ratings)
  StarCounts weekday_counts, weekend_counts;
  Moments weekday, weekend;
  stats::TestResult mann_whitney, welch, anova, kruskal;
  double d = NAN;               ///< Cohen's d, weekend − weekday
  double eta2 = NAN;            ///< ANOVA effect size
  std::size_t tested_days = 0;  ///< days with ratings, those the k-group tests compare
  int best_day = 0, worst_day = 0;
  double best_mean = NAN, worst_mean = NAN;
};

/// Share (%) of the ratings from level `from` to `to` (0-based, inclusive); NaN without ratings.
double star_share(const StarCounts& counts, std::size_t from, std::size_t to);

RatingsResult compute_ratings(db::Connection& con, const Filters& f);
nlohmann::json ratings_view(const RatingsResult& r);

}  // namespace mtm::analysis::weekend
