#include "analysis/trends/volume.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/stats/descriptive.hpp"

namespace mtm::analysis::trends {

VolumeResult compute_volume(db::Connection& con, const Filters& filters) {
  VolumeResult r;
  r.scope = year_scope(con, filters);
  const auto& counts = r.scope.n;
  const bool any = !counts.empty();
  r.total = std::accumulate(counts.begin(), counts.end(), 0.0);
  r.mean = stats::mean(counts);
  r.median = stats::median(counts);
  r.min = any ? *std::min_element(counts.begin(), counts.end()) : NAN;
  r.q1 = any ? stats::quantile(counts, 0.25) : NAN;
  r.q3 = any ? stats::quantile(counts, 0.75) : NAN;
  r.max = any ? *std::max_element(counts.begin(), counts.end()) : NAN;
  r.std_dev = stats::std_dev(counts, 0);
  r.cv_percent = 100 * stats::coefficient_of_variation(counts, 0);
  r.qq = stats::normal_qq(counts);
  r.shapiro = stats::shapiro_wilk(counts);
  if (any) r.peak = static_cast<std::size_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  return r;
}

}  // namespace mtm::analysis::trends
