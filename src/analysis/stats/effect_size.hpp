// Effect sizes and relative differences reported next to the tests. Pure, thread-safe.
#pragma once

#include <span>

namespace mtm::stats {

/// Cohen's d = (x̄a − x̄b) / s_pooled, s²_pooled = ((na−1)s²a + (nb−1)s²b)/(na+nb−2) with ddof-1 variances.
/// NaN when na + nb < 3, a group is empty, or s_pooled = 0.
double cohens_d(std::span<const double> a, std::span<const double> b);

/// Cohen's h between two proportions, 2·asin√p1 − 2·asin√p2 (statsmodels' proportion_effectsize); NaN outside [0, 1].
double cohens_h(double p1, double p2);

/// |estimate − reference| / |reference| · 100, the app's "slope bias %" (§5.1). NaN when reference is 0.
double percent_bias(double estimate, double reference);

}  // namespace mtm::stats
