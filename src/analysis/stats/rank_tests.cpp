#include "analysis/stats/rank_tests.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis/stats/detail.hpp"
#include "analysis/stats/distributions.hpp"
#include "analysis/stats/ranks.hpp"

namespace mtm::stats {

namespace {

TestResult mann_whitney_core(double r1, double n1, double n2, double ties) {
  TestResult t;
  t.n = static_cast<std::size_t>(n1 + n2);
  const double n = n1 + n2;
  const double u1 = r1 - n1 * (n1 + 1) / 2;
  const double u2 = n1 * n2 - u1;
  t.statistic = u1;
  const double u = std::max(u1, u2);
  const double mu = n1 * n2 / 2;
  const double s = std::sqrt(n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1))));
  // Subtracting 0.5 is the continuity correction toward the centre (U ≥ mu here).
  const double numerator = u - mu - 0.5;
  double z = 0;
  if (s > 0) {
    z = numerator / s;
  } else {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    z = numerator < 0
            ? -kInf
            : (numerator > 0 ? kInf : std::numeric_limits<double>::quiet_NaN());  // all tied: SciPy's inf arithmetic
  }
  t.p_value = std::min(1.0, std::max(0.0, 2 * dist::normal_sf(z)));
  return t;
}

TestResult kruskal_core(std::span<const double> rank_sums, std::span<const double> sizes, double ties, double n) {
  TestResult t;
  t.n = static_cast<std::size_t>(n);
  const double correction = 1.0 - ties / (n * n * n - n);
  t.df = static_cast<double>(rank_sums.size()) - 1;
  if (correction == 0) {
    t.reason = "identical_values";
    return t;
  }
  detail::Summer ssbn;
  for (std::size_t g = 0; g < rank_sums.size(); ++g) ssbn.add(rank_sums[g] * rank_sums[g] / sizes[g]);
  t.statistic = (12.0 / (n * (n + 1)) * ssbn.value() - 3 * (n + 1)) / correction;
  t.p_value = dist::chi2_sf(t.statistic, t.df);
  return t;
}

// Mid-rank of every level given the total count per level.
std::vector<double> level_ranks(const std::vector<double>& level_totals, double* ties) {
  std::vector<double> ranks(level_totals.size());
  double before = 0;
  *ties = 0;
  for (std::size_t k = 0; k < level_totals.size(); ++k) {
    const double t = level_totals[k];
    ranks[k] = before + (t + 1) / 2;
    before += t;
    *ties += t * t * t - t;
  }
  return ranks;
}

}  // namespace

TestResult mann_whitney_u(std::span<const double> a, std::span<const double> b) {
  if (a.empty() || b.empty()) {
    TestResult t;
    t.n = a.size() + b.size();
    t.reason = "empty_group";
    return t;
  }
  if (detail::has_nan(a) || detail::has_nan(b)) {
    TestResult t;
    t.n = a.size() + b.size();
    t.reason = "nan_input";
    return t;
  }
  std::vector<double> all(a.begin(), a.end());
  all.insert(all.end(), b.begin(), b.end());
  double ties = 0;
  const std::vector<double> ranks = average_ranks(all, &ties);
  detail::Summer r1;
  for (std::size_t i = 0; i < a.size(); ++i) r1.add(ranks[i]);
  return mann_whitney_core(r1.value(), static_cast<double>(a.size()), static_cast<double>(b.size()), ties);
}

TestResult mann_whitney_from_counts(std::span<const std::int64_t> counts_a, std::span<const std::int64_t> counts_b) {
  detail::check_same_size(counts_a.size(), counts_b.size(), "mann_whitney_from_counts");
  std::vector<double> totals(counts_a.size());
  double n1 = 0;
  double n2 = 0;
  for (std::size_t k = 0; k < totals.size(); ++k) {
    if (counts_a[k] < 0 || counts_b[k] < 0) {
      TestResult t;
      t.reason = "negative_count";
      return t;
    }
    n1 += static_cast<double>(counts_a[k]);
    n2 += static_cast<double>(counts_b[k]);
    totals[k] = static_cast<double>(counts_a[k] + counts_b[k]);
  }
  if (n1 == 0 || n2 == 0) {
    TestResult t;
    t.n = static_cast<std::size_t>(n1 + n2);
    t.reason = "empty_group";
    return t;
  }
  double ties = 0;
  const std::vector<double> ranks = level_ranks(totals, &ties);
  double r1 = 0;
  for (std::size_t k = 0; k < totals.size(); ++k) r1 += static_cast<double>(counts_a[k]) * ranks[k];
  return mann_whitney_core(r1, n1, n2, ties);
}

TestResult kruskal_wallis(std::span<const std::span<const double>> groups) {
  TestResult t;
  if (groups.size() < 2) {
    t.reason = "fewer_than_two_groups";
    return t;
  }
  std::vector<double> all;
  std::vector<double> sizes;
  for (const auto& g : groups) {
    t.n += g.size();
    if (detail::has_nan(g)) {
      t.reason = "nan_input";
      return t;
    }
    sizes.push_back(static_cast<double>(g.size()));
    all.insert(all.end(), g.begin(), g.end());
  }
  for (const auto& g : groups) {
    if (g.empty()) {
      t.reason = "empty_group";
      return t;
    }
  }
  double ties = 0;
  const std::vector<double> ranks = average_ranks(all, &ties);
  std::vector<double> rank_sums;
  std::size_t offset = 0;
  for (const auto& g : groups) {
    detail::Summer s;
    for (std::size_t i = 0; i < g.size(); ++i) s.add(ranks[offset + i]);
    rank_sums.push_back(s.value());
    offset += g.size();
  }
  return kruskal_core(rank_sums, sizes, ties, static_cast<double>(all.size()));
}

TestResult kruskal_from_counts(const std::vector<std::vector<std::int64_t>>& table) {
  TestResult t;
  if (table.size() < 2) {
    t.reason = "fewer_than_two_groups";
    return t;
  }
  const std::size_t levels = table[0].size();
  std::vector<double> totals(levels, 0.0);
  std::vector<double> sizes(table.size(), 0.0);
  for (std::size_t g = 0; g < table.size(); ++g) {
    if (table[g].size() != levels) throw std::invalid_argument("kruskal_from_counts: ragged table");
    for (std::size_t k = 0; k < levels; ++k) {
      if (table[g][k] < 0) {
        t.reason = "negative_count";
        return t;
      }
      totals[k] += static_cast<double>(table[g][k]);
      sizes[g] += static_cast<double>(table[g][k]);
    }
  }
  double ties = 0;
  const std::vector<double> ranks = level_ranks(totals, &ties);
  std::vector<double> rank_sums(table.size(), 0.0);
  for (std::size_t g = 0; g < table.size(); ++g) {
    for (std::size_t k = 0; k < levels; ++k) rank_sums[g] += static_cast<double>(table[g][k]) * ranks[k];
  }
  return kruskal_from_rank_sums(rank_sums, sizes, ties);
}

TestResult kruskal_from_rank_sums(std::span<const double> rank_sums, std::span<const double> sizes, double ties) {
  TestResult t;
  double n = 0;
  for (double s : sizes) n += s;
  t.n = static_cast<std::size_t>(n);
  if (sizes.size() < 2) {
    t.reason = "fewer_than_two_groups";
    return t;
  }
  for (double s : sizes) {
    if (s == 0) {
      t.reason = "empty_group";
      return t;
    }
  }
  return kruskal_core(rank_sums, sizes, ties, n);
}

}  // namespace mtm::stats
