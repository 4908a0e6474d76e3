// The analyses' in-memory view of a database, by calendar cell: a cell is one (year, month, ISO weekday,
// is_clean) combination, so every filter scope (year range, seasons, days, clean_only) is a set of cells
// and each request aggregates a few thousand cells, or one pass over a sorted column, instead of
// scanning and grouping the raw rows in SQL. Each part is loaded on first use, once per Database
// (db::DerivedData), from the tables of docs/data-model.md; ingest precomputes `item_cells` so the item
// part loads without joining the item tables. Years outside the filters' range (1990–2030) can never be
// selected and are left out.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/items.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis {

/// Index arithmetic of the fixed cell grid, 1990..2030 × 12 months × 7 weekdays × {unclean, clean}.
struct CellGrid {
  static constexpr int kFirstYear = 1990;
  static constexpr int kLastYear = 2030;
  static constexpr int kCellsPerYear = 12 * 7 * 2;
  static constexpr std::size_t kSize = static_cast<std::size_t>(kLastYear - kFirstYear + 1) * kCellsPerYear;

  /// Cell of a row, or -1 when the year is outside the grid.
  static int index(int year, int month, int weekday, bool clean);
  static int year(int cell) { return kFirstYear + cell / kCellsPerYear; }
  static int month(int cell) { return (cell / 14) % 12 + 1; }
  static int weekday(int cell) { return (cell / 2) % 7 + 1; }
  static bool clean(int cell) { return cell % 2 == 1; }
  /// Position of the cell's season in season_order() (0 winter … 3 autumn).
  static int season(int cell);
  /// 1 for every cell inside the filters' scope, the exact equivalent of scope_predicate().
  static std::vector<char> scope(const Filters& filters);
};

/// Recipes per cell and the submission-date extremes.
struct RecipeCells {
  std::vector<double> count = std::vector<double>(CellGrid::kSize, 0.0);
  /// Days since 1970-01-01 of the first/last submission in each cell (meaningful where count > 0).
  std::vector<std::int32_t> first_day = std::vector<std::int32_t>(CellGrid::kSize, 0);
  std::vector<std::int32_t> last_day = std::vector<std::int32_t>(CellGrid::kSize, 0);
  /// Extremes of `submitted` over every recipe (for partial-year flags); has_dates false when none.
  bool has_dates = false;
  std::int32_t min_day = 0;
  std::int32_t max_day = 0;
};

/// One numeric recipe column's non-NULL values in ascending order with the cell of each.
struct SortedColumn {
  std::vector<double> values;
  std::vector<std::int32_t> cells;
  /// Start of each run of equal values (tie block), then values.size(): the passes over a scope work per
  /// block, so most of their arithmetic is per distinct value instead of per row.
  std::vector<std::uint32_t> block_begin;
  /// Every value is an integer and Σ|x| ≤ 2⁵³: any running sum of the values is exact, so adding a value
  /// k times equals adding k·x once.
  bool integral = false;
};
/// Fills block_begin and integral from values.
void index_blocks(SortedColumn& column);

/// Presence counts of each item per cell (compressed rows: item k owns entries begin[k] .. begin[k+1]).
struct ItemCells {
  std::vector<std::string> names;  ///< ascending
  std::vector<std::size_t> begin;  ///< names.size() + 1 offsets
  std::vector<std::int32_t> cells;
  std::vector<double> counts;
  /// Recipes with at least one item of this kind, per cell.
  std::vector<double> recipes_with_items = std::vector<double>(CellGrid::kSize, 0.0);
};

/// Interactions with a rating of 1–5, counted per cell and star.
struct RatingCells {
  std::vector<std::array<double, 5>> count = std::vector<std::array<double, 5>>(CellGrid::kSize, {0, 0, 0, 0, 0});
  std::vector<std::int32_t> first_day = std::vector<std::int32_t>(CellGrid::kSize, 0);
  std::vector<std::int32_t> last_day = std::vector<std::int32_t>(CellGrid::kSize, 0);
  /// Date extremes of the clean ratings (1–5) over the whole table, for the partial-month flags.
  bool has_clean = false;
  std::int32_t clean_min_day = 0;
  std::int32_t clean_max_day = 0;
};

/// Who rated what (ratings 1–5), grouped by cell, with users and recipes as dense indexes, for distinct
/// counts under any scope.
struct RatingPeople {
  std::vector<std::size_t> begin;  ///< CellGrid::kSize + 1 offsets into users/recipes
  std::vector<std::uint32_t> users;
  std::vector<std::uint32_t> recipes;
  std::size_t user_count = 0;
  std::size_t recipe_count = 0;
  /// Distinct users and recipes per season (winter … autumn) over every clean cell: the answer whenever a
  /// clean-only scope holds all of a season's rated cells (the default filters).
  std::array<double, 4> clean_users{};
  std::array<double, 4> clean_recipes{};
};

/// Distinct users and recipes rated in the given cells.
std::pair<double, double> distinct_people(const RatingPeople& people, const std::vector<char>& cells);

// Each part is shared: a caller keeps its pointer for the request, even if the database's derived data is
// dropped meanwhile.
std::shared_ptr<const RecipeCells> recipe_cells(db::Connection& connection);
/// column is a fixed numeric recipes column name from code.
std::shared_ptr<const SortedColumn> sorted_column(db::Connection& connection, const std::string& column);
std::shared_ptr<const ItemCells> item_cells(db::Connection& connection, const ItemSource& source);
std::shared_ptr<const RatingCells> rating_cells(db::Connection& connection);
std::shared_ptr<const RatingPeople> rating_people(db::Connection& connection);

// ---- Aggregation over a scope ----

/// Summary of one group of a sorted column.
struct GroupSummary {
  double n = 0;
  double mean = NAN;
  double m2 = 0;  ///< Σ (x − mean)²
  double min = NAN;
  double max = NAN;
  std::vector<double> quantiles;  ///< type 7, one per requested probability (NaN when empty)
  [[nodiscard]] double variance() const { return n > 1 ? m2 / (n - 1) : NAN; }
  [[nodiscard]] double sd() const;
};

/// group_of_cell maps a cell to its group (0 .. groups − 1) or −1 to leave it out. With spread false, only
/// n, mean, min and max are filled (m2 stays 0, quantiles NaN), in one pass over the column instead of two.
std::vector<GroupSummary> summarize(const SortedColumn& column, const std::vector<int>& group_of_cell,
                                    std::size_t groups, const std::vector<double>& probabilities, bool spread = true);

/// Each group's sum of average ranks (ties share their mid-rank) in the pooled sample of the included
/// values, the group sizes and Σ(t³ − t) over tie groups: the input of Kruskal-Wallis and Mann-Whitney.
struct RankSums {
  std::vector<double> sums;
  std::vector<double> sizes;
  double tie_term = 0;
};
RankSums rank_sums(const SortedColumn& column, const std::vector<int>& group_of_cell, std::size_t groups);

/// summarize() and rank_sums() of the same scope, from one walk over the column when groups ≤ 4.
struct RankedSummary {
  std::vector<GroupSummary> groups;
  RankSums ranks;
};
RankedSummary summarize_ranked(const SortedColumn& column, const std::vector<int>& group_of_cell, std::size_t groups,
                               const std::vector<double>& probabilities, bool spread = true);

/// Per-group sums of a per-cell quantity.
std::vector<double> group_totals(const std::vector<double>& per_cell, const std::vector<int>& group_of_cell,
                                 std::size_t groups);

/// Years as groups: group = year − CellGrid::kFirstYear.
inline constexpr std::size_t kYearGroups = CellGrid::kLastYear - CellGrid::kFirstYear + 1;
inline int year_group(int cell) {
  return CellGrid::year(cell) - CellGrid::kFirstYear;
}

/// Group of each cell: −1 outside scope, otherwise key(cell).
template <typename Key>
std::vector<int> cell_groups(const std::vector<char>& scope, Key key) {
  std::vector<int> out(CellGrid::kSize, -1);
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    if (scope[c]) out[c] = key(static_cast<int>(c));
  }
  return out;
}

}  // namespace mtm::analysis
