#include "analysis/cells.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <memory>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "data/ingest_summaries.hpp"

namespace mtm::analysis {

namespace {

// Where clause shared by every loader: rows whose calendar cell exists on the grid.
constexpr const char* kOnGrid = "year BETWEEN 1990 AND 2030 AND month IS NOT NULL AND weekday IS NOT NULL";

// The cell of row r of a chunk whose columns first .. first + 3 are year, month, weekday, is_clean.
int cell_of(const db::Chunk& chunk, std::size_t first, std::size_t r) {
  const bool clean = !chunk.is_null(first + 3, r) && chunk.get_int64(first + 3, r) != 0;
  return CellGrid::index(static_cast<int>(chunk.get_int64(first, r)), static_cast<int>(chunk.get_int64(first + 1, r)),
                         static_cast<int>(chunk.get_int64(first + 2, r)), clean);
}

template <typename T, typename Load>
std::shared_ptr<const T> derived(db::Connection& con, const std::string& key, Load load) {
  auto value = con.derived().get(key, [&] { return std::static_pointer_cast<void>(std::make_shared<T>(load(con))); });
  return std::static_pointer_cast<const T>(value);
}

RecipeCells load_recipe_cells(db::Connection& con) {
  RecipeCells out;
  auto result = con.query(fmt::format(
      "SELECT year, month, weekday, is_clean, count(*), min(submitted), max(submitted) FROM recipes WHERE {} "
      "GROUP BY ALL",
      kOnGrid));
  while (auto chunk = result.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      const int cell = cell_of(*chunk, 0, r);
      if (cell < 0) continue;
      const auto c = static_cast<std::size_t>(cell);
      out.count[c] = chunk->get_double(4, r);
      out.first_day[c] = static_cast<std::int32_t>(chunk->get_int64(5, r));
      out.last_day[c] = static_cast<std::int32_t>(chunk->get_int64(6, r));
    }
  }
  auto edges = con.query("SELECT min(submitted), max(submitted) FROM recipes");
  if (auto chunk = edges.next_chunk(); chunk && chunk->size() == 1 && !chunk->is_null(0, 0)) {
    out.has_dates = true;
    out.min_day = static_cast<std::int32_t>(chunk->get_int64(0, 0));
    out.max_day = static_cast<std::int32_t>(chunk->get_int64(1, 0));
  }
  return out;
}

SortedColumn load_sorted_column(db::Connection& con, const std::string& column) {
  auto result = con.query(fmt::format(
      "SELECT year, month, weekday, is_clean, CAST({0} AS DOUBLE) FROM recipes WHERE {1} AND {0} IS NOT NULL", column,
      kOnGrid));
  std::vector<std::pair<double, std::int32_t>> rows;
  while (auto chunk = result.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      const int cell = cell_of(*chunk, 0, r);
      if (cell >= 0) rows.emplace_back(chunk->get_double(4, r), cell);
    }
  }
  std::sort(rows.begin(), rows.end());
  SortedColumn out;
  out.values.reserve(rows.size());
  out.cells.reserve(rows.size());
  for (const auto& [value, cell] : rows) {
    out.values.push_back(value);
    out.cells.push_back(cell);
  }
  index_blocks(out);
  return out;
}

bool has_table(db::Connection& con, const std::string& table) {
  db::PreparedStatement statement(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?");
  statement.bind(1, table);
  return std::get<std::int64_t>(statement.execute().scalar()) > 0;
}

ItemCells load_item_cells(db::Connection& con, const ItemSource& source) {
  // Ingest writes item_cells; a database built another way (tests, older files) gets the same rows from
  // the base tables.
  const std::string rows = has_table(con, "item_cells")
                               ? "SELECT * FROM item_cells WHERE kind = '" + source.column + "'"
                               : data::item_cells_select(source.table, source.column);
  auto result = con.query("SELECT item, year, month, weekday, is_clean, recipes FROM (" + rows + ") WHERE " + kOnGrid +
                          " ORDER BY item NULLS FIRST, year, month, weekday, is_clean");
  ItemCells out;
  while (auto chunk = result.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      const int cell = cell_of(*chunk, 1, r);
      if (cell < 0) continue;
      const double count = chunk->get_double(5, r);
      if (chunk->is_null(0, r)) {
        out.recipes_with_items[static_cast<std::size_t>(cell)] += count;
        continue;
      }
      const std::string_view item = chunk->get_string(0, r);
      if (out.names.empty() || out.names.back() != item) {
        out.names.emplace_back(item);
        out.begin.push_back(out.cells.size());
      }
      out.cells.push_back(cell);
      out.counts.push_back(count);
    }
  }
  out.begin.push_back(out.cells.size());
  return out;
}

RatingCells load_rating_cells(db::Connection& con) {
  RatingCells out;
  auto result = con.query(fmt::format(
      "SELECT year, month, weekday, is_clean, rating, count(*), min(date), max(date) FROM interactions WHERE {} AND "
      "rating BETWEEN 1 AND 5 GROUP BY ALL",
      kOnGrid));
  std::vector<char> seen(CellGrid::kSize, 0);
  while (auto chunk = result.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      const int cell = cell_of(*chunk, 0, r);
      if (cell < 0) continue;
      const auto c = static_cast<std::size_t>(cell);
      out.count[c][static_cast<std::size_t>(chunk->get_int64(4, r) - 1)] = chunk->get_double(5, r);
      const auto first = static_cast<std::int32_t>(chunk->get_int64(6, r));
      const auto last = static_cast<std::int32_t>(chunk->get_int64(7, r));
      out.first_day[c] = seen[c] ? std::min(out.first_day[c], first) : first;
      out.last_day[c] = seen[c] ? std::max(out.last_day[c], last) : last;
      seen[c] = 1;
    }
  }
  auto edges = con.query("SELECT min(date), max(date) FROM interactions WHERE is_clean AND rating BETWEEN 1 AND 5");
  if (auto chunk = edges.next_chunk(); chunk && chunk->size() == 1 && !chunk->is_null(0, 0)) {
    out.has_clean = true;
    out.clean_min_day = static_cast<std::int32_t>(chunk->get_int64(0, 0));
    out.clean_max_day = static_cast<std::int32_t>(chunk->get_int64(1, 0));
  }
  return out;
}

RatingPeople load_rating_people(db::Connection& con) {
  auto result = con.query(fmt::format(
      "SELECT year, month, weekday, is_clean, user_id, recipe_id FROM interactions WHERE {} AND rating BETWEEN 1 AND 5",
      kOnGrid));
  std::vector<std::int32_t> cells;
  std::vector<std::uint32_t> users;
  std::vector<std::uint32_t> recipes;
  std::unordered_map<std::int64_t, std::uint32_t> user_index;
  std::unordered_map<std::int64_t, std::uint32_t> recipe_index;
  // NULL ids are one more distinct value for neither count (count(DISTINCT) ignores NULL).
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  auto dense = [](std::unordered_map<std::int64_t, std::uint32_t>& index, const db::Chunk& chunk, std::size_t col,
                  std::size_t r) {
    if (chunk.is_null(col, r)) return kNone;
    return index.try_emplace(chunk.get_int64(col, r), static_cast<std::uint32_t>(index.size())).first->second;
  };
  while (auto chunk = result.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      const int cell = cell_of(*chunk, 0, r);
      if (cell < 0) continue;
      cells.push_back(cell);
      users.push_back(dense(user_index, *chunk, 4, r));
      recipes.push_back(dense(recipe_index, *chunk, 5, r));
    }
  }
  RatingPeople out;
  out.user_count = user_index.size();
  out.recipe_count = recipe_index.size();
  out.begin.assign(CellGrid::kSize + 1, 0);
  for (auto c : cells) ++out.begin[static_cast<std::size_t>(c) + 1];
  std::partial_sum(out.begin.begin(), out.begin.end(), out.begin.begin());
  std::vector<std::size_t> next(out.begin.begin(), out.begin.end() - 1);
  out.users.resize(cells.size());
  out.recipes.resize(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::size_t at = next[static_cast<std::size_t>(cells[i])]++;
    out.users[at] = users[i];
    out.recipes[at] = recipes[i];
  }
  for (int season = 0; season < 4; ++season) {
    std::vector<char> chosen(CellGrid::kSize, 0);
    for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
      chosen[c] =
          static_cast<char>(CellGrid::clean(static_cast<int>(c)) && CellGrid::season(static_cast<int>(c)) == season);
    }
    std::tie(out.clean_users[static_cast<std::size_t>(season)], out.clean_recipes[static_cast<std::size_t>(season)]) =
        distinct_people(out, chosen);
  }
  return out;
}

}  // namespace

int CellGrid::index(int year, int month, int weekday, bool clean) {
  if (year < kFirstYear || year > kLastYear || month < 1 || month > 12 || weekday < 1 || weekday > 7) return -1;
  return (year - kFirstYear) * kCellsPerYear + (month - 1) * 14 + (weekday - 1) * 2 + (clean ? 1 : 0);
}

int CellGrid::season(int cell) {
  const int m = month(cell);
  if (m == 12 || m <= 2) return 0;
  if (m <= 5) return 1;
  if (m <= 8) return 2;
  return 3;
}

std::vector<char> CellGrid::scope(const Filters& filters) {
  std::array<bool, 4> seasons{};
  const auto& order = season_order();
  for (const auto& s : filters.selected_seasons()) {
    seasons[static_cast<std::size_t>(std::find(order.begin(), order.end(), s) - order.begin())] = true;
  }
  std::array<bool, 8> days{};
  for (int d : filters.selected_days()) days[static_cast<std::size_t>(d)] = true;
  std::vector<char> out(kSize, 0);
  for (std::size_t c = 0; c < kSize; ++c) {
    const auto cell = static_cast<int>(c);
    const int y = year(cell);
    out[c] = static_cast<char>(y >= filters.year_from && y <= filters.year_to &&
                               seasons[static_cast<std::size_t>(season(cell))] &&
                               days[static_cast<std::size_t>(weekday(cell))] && (clean(cell) || !filters.clean_only));
  }
  return out;
}

std::shared_ptr<const RecipeCells> recipe_cells(db::Connection& con) {
  return derived<RecipeCells>(con, "cells.recipes", &load_recipe_cells);
}

std::shared_ptr<const SortedColumn> sorted_column(db::Connection& con, const std::string& column) {
  return derived<SortedColumn>(con, "cells.column." + column,
                               [&column](db::Connection& c) { return load_sorted_column(c, column); });
}

std::shared_ptr<const ItemCells> item_cells(db::Connection& con, const ItemSource& source) {
  return derived<ItemCells>(con, "cells.items." + source.column,
                            [&source](db::Connection& c) { return load_item_cells(c, source); });
}

std::shared_ptr<const RatingCells> rating_cells(db::Connection& con) {
  return derived<RatingCells>(con, "cells.ratings", &load_rating_cells);
}

std::shared_ptr<const RatingPeople> rating_people(db::Connection& con) {
  return derived<RatingPeople>(con, "cells.rating_people", &load_rating_people);
}

std::pair<double, double> distinct_people(const RatingPeople& people, const std::vector<char>& cells) {
  std::vector<char> user_seen(people.user_count, 0);
  std::vector<char> recipe_seen(people.recipe_count, 0);
  double users = 0;
  double recipes = 0;
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    if (!cells[c]) continue;
    for (std::size_t i = people.begin[c]; i < people.begin[c + 1]; ++i) {
      const std::uint32_t u = people.users[i];
      const std::uint32_t r = people.recipes[i];
      if (u < user_seen.size() && !user_seen[u]) user_seen[u] = 1, users += 1;
      if (r < recipe_seen.size() && !recipe_seen[r]) recipe_seen[r] = 1, recipes += 1;
    }
  }
  return {users, recipes};
}

std::vector<double> group_totals(const std::vector<double>& per_cell, const std::vector<int>& group_of_cell,
                                 std::size_t groups) {
  std::vector<double> out(groups, 0.0);
  for (std::size_t c = 0; c < CellGrid::kSize; ++c) {
    if (group_of_cell[c] >= 0) out[static_cast<std::size_t>(group_of_cell[c])] += per_cell[c];
  }
  return out;
}

}  // namespace mtm::analysis
