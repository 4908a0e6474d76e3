// Multiple-testing correction: Benjamini–Hochberg false-discovery-rate adjusted p-values
// (statsmodels multipletests(method='fdr_bh')). Pure, thread-safe, O(m log m).
#pragma once

#include <span>
#include <vector>

namespace mtm::stats {

/// BH-adjusted p-values in the input order: p_(i)·m / i made monotone from the largest down, capped at 1.
/// NaN p-values stay NaN and do not count in m.
std::vector<double> benjamini_hochberg(std::span<const double> p_values);

}  // namespace mtm::stats
