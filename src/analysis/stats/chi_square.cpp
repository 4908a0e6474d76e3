#include "analysis/stats/chi_square.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/stats/detail.hpp"
#include "analysis/stats/distributions.hpp"

namespace mtm::stats {

TestResult chi_square_gof(std::span<const double> observed) {
  const double expected_each = observed.empty() ? 0.0 : detail::sum(observed) / static_cast<double>(observed.size());
  const std::vector<double> expected(observed.size(), expected_each);
  return chi_square_gof(observed, expected, 0);
}

TestResult chi_square_gof(std::span<const double> observed, std::span<const double> expected, int ddof) {
  detail::check_same_size(observed.size(), expected.size(), "chi_square_gof");
  TestResult t;
  const std::size_t k = observed.size();
  if (k < 2) {
    t.reason = "fewer_than_two_categories";
    return t;
  }
  if (detail::has_nan(observed) || detail::has_nan(expected)) {
    t.reason = "nan_input";
    return t;
  }
  for (std::size_t i = 0; i < k; ++i) {
    if (observed[i] < 0 || expected[i] < 0) {
      t.reason = "negative_count";
      return t;
    }
  }
  const double so = detail::sum(observed);
  const double se = detail::sum(expected);
  t.n = static_cast<std::size_t>(so);
  if (std::fabs(so - se) > 1e-8 * std::max(std::fabs(so), std::fabs(se))) {
    t.reason = "sums_differ";
    return t;
  }
  detail::Summer stat;
  for (std::size_t i = 0; i < k; ++i) {
    if (!(expected[i] > 0)) {
      t.reason = "zero_expected_count";
      return t;
    }
    const double d = observed[i] - expected[i];
    stat.add(d * d / expected[i]);
  }
  t.statistic = stat.value();
  t.df = static_cast<double>(k) - 1.0 - ddof;
  if (!(t.df > 0)) {
    t.reason = "no_degrees_of_freedom";
    t.p_value = kNaN;
    return t;
  }
  t.p_value = dist::chi2_sf(t.statistic, t.df);
  return t;
}

TestResult chi_square_contingency(const std::vector<std::vector<double>>& table, bool yates) {
  TestResult t;
  const std::size_t rows = table.size();
  const std::size_t cols = rows == 0 ? 0 : table[0].size();
  if (rows == 0 || cols == 0) {
    t.reason = "empty_table";
    return t;
  }
  std::vector<double> row_sum(rows, 0.0);
  std::vector<double> col_sum(cols, 0.0);
  double total = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    if (table[i].size() != cols) {
      t.reason = "ragged_table";
      return t;
    }
    for (std::size_t j = 0; j < cols; ++j) {
      const double v = table[i][j];
      if (std::isnan(v)) {
        t.reason = "nan_input";
        return t;
      }
      if (v < 0) {
        t.reason = "negative_count";
        return t;
      }
      row_sum[i] += v;
      col_sum[j] += v;
      total += v;
    }
  }
  t.n = static_cast<std::size_t>(total);
  const bool zero_margin = std::any_of(row_sum.begin(), row_sum.end(), [](double v) { return v == 0; }) ||
                           std::any_of(col_sum.begin(), col_sum.end(), [](double v) { return v == 0; });
  if (zero_margin) {
    t.reason = "zero_expected_count";
    return t;
  }
  t.df = static_cast<double>((rows - 1) * (cols - 1));
  if (t.df == 0) {  // a single row or column: observed equals expected
    t.statistic = 0.0;
    t.p_value = 1.0;
    return t;
  }
  const bool correct = yates && t.df == 1;
  detail::Summer stat;
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      const double e = row_sum[i] * col_sum[j] / total;
      double o = table[i][j];
      if (correct) {
        const double diff = e - o;
        const double shift = std::min(0.5, std::fabs(diff));
        o += diff > 0 ? shift : (diff < 0 ? -shift : 0.0);
      }
      stat.add((o - e) * (o - e) / e);
    }
  }
  t.statistic = stat.value();
  t.p_value = dist::chi2_sf(t.statistic, t.df);
  return t;
}

TestResult chi_square_2x2(double a, double b, double c, double d, bool yates) {
  return chi_square_contingency({{a, b}, {c, d}}, yates);
}

}  // namespace mtm::stats
