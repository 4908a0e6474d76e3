#include "analysis/items/trends.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/cells.hpp"

namespace mtm::analysis::items {
namespace {

// An item's presence in scope: in total, in the first year and in the last year.
struct Presence {
  std::string item;
  double total = 0;
  double first = 0;
  double last = 0;
};

struct Scan {
  std::vector<Presence> frequent;         ///< items with at least min_recipes
  std::vector<double> distinct_per_year;  ///< per year group
};

// Presence per item in scope and distinct items per year, in one pass over the item cells.
Scan scan_items(const ItemCells& items, const std::vector<int>& by_year, const ItemTrendsResult& r) {
  Scan scan;
  scan.distinct_per_year.assign(kYearGroups, 0.0);
  std::vector<double> item_years(kYearGroups);
  const auto first = static_cast<std::size_t>(r.first_year - CellGrid::kFirstYear);
  const auto last = static_cast<std::size_t>(r.last_year - CellGrid::kFirstYear);
  for (std::size_t k = 0; k < items.names.size(); ++k) {
    std::fill(item_years.begin(), item_years.end(), 0.0);
    double total = 0;
    for (std::size_t e = items.begin[k]; e < items.begin[k + 1]; ++e) {
      const int g = by_year[static_cast<std::size_t>(items.cells[e])];
      if (g < 0) continue;
      item_years[static_cast<std::size_t>(g)] += items.counts[e];
      total += items.counts[e];
    }
    if (total == 0) continue;
    for (std::size_t g = 0; g < kYearGroups; ++g) {
      if (item_years[g] > 0) scan.distinct_per_year[g] += 1;
    }
    if (total >= r.min_recipes) scan.frequent.push_back({items.names[k], total, item_years[first], item_years[last]});
  }
  std::sort(scan.frequent.begin(), scan.frequent.end(), [](const Presence& a, const Presence& b) {
    return a.total != b.total ? a.total > b.total : a.item < b.item;
  });
  return scan;
}

double recipes_in_year(const ItemTrendsResult& r, double year) {
  const auto at = std::find(r.years.begin(), r.years.end(), year);
  return at == r.years.end() ? 0.0 : r.recipes[static_cast<std::size_t>(at - r.years.begin())];
}

void diversity(ItemTrendsResult& r, const ItemCells& items, const std::vector<int>& by_year, const Scan& scan) {
  const auto with_items = group_totals(items.recipes_with_items, by_year, kYearGroups);
  for (std::size_t g = 0; g < kYearGroups; ++g) {
    if (with_items[g] == 0) continue;
    const double year = CellGrid::kFirstYear + static_cast<double>(g);
    r.diversity_years.push_back(year);
    r.distinct_items.push_back(scan.distinct_per_year[g]);
    r.diversity_recipes.push_back(recipes_in_year(r, year));
  }
  r.diversity_fit = stats::ols(r.diversity_years, r.distinct_items);
}

// Rises and falls in share between the first and last years, each list cut at top_n and at the sign change.
void share_moves(ItemTrendsResult& r, const Scan& scan, std::size_t n_top) {
  if (r.first_year == r.last_year) return;
  const double n_first = recipes_in_year(r, r.first_year);
  const double n_last = recipes_in_year(r, r.last_year);
  std::vector<ShareMove> moves;
  for (const auto& row : scan.frequent) {
    const double a = row.first / n_first;
    const double b = row.last / n_last;
    moves.push_back({row.item, b - a, a, b});
  }
  auto cut = [n_top](std::vector<ShareMove> list, bool up) {
    std::sort(list.begin(), list.end(),
              [up](const ShareMove& a, const ShareMove& b) { return up ? a.delta > b.delta : a.delta < b.delta; });
    std::vector<ShareMove> out;
    for (std::size_t i = 0; i < list.size() && i < n_top; ++i) {
      if (up ? list[i].delta <= 0 : list[i].delta >= 0) break;
      out.push_back(list[i]);
    }
    return out;
  };
  r.rises = cut(moves, true);
  r.falls = cut(moves, false);
}

// The yearly share of the top 5 movers each way.
void mover_series(ItemTrendsResult& r, const ItemCells& items, const std::vector<int>& by_year) {
  std::vector<std::pair<std::string, bool>> tracked;
  for (std::size_t i = 0; i < r.rises.size() && i < 5; ++i) tracked.emplace_back(r.rises[i].item, true);
  for (std::size_t i = 0; i < r.falls.size() && i < 5; ++i) tracked.emplace_back(r.falls[i].item, false);
  for (const auto& [name, rising] : tracked) {
    std::map<int, double> counts;
    const auto found = std::lower_bound(items.names.begin(), items.names.end(), name);
    const auto item = static_cast<std::size_t>(found - items.names.begin());
    for (std::size_t e = items.begin[item]; e < items.begin[item + 1]; ++e) {
      const int g = by_year[static_cast<std::size_t>(items.cells[e])];
      if (g >= 0) counts[CellGrid::kFirstYear + g] += items.counts[e];
    }
    MoverSeries series{name, rising, {}};
    for (std::size_t i = 0; i < r.years.size(); ++i) {
      const auto year = static_cast<int>(r.years[i]);
      series.shares.push_back(counts.count(year) ? counts[year] / r.recipes[i] : 0.0);
    }
    r.movers.push_back(std::move(series));
  }
}

}  // namespace

ItemTrendsResult compute_item_trends(db::Connection& connection, const Filters& filters, const ItemSource& source) {
  ItemTrendsResult r;
  const auto items = item_cells(connection, source);
  const std::vector<int> by_year = cell_groups(CellGrid::scope(filters), year_group);
  const auto recipes_per_year = group_totals(recipe_cells(connection)->count, by_year, kYearGroups);
  for (std::size_t g = 0; g < kYearGroups; ++g) {
    if (recipes_per_year[g] == 0) continue;
    r.years.push_back(CellGrid::kFirstYear + static_cast<double>(g));
    r.recipes.push_back(recipes_per_year[g]);
    r.total_recipes += recipes_per_year[g];
  }
  if (r.years.empty()) return r;
  r.empty = false;
  r.first_year = static_cast<int>(r.years.front());
  r.last_year = static_cast<int>(r.years.back());
  r.min_recipes = std::max(1.0, std::ceil(filters.min_frequency * r.total_recipes));
  const Scan scan = scan_items(*items, by_year, r);
  r.considered = scan.frequent.size();
  const std::size_t n_top = std::min<std::size_t>(static_cast<std::size_t>(filters.top_n), scan.frequent.size());
  for (std::size_t i = 0; i < n_top; ++i) {
    r.top_items.push_back(scan.frequent[i].item);
    r.top_counts.push_back(scan.frequent[i].total);
  }
  diversity(r, *items, by_year, scan);
  share_moves(r, scan, n_top);
  mover_series(r, *items, by_year);
  return r;
}

}  // namespace mtm::analysis::items
