// Normality diagnostics: the normal Q-Q plot of scipy.stats.probplot (Filliben order-statistic medians and
// its least-squares line) and the Shapiro-Wilk test (Royston's algorithm AS R94, as SciPy runs it).
// Pure functions, thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "analysis/stats/result.hpp"

namespace mtm::stats {

/// Points of a normal probability plot and the least-squares line through them.
struct QqPlot {
  std::vector<double> theoretical;  ///< osm: normal quantiles of Filliben's uniform order-statistic medians
  std::vector<double> ordered;      ///< osr: the data sorted ascending
  double slope = kNaN;
  double intercept = kNaN;
  double r = kNaN;  ///< Pearson r of (theoretical, ordered); the app shows r²
  std::string reason;
  [[nodiscard]] bool ok() const noexcept { return reason.empty(); }
};

/// scipy.stats.probplot(x, dist='norm', fit=True). Reasons: "too_few_values" (no line),
/// "constant_input" (r NaN, slope 0; SciPy reports r = 0 there), "nan_input".
QqPlot normal_qq(std::span<const double> x);

/// Shapiro-Wilk W and p-value for 3 ≤ n ≤ 5000 (scipy.stats.shapiro). Like SciPy, the computation runs in
/// single precision (AS R94 is a REAL algorithm), so W and p carry float32 precision (≈ 1e-7 relative).
/// Reasons: "too_few_values", "too_many_values", "constant_input", "nan_input". statistic = W, df unused.
TestResult shapiro_wilk(std::span<const double> x);

}  // namespace mtm::stats
