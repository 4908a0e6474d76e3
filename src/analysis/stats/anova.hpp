// One-way analysis of variance (F test of equal group means, scipy.stats.f_oneway). Pure, thread-safe.
#pragma once

#include <span>

#include "analysis/stats/result.hpp"

namespace mtm::stats {

/// F = (SS_between / (k − 1)) / (SS_within / (N − k)); df = k − 1, df2 = N − k.
/// Like SciPy: every group constant but not all equal gives F = +inf, p = 0 (reason empty);
/// all values equal gives NaN ("constant_input"). Other reasons: "fewer_than_two_groups", "empty_group",
/// "one_value_per_group", "nan_input".
TestResult one_way_anova(std::span<const std::span<const double>> groups);

}  // namespace mtm::stats
