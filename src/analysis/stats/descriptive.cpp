#include "analysis/stats/descriptive.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "analysis/stats/detail.hpp"
#include "analysis/stats/sorting.hpp"

namespace mtm::stats {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_q(double q) {
  if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("quantile: q must be in [0, 1], got " + std::to_string(q));
}

// NumPy's _lerp: the two-sided form keeps the result exact at both ends of the interval.
double lerp(double a, double b, double t) {
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

}  // namespace

double mean(std::span<const double> x) {
  if (x.empty()) return kNaN;
  return detail::sum(x) / static_cast<double>(x.size());
}

double variance(std::span<const double> x, std::size_t ddof) {
  if (x.size() <= ddof) return kNaN;
  const double m = mean(x);
  detail::Summer s;
  for (double v : x) s.add((v - m) * (v - m));
  return s.value() / static_cast<double>(x.size() - ddof);
}

double std_dev(std::span<const double> x, std::size_t ddof) {
  return std::sqrt(variance(x, ddof));
}

double coefficient_of_variation(std::span<const double> x, std::size_t ddof) {
  const double m = mean(x);
  if (m == 0.0) return kNaN;
  return std_dev(x, ddof) / m;
}

double quantile_sorted(std::span<const double> sorted, double q) {
  check_q(q);
  if (sorted.empty()) return kNaN;
  const double index = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(index));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return lerp(sorted[below], sorted[above], index - static_cast<double>(below));
}

double quantile(std::span<const double> x, double q) {
  check_q(q);
  if (x.empty() || detail::has_nan(x)) return kNaN;  // NaN would break nth_element; NumPy returns NaN too
  std::vector<double> copy(x.begin(), x.end());
  const double index = q * static_cast<double>(copy.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(index));
  std::nth_element(copy.begin(), copy.begin() + static_cast<std::ptrdiff_t>(below), copy.end());
  const double a = copy[below];
  double b = a;
  if (below + 1 < copy.size()) b = *std::min_element(copy.begin() + static_cast<std::ptrdiff_t>(below) + 1, copy.end());
  return lerp(a, b, index - static_cast<double>(below));
}

std::vector<double> quantiles(std::span<const double> x, std::span<const double> qs) {
  for (double q : qs) check_q(q);
  // Braces would build the two-element list {size, NaN} instead of size copies of NaN.
  if (detail::has_nan(x)) return std::vector<double>(qs.size(), kNaN);  // NOLINT(modernize-return-braced-init-list)
  std::vector<double> sorted(x.begin(), x.end());
  detail::sort_values(sorted);
  std::vector<double> out;
  out.reserve(qs.size());
  for (double q : qs) out.push_back(quantile_sorted(sorted, q));
  return out;
}

double median(std::span<const double> x) {
  return quantile(x, 0.5);
}

double weighted_mean(std::span<const double> x, std::span<const double> w) {
  detail::check_same_size(x.size(), w.size(), "weighted_mean");
  detail::Summer sw;
  detail::Summer swx;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (w[i] < 0) return kNaN;
    sw.add(w[i]);
    swx.add(w[i] * x[i]);
  }
  if (!(sw.value() > 0)) return kNaN;
  return swx.value() / sw.value();
}

double weighted_variance(std::span<const double> x, std::span<const double> w) {
  const double m = weighted_mean(x, w);
  if (std::isnan(m)) return kNaN;
  detail::Summer sw;
  detail::Summer s;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sw.add(w[i]);
    s.add(w[i] * (x[i] - m) * (x[i] - m));
  }
  return s.value() / sw.value();
}

double weighted_std(std::span<const double> x, std::span<const double> w) {
  return std::sqrt(weighted_variance(x, w));
}

std::vector<double> z_scores(std::span<const double> x, std::size_t ddof) {
  const double m = mean(x);
  const double sd = std_dev(x, ddof);
  std::vector<double> z(x.size(), kNaN);
  if (!(sd > 0)) return z;
  for (std::size_t i = 0; i < x.size(); ++i) z[i] = (x[i] - m) / sd;
  return z;
}

}  // namespace mtm::stats
