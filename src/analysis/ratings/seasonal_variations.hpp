// 5.5 Seasonal variations: whether individual ratings differ between seasons (ANOVA, Kruskal-Wallis),
// with each season's mean, quantiles and shares of 5★ and ≤ 2★ ratings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/group_tests.hpp"
#include "analysis/ratings/common.hpp"

namespace mtm::analysis::ratings {

struct SeasonRatings {
  std::string season;
  StarCounts counts;
  Moments moments;
  double median = stats::kNaN;
  double q25 = stats::kNaN;
  double q75 = stats::kNaN;
  double pct_five_stars = stats::kNaN;
  double pct_two_or_less = stats::kNaN;
};

struct SeasonalVariationsResult {
  std::vector<SeasonRatings> seasons;  ///< the selected seasons, winter → autumn
  stats::TestResult anova;
  stats::TestResult kruskal;
  double eta_squared = stats::kNaN;
  double epsilon_squared = stats::kNaN;
  int best = -1;   ///< index in seasons of the highest mean among seasons with ratings; -1 when none
  int worst = -1;  ///< of the lowest mean
  std::vector<int> partial_years;
  [[nodiscard]] double mean_of(int i) const {
    return i < 0 ? stats::kNaN : seasons[static_cast<std::size_t>(i)].moments.mean;
  }
  [[nodiscard]] double gap() const { return mean_of(best) - mean_of(worst); }
};

SeasonalVariationsResult compute_seasonal_variations(db::Connection& con, const Filters& f);
nlohmann::json seasonal_variations_view(const SeasonalVariationsResult& r);

}  // namespace mtm::analysis::ratings
