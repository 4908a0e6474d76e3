// Internal O(n) sorting for mtm::stats: stable LSD radix sort of doubles and of indices by double keys.
// Rank statistics on ~200k rows spend most of their time sorting, and radix beats comparison sorts there.
// Pure functions, thread-safe. NaN must be filtered by callers (it would sort after +inf).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace mtm::stats::detail {

/// Indices 0..n−1 ordered by ascending values, ties in index order (stable).
std::vector<std::uint32_t> argsort(std::span<const double> values);

/// Stable re-sort of `order` (a permutation of indices into `values`) by ascending values[order[i]].
void stable_sort_by(std::span<const double> values, std::vector<std::uint32_t>& order);

/// Ascending sort of `values` in place.
void sort_values(std::vector<double>& values);

}  // namespace mtm::stats::detail
