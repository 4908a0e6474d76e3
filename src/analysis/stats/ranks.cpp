#include "analysis/stats/ranks.hpp"

#include <algorithm>
#include <cstddef>
#include <numeric>

namespace mtm::stats {

namespace {

std::vector<std::size_t> sorted_order(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    // NaN last, so the comparator stays a strict weak order.
    const bool na = values[a] != values[a];
    const bool nb = values[b] != values[b];
    if (na || nb) return !na && nb;
    return values[a] < values[b];
  });
  return order;
}

bool same(double a, double b) {
  return a == b || (a != a && b != b);
}

}  // namespace

std::vector<double> average_ranks(std::span<const double> values) {
  const std::vector<std::size_t> order = sorted_order(values);
  std::vector<double> ranks(values.size());
  std::size_t i = 0;
  while (i < order.size()) {
    std::size_t j = i + 1;
    while (j < order.size() && same(values[order[j]], values[order[i]])) ++j;
    // Positions i..j-1 (0-based) hold ranks i+1..j; their average is (i + 1 + j) / 2.
    const double rank = 0.5 * static_cast<double>(i + 1 + j);
    for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

double tie_term(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  double term = 0.0;
  std::size_t i = 0;
  while (i < sorted.size()) {
    std::size_t j = i + 1;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const double t = static_cast<double>(j - i);
    term += t * t * t - t;
    i = j;
  }
  return term;
}

}  // namespace mtm::stats
