// Result types shared by the statistical tests and correlations of mtm::stats. Plain values, so they are
// trivially thread-safe; a degenerate input never throws: its numbers are NaN and `reason` says why.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

namespace mtm::stats {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Outcome of a hypothesis test. `df2` is used only by F tests (ANOVA: df = between, df2 = within).
struct TestResult {
  double statistic = kNaN;
  double p_value = kNaN;
  double df = kNaN;
  double df2 = kNaN;
  std::size_t n = 0;   ///< total number of observations used
  std::string reason;  ///< empty when the result is defined; e.g. "empty_group", "constant_input"
  /// True when the statistic is a number (p-value may still be NaN, see reason).
  [[nodiscard]] bool ok() const noexcept { return reason.empty(); }
};

/// A correlation coefficient with its two-sided p-value (NaN when the method has none).
struct Correlation {
  double r = kNaN;
  double p_value = kNaN;
  std::size_t n = 0;
  std::string reason;
  [[nodiscard]] bool ok() const noexcept { return reason.empty(); }
};

}  // namespace mtm::stats
