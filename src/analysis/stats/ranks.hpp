// Average ("mid") ranks with tie bookkeeping, the building block of the rank statistics. O(n) radix sort,
// pure functions, thread-safe.
#pragma once

#include <span>
#include <vector>

namespace mtm::stats {

/// Ranks 1..n of `values`; tied values share the average of their ranks (scipy.stats.rankdata 'average').
/// If `tie_term` is given it receives Σ(t³ − t) from the same sort. Callers reject NaN before ranking.
std::vector<double> average_ranks(std::span<const double> values, double* tie_term = nullptr);

/// Σ (t³ − t) over the tie groups of `values` (t = size of a group of equal values).
double tie_term(std::span<const double> values);

}  // namespace mtm::stats
