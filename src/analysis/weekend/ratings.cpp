#include "analysis/weekend/ratings.hpp"

#include <cmath>
#include <limits>
#include <map>

#include "analysis/cells.hpp"
#include "analysis/stats/rank_tests.hpp"
#include "analysis/weekend/common.hpp"

namespace mtm::analysis::weekend {

double star_share(const StarCounts& counts, std::size_t from, std::size_t to) {
  double all = 0, part = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    all += static_cast<double>(counts[k]);
    if (k >= from && k <= to) part += static_cast<double>(counts[k]);
  }
  return all > 0 ? 100.0 * part / all : NAN;
}

namespace {

const std::vector<double>& star_levels() {
  static const std::vector<double> kLevels = {1, 2, 3, 4, 5};
  return kLevels;
}

std::map<int, StarCounts> counts_by_day(db::Connection& con, const Filters& f) {
  const auto ratings_cells = rating_cells(con);
  const std::vector<char> scope = CellGrid::scope(f);
  std::map<int, StarCounts> by_day;
  for (int d : f.selected_days()) by_day[d] = StarCounts(5, 0);
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    if (!scope[c]) continue;
    auto it = by_day.find(CellGrid::weekday(static_cast<int>(c)));
    if (it == by_day.end()) continue;
    for (std::size_t k = 0; k < 5; ++k) it->second[k] += static_cast<std::int64_t>(ratings_cells->count[c][k]);
  }
  return by_day;
}

// Days without ratings are shown but left out of the k-group tests (an empty group has no mean).
void day_tests(RatingsResult& r) {
  std::vector<Moments> tested;
  std::vector<StarCounts> table;
  double best = -std::numeric_limits<double>::infinity();
  double worst = std::numeric_limits<double>::infinity();
  for (const DayRatings& day : r.days) {
    if (day.moments.n == 0) continue;
    tested.push_back(day.moments);
    table.push_back(day.counts);
    if (day.moments.mean > best) best = day.moments.mean, r.best_day = day.iso_day;
    if (day.moments.mean < worst) worst = day.moments.mean, r.worst_day = day.iso_day;
  }
  r.best_mean = best;
  r.worst_mean = worst;
  r.tested_days = tested.size();
  r.anova = anova_from_moments(tested, &r.eta2);
  r.kruskal = stats::kruskal_from_counts(table);
}

}  // namespace

RatingsResult compute_ratings(db::Connection& con, const Filters& f) {
  RatingsResult r;
  r.weekday_counts = StarCounts(5, 0);
  r.weekend_counts = StarCounts(5, 0);
  for (const auto& [day, counts] : counts_by_day(con, f)) {
    for (std::size_t k = 0; k < 5; ++k) (is_weekend_day(day) ? r.weekend_counts : r.weekday_counts)[k] += counts[k];
    r.days.push_back({day, counts, moments_from_counts(counts, star_levels())});
  }
  r.weekday = moments_from_counts(r.weekday_counts, star_levels());
  r.weekend = moments_from_counts(r.weekend_counts, star_levels());
  r.mann_whitney = stats::mann_whitney_from_counts(r.weekend_counts, r.weekday_counts);
  r.welch = welch_from_moments(r.weekend, r.weekday);
  r.d = cohens_d_from_moments(r.weekend, r.weekday);
  day_tests(r);
  return r;
}

}  // namespace mtm::analysis::weekend
