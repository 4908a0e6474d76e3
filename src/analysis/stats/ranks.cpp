#include "analysis/stats/ranks.hpp"

#include <cstddef>
#include <cstdint>

#include "analysis/stats/sorting.hpp"

namespace mtm::stats {

std::vector<double> average_ranks(std::span<const double> values, double* tie_term_out) {
  const std::vector<std::uint32_t> order = detail::argsort(values);
  // One gather, then the tie scan reads sequentially.
  std::vector<double> sorted(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) sorted[k] = values[order[k]];
  std::vector<double> ranks(values.size());
  double term = 0.0;
  std::size_t i = 0;
  while (i < order.size()) {
    std::size_t j = i + 1;
    while (j < order.size() && sorted[j] == sorted[i]) ++j;
    // Positions i..j-1 (0-based) hold ranks i+1..j; their average is (i + 1 + j) / 2.
    const double rank = 0.5 * static_cast<double>(i + 1 + j);
    for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
    const auto t = static_cast<double>(j - i);
    term += t * t * t - t;
    i = j;
  }
  if (tie_term_out != nullptr) *tie_term_out = term;
  return ranks;
}

double tie_term(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  detail::sort_values(sorted);
  double term = 0.0;
  std::size_t i = 0;
  while (i < sorted.size()) {
    std::size_t j = i + 1;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const auto t = static_cast<double>(j - i);
    term += t * t * t - t;
    i = j;
  }
  return term;
}

}  // namespace mtm::stats
