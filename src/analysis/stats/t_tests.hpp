// Two-sample t tests for a difference in means: Student (pooled variance) and Welch (unequal variances),
// two-sided, as scipy.stats.ttest_ind(equal_var=True/False). Pure, thread-safe.
#pragma once

#include <span>

#include "analysis/stats/result.hpp"

namespace mtm::stats {

/// Student t = (x̄a − x̄b) / √(s²p (1/na + 1/nb)), s²p pooled with ddof 1; df = na + nb − 2.
/// Reasons: "empty_group", "group_of_one" (NaN as in SciPy), "zero_variance" (both groups constant with
/// equal means), "nan_input".
/// Zero variance with different means gives t = ±inf, p = 0 (as SciPy).
TestResult student_t_test(std::span<const double> a, std::span<const double> b);

/// Welch t = (x̄a − x̄b) / √(s²a/na + s²b/nb); Welch–Satterthwaite df (1 when both variances are 0,
/// as SciPy). Same reasons as student_t_test.
TestResult welch_t_test(std::span<const double> a, std::span<const double> b);

}  // namespace mtm::stats
