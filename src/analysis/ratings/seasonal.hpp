// 5.4 Ratings by season: volume and mean rating per season, and whether volumes follow season length.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/stats/result.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::ratings {

struct SeasonVolume {
  std::string season;
  double n = 0;  ///< ratings
  double mean = stats::kNaN;
  double sd = stats::kNaN;
  double users = 0;    ///< distinct raters
  double recipes = 0;  ///< distinct rated recipes
};

struct SeasonalResult {
  std::vector<SeasonVolume> seasons;  ///< the selected seasons, winter → autumn
  double total = 0;
  double cv_volumes = stats::kNaN;
  double max_min_ratio = stats::kNaN;
  stats::TestResult gof;  ///< chi-square: volumes proportional to season length
  double cohens_w = stats::kNaN;
  std::vector<int> partial_years;
};

SeasonalResult compute_seasonal(db::Connection& con, const Filters& f);
nlohmann::json seasonal_view(const SeasonalResult& r);

}  // namespace mtm::analysis::ratings
