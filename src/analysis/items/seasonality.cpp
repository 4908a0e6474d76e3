#include "analysis/items/seasonality.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/cells.hpp"
#include "analysis/stats/chi_square.hpp"
#include "analysis/stats/multiple_testing.hpp"
#include "analysis/words.hpp"

namespace mtm::analysis::items {
namespace {

// An item's presence per season: total in scope, then winter .. autumn.
struct SeasonCounts {
  std::string item;
  std::vector<double> values;
};

std::vector<SeasonCounts> frequent_items(const ItemCells& cells, const std::vector<int>& by_season, double min_total) {
  std::vector<SeasonCounts> out;
  for (std::size_t k = 0; k < cells.names.size(); ++k) {
    std::vector<double> values(5, 0.0);
    for (std::size_t e = cells.begin[k]; e < cells.begin[k + 1]; ++e) {
      const int g = by_season[static_cast<std::size_t>(cells.cells[e])];
      if (g < 0) continue;
      values[0] += cells.counts[e];
      values[1 + static_cast<std::size_t>(g)] += cells.counts[e];
    }
    if (values[0] >= min_total) out.push_back({cells.names[k], std::move(values)});
  }
  return out;
}

// Shares per selected season, spread, peak and the chi-square test of one item (p adjusted later).
SeasonalItem test_item(const SeasonCounts& row, const std::vector<std::string>& seasons,
                       const std::vector<double>& per_season) {
  SeasonalItem t{row.item, {}, 0, NAN, NAN, NAN, ""};
  std::vector<std::vector<double>> table(2);
  double best = -1;
  double worst = 2;
  const auto& order = season_order();
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (std::find(seasons.begin(), seasons.end(), order[k]) == seasons.end()) continue;
    const double with_item = row.values[1 + k];
    const double n = per_season[k];
    const double share = n > 0 ? with_item / n : NAN;
    t.shares.push_back(share);
    table[0].push_back(with_item);
    table[1].push_back(n - with_item);
    if (share > best) {
      best = share;
      t.peak = order[k];
    }
    worst = std::min(worst, share);
  }
  t.spread = best - worst;
  const stats::TestResult chi = stats::chi_square_contingency(table, false);
  t.chi2 = chi.statistic;
  t.p = chi.p_value;
  return t;
}

}  // namespace

ItemSeasonalityResult compute_item_seasonality(db::Connection& connection, const Filters& filters,
                                               const ItemSource& source) {
  ItemSeasonalityResult r;
  r.seasons = filters.selected_seasons();
  r.min_difference = filters.min_difference;
  const std::vector<int> by_season = cell_groups(CellGrid::scope(filters), CellGrid::season);
  const auto per_season = group_totals(recipe_cells(connection)->count, by_season, 4);
  double total_recipes = 0;
  for (double n : per_season) total_recipes += n;
  if (total_recipes == 0 || r.seasons.size() < 2) return r;
  r.comparable = true;
  const double min_total = std::max(1.0, std::ceil(filters.min_frequency * total_recipes));
  std::vector<SeasonalItem> tests;
  std::vector<double> p_values;
  for (const auto& row : frequent_items(*item_cells(connection, source), by_season, min_total)) {
    tests.push_back(test_item(row, r.seasons, per_season));
    p_values.push_back(std::isfinite(tests.back().p) ? tests.back().p : 1.0);
  }
  const std::vector<double> adjusted = stats::benjamini_hochberg(p_values);
  for (std::size_t i = 0; i < tests.size(); ++i) {
    tests[i].p_adjusted = adjusted[i];
    if (tests[i].spread >= filters.min_difference && tests[i].p_adjusted < kSignificanceLevel) {
      r.kept.push_back(tests[i]);
    }
  }
  std::sort(r.kept.begin(), r.kept.end(), [](const SeasonalItem& a, const SeasonalItem& b) {
    return a.chi2 != b.chi2 ? a.chi2 > b.chi2 : a.item < b.item;
  });
  r.tested = tests.size();
  r.shown = std::min<std::size_t>(static_cast<std::size_t>(filters.top_n), r.kept.size());
  return r;
}

}  // namespace mtm::analysis::items
