#include "analysis/stats/effect_size.hpp"

#include <cmath>
#include <limits>

#include "analysis/stats/descriptive.hpp"

namespace mtm::stats {

double cohens_d(std::span<const double> a, std::span<const double> b) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (a.empty() || b.empty() || a.size() + b.size() < 3) return kNaN;
  const auto na = static_cast<double>(a.size());
  const auto nb = static_cast<double>(b.size());
  const double va = a.size() > 1 ? variance(a, 1) : 0.0;
  const double vb = b.size() > 1 ? variance(b, 1) : 0.0;
  const double pooled = std::sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2));
  if (!(pooled > 0)) return kNaN;
  return (mean(a) - mean(b)) / pooled;
}

double cohens_h(double p1, double p2) {
  if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1)) return std::numeric_limits<double>::quiet_NaN();
  return 2 * std::asin(std::sqrt(p1)) - 2 * std::asin(std::sqrt(p2));
}

double percent_bias(double estimate, double reference) {
  if (reference == 0) return std::numeric_limits<double>::quiet_NaN();
  return std::fabs(estimate - reference) / std::fabs(reference) * 100.0;
}

}  // namespace mtm::stats
