#include "analysis/stats/correlation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "analysis/stats/detail.hpp"
#include "analysis/stats/distributions.hpp"
#include "analysis/stats/ranks.hpp"
#include "analysis/stats/sorting.hpp"

namespace mtm::stats {

namespace {

bool precheck(Correlation& c, std::span<const double> x, std::span<const double> y, std::size_t min_n) {
  c.n = x.size();
  if (c.n < min_n) {
    c.reason = "too_few_values";
    return false;
  }
  if (detail::has_nan(x) || detail::has_nan(y)) {
    c.reason = "nan_input";
    return false;
  }
  return true;
}

bool is_constant(std::span<const double> x) {
  return std::all_of(x.begin(), x.end(), [&](double v) { return v == x[0]; });
}

// r of centred, normalised vectors, like scipy.pearsonr (robust for huge magnitudes).
double pearson_r(std::span<const double> x, std::span<const double> y) {
  const auto n = static_cast<double>(x.size());
  const double xm = detail::sum(x) / n;
  const double ym = detail::sum(y) / n;
  detail::Summer sxx;
  detail::Summer syy;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx.add((x[i] - xm) * (x[i] - xm));
    syy.add((y[i] - ym) * (y[i] - ym));
  }
  const double nx = std::sqrt(sxx.value());
  const double ny = std::sqrt(syy.value());
  detail::Summer sxy;
  for (std::size_t i = 0; i < x.size(); ++i) sxy.add(((x[i] - xm) / nx) * ((y[i] - ym) / ny));
  return std::clamp(sxy.value(), -1.0, 1.0);
}

double spearman_p(double r, double n) {
  const double df = n - 2.0;
  if (!(df > 0)) return kNaN;
  const double ratio = std::max(df / ((r + 1.0) * (1.0 - r)), 0.0);
  return dist::t_two_sided(r * std::sqrt(ratio), df);
}

// Number of pairs i < j with y[i] > y[j], by a bottom-up merge sort; y ends up sorted ascending.
std::int64_t count_inversions(std::vector<double>& y) {
  const std::size_t n = y.size();
  std::vector<double> buffer(n);
  std::vector<double>* src = &y;
  std::vector<double>* dst = &buffer;
  std::int64_t inversions = 0;
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n);
      const std::size_t hi = std::min(lo + 2 * width, n);
      const double* a = src->data();
      double* out = dst->data();
      std::size_t i = lo;
      std::size_t j = mid;
      std::size_t k = lo;
      while (i < mid && j < hi) {
        // Branch-free step: random data mispredicts an if/else on every element.
        const bool take_right = a[j] < a[i];
        inversions += take_right ? static_cast<std::int64_t>(mid - i) : 0;
        out[k++] = take_right ? a[j] : a[i];
        j += take_right;
        i += !take_right;
      }
      while (i < mid) out[k++] = a[i++];
      while (j < hi) out[k++] = a[j++];
    }
    std::swap(src, dst);
  }
  if (src != &y) y.swap(buffer);
  return inversions;
}

// Tie statistics of a sorted sequence: Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5).
struct Ties {
  double pairs = 0;
  double v0 = 0;
  double v1 = 0;
};

Ties tie_stats(const std::vector<double>& sorted) {
  Ties t;
  std::size_t i = 0;
  while (i < sorted.size()) {
    std::size_t j = i + 1;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const auto c = static_cast<double>(j - i);
    t.pairs += c * (c - 1) / 2;
    t.v0 += c * (c - 1) * (c - 2);
    t.v1 += c * (c - 1) * (2 * c + 5);
    i = j;
  }
  return t;
}

}  // namespace

Correlation pearson(std::span<const double> x, std::span<const double> y) {
  detail::check_same_size(x.size(), y.size(), "pearson");
  Correlation c;
  if (!precheck(c, x, y, 2)) return c;
  if (is_constant(x) || is_constant(y)) {
    c.reason = "constant_input";
    return c;
  }
  c.r = pearson_r(x, y);
  if (c.n == 2) {
    c.r = c.r > 0 ? 1.0 : -1.0;
    c.p_value = 1.0;
    return c;
  }
  // P(|R| ≥ |r|) under H0: R² ~ Beta(1/2, (n−2)/2); written as scipy does via the symmetric beta.
  const auto ab = static_cast<double>(c.n) / 2.0 - 1.0;
  c.p_value = 2.0 * dist::ibeta(ab, ab, 0.5 * (1.0 - std::fabs(c.r)));
  return c;
}

Correlation weighted_pearson(std::span<const double> x, std::span<const double> y, std::span<const double> w) {
  detail::check_same_size(x.size(), y.size(), "weighted_pearson");
  detail::check_same_size(x.size(), w.size(), "weighted_pearson");
  Correlation c;
  if (!precheck(c, x, y, 2)) return c;
  if (detail::has_nan(w)) {
    c.reason = "nan_input";
    return c;
  }
  detail::Summer sw;
  detail::Summer swx;
  detail::Summer swy;
  for (std::size_t i = 0; i < c.n; ++i) {
    if (w[i] < 0) {
      c.reason = "negative_weight";
      return c;
    }
    sw.add(w[i]);
    swx.add(w[i] * x[i]);
    swy.add(w[i] * y[i]);
  }
  if (!(sw.value() > 0)) {
    c.reason = "zero_weights";
    return c;
  }
  const double xm = swx.value() / sw.value();
  const double ym = swy.value() / sw.value();
  detail::Summer sxx;
  detail::Summer syy;
  detail::Summer sxy;
  for (std::size_t i = 0; i < c.n; ++i) {
    const double dx = x[i] - xm;
    const double dy = y[i] - ym;
    sxx.add(w[i] * dx * dx);
    syy.add(w[i] * dy * dy);
    sxy.add(w[i] * dx * dy);
  }
  if (!(sxx.value() > 0) || !(syy.value() > 0)) {
    c.reason = "constant_input";
    return c;
  }
  c.r = std::clamp(sxy.value() / std::sqrt(sxx.value() * syy.value()), -1.0, 1.0);
  return c;
}

Correlation spearman(std::span<const double> x, std::span<const double> y) {
  detail::check_same_size(x.size(), y.size(), "spearman");
  Correlation c;
  if (!precheck(c, x, y, 2)) return c;
  if (is_constant(x) || is_constant(y)) {
    c.reason = "constant_input";
    return c;
  }
  const std::vector<double> rx = average_ranks(x);
  const std::vector<double> ry = average_ranks(y);
  c.r = pearson_r(rx, ry);
  c.p_value = spearman_p(c.r, static_cast<double>(c.n));
  if (c.n == 2) c.reason = "too_few_values";  // rho = ±1 but no degrees of freedom for the p-value
  return c;
}

Correlation weighted_spearman(std::span<const double> x, std::span<const double> y, std::span<const double> w) {
  detail::check_same_size(x.size(), y.size(), "weighted_spearman");
  Correlation c;
  if (!precheck(c, x, y, 2)) return c;
  const std::vector<double> rx = average_ranks(x);
  const std::vector<double> ry = average_ranks(y);
  return weighted_pearson(rx, ry, w);
}

Correlation kendall_tau_b(std::span<const double> x, std::span<const double> y) {
  detail::check_same_size(x.size(), y.size(), "kendall_tau_b");
  Correlation c;
  if (!precheck(c, x, y, 2)) return c;
  const std::size_t n = c.n;
  // Lexicographic (x, y) order from two stable radix passes: by y, then by x.
  std::vector<std::uint32_t> order = detail::argsort(y);
  detail::stable_sort_by(x, order);
  std::vector<double> xs(n);
  std::vector<double> ys(n);
  for (std::size_t i = 0; i < n; ++i) {
    xs[i] = x[order[i]];
    ys[i] = y[order[i]];
  }
  // Joint ties: runs of equal (x, y) in the lexicographic order.
  double joint = 0;
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i + 1;
    while (j < n && xs[j] == xs[i] && ys[j] == ys[i]) ++j;
    const auto t = static_cast<double>(j - i);
    joint += t * (t - 1) / 2;
    i = j;
  }
  const Ties xt = tie_stats(xs);
  // Within an x-tie block y is ascending, so inversions are exactly the discordant pairs.
  const auto dis = static_cast<double>(count_inversions(ys));
  const Ties yt = tie_stats(ys);  // ys is now sorted
  const auto size = static_cast<double>(n);
  const double tot = size * (size - 1) / 2;
  if (xt.pairs == tot || yt.pairs == tot) {
    c.reason = "constant_input";
    return c;
  }
  const double con_minus_dis = tot - xt.pairs - yt.pairs + joint - 2 * dis;
  c.r = std::clamp(con_minus_dis / std::sqrt(tot - xt.pairs) / std::sqrt(tot - yt.pairs), -1.0, 1.0);
  if (n < 3) {
    c.reason = "too_few_values";  // the variance formula divides by n − 2
    return c;
  }
  const double m = size * (size - 1);
  const double var =
      (m * (2 * size + 5) - xt.v1 - yt.v1) / 18 + (2 * xt.pairs * yt.pairs) / m + xt.v0 * yt.v0 / (9 * m * (size - 2));
  const double z = con_minus_dis / std::sqrt(var);
  c.p_value = 2 * dist::normal_sf(std::fabs(z));
  return c;
}

}  // namespace mtm::stats
