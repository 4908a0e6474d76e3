// Pearson chi-square tests: goodness of fit and independence in an r×c contingency table (Yates'
// continuity correction on 1-df tables, as scipy.stats.chi2_contingency). Pure functions, thread-safe.
#pragma once

#include <span>
#include <vector>

#include "analysis/stats/result.hpp"

namespace mtm::stats {

/// Goodness of fit against equal expected counts (scipy.stats.chisquare(f_obs)); df = k − 1.
TestResult chi_square_gof(std::span<const double> observed);

/// Goodness of fit against `expected` (same total within 1e-8 relative, else reason "sums_differ");
/// df = k − 1 − ddof. Reasons: "fewer_than_two_categories", "sums_differ", "zero_expected_count", "negative_count".
TestResult chi_square_gof(std::span<const double> observed, std::span<const double> expected, int ddof = 0);

/// Independence test on table[row][col] of counts; expected = row total × column total / N,
/// df = (r − 1)(c − 1). With `yates` and df = 1, each |O − E| shrinks by min(0.5, |O − E|).
/// df = 0 gives statistic 0, p 1 (as SciPy). Reasons: "empty_table", "ragged_table",
/// "zero_expected_count" (a row or column sums to 0; SciPy raises), "negative_count".
TestResult chi_square_contingency(const std::vector<std::vector<double>>& table, bool yates = true);

/// 2×2 shortcut: [[a, b], [c, d]].
TestResult chi_square_2x2(double a, double b, double c, double d, bool yates = true);

}  // namespace mtm::stats
