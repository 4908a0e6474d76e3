#include "analysis/stats/normality.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/detail.hpp"
#include "analysis/stats/distributions.hpp"
#include "analysis/stats/sorting.hpp"

namespace mtm::stats {

namespace {

// ---- Shapiro-Wilk, AS R94 (Royston 1995). Every operation stays in float, in the published order of
// evaluation, so the results reproduce SciPy's single-precision implementation bit for bit.

// Polynomial c[0] + c[1]·x + … (AS 181.2), evaluated in the original nested order.
float poly(const float* c, int nord, float x) {
  float result = c[0];
  if (nord == 1) return result;
  float p = x * c[nord - 1];
  for (int j = nord - 2; j >= 1; --j) p = (p + c[j]) * x;
  return result + p;
}

// Normal quantile, AS 111 single-precision version.
float ppnd(float p) {
  const float q = p - 0.5f;
  if (std::fabs(q) <= 0.42f) {
    const float r = q * q;
    return q * (((-25.44106049637f * r + 41.39119773534f) * r + -18.61500062529f) * r + 2.50662823884f) /
           ((((3.13082909833f * r + -21.06224101826f) * r + 23.08336743743f) * r + -8.47351093090f) * r + 1.0f);
  }
  float r = q > 0 ? 1.0f - p : p;
  if (r <= 0) return 0.0f;
  r = std::sqrt(-std::log(r));
  const float v = (((2.32121276858f * r + 4.85014127135f) * r + -2.29796479134f) * r + -2.78718931138f) /
                  ((1.63706781897f * r + 3.54388924762f) * r + 1.0f);
  return q < 0 ? -v : v;
}

// Upper normal tail, AS 66 (double precision), as used by AS R94.
double alnorm_upper(double x) {
  bool up = true;
  double z = x;
  if (z < 0) {
    up = false;
    z = -z;
  }
  double result = 0;
  if (z <= 7.0 || (up && z <= 38.0)) {
    const double y = 0.5 * z * z;
    if (z > 1.28) {
      result =
          0.398942280385 * std::exp(-y) /
          (z - 3.8052e-8 +
           1.00000615302 / (z + 3.98064794e-4 +
                            1.98615381364 / (z - 0.151679116635 +
                                             5.29330324926 / (z + 4.8385912808 -
                                                              15.1508972451 / (z + 0.742380924027 +
                                                                               30.789933034 / (z + 3.99019417011))))));
    } else {
      result =
          0.5 - z * (0.398942280444 - 0.399903438504 * y /
                                          (y + 5.75885480458 -
                                           29.8213557808 / (y + 2.62433121679 + 48.6959930692 / (y + 5.92885724438))));
    }
  }
  return up ? result : 1.0 - result;
}

struct SwilkOut {
  float w = 1.0f;
  float pw = 1.0f;
  bool zero_range = false;
};

// The algorithm's coefficients (Royston 1995, AS R94), float as in the original.
constexpr float c1[6] = {0.0f, 0.221157f, -0.147981f, -0.207119e1f, 0.4434685e1f, -0.2706056e1f};
constexpr float c2[6] = {0.0f, 0.42981e-1f, -0.293762f, -0.1752461e1f, 0.5682633e1f, -0.3582633e1f};
constexpr float c3[4] = {0.5440f, -0.39978f, 0.25054e-1f, -0.6714e-3f};
constexpr float c4[4] = {0.13822e1f, -0.77857f, 0.62767e-1f, -0.20322e-2f};
constexpr float c5[4] = {-0.15861e1f, -0.31082f, -0.83751e-1f, 0.38915e-2f};
constexpr float c6[3] = {-0.4803f, -0.82676e-1f, 0.30302e-2f};
constexpr float g[2] = {-0.2273e1f, 0.459f};
constexpr float kSmall = 1e-19f;

// The weights a(1..n/2), 1-based like the paper.
std::vector<float> swilk_weights(int n) {
  const int nn2 = n / 2;
  const auto an = static_cast<float>(n);
  std::vector<float> a(static_cast<std::size_t>(nn2) + 1);
  if (n == 3) {
    a[1] = 0.70711f;
    return a;
  }
  const float an25 = an + 0.25f;
  float summ2 = 0.0f;
  for (int i = 1; i <= nn2; ++i) {
    a[i] = ppnd((static_cast<float>(i) - 0.375f) / an25);
    summ2 = summ2 + a[i] * a[i];
  }
  summ2 = summ2 * 2.0f;
  const float ssumm2 = std::sqrt(summ2);
  const float rsn = 1.0f / std::sqrt(an);
  const float a1 = poly(c1, 6, rsn) - a[1] / ssumm2;
  int i1 = 0;
  float fac = 0.0f;
  if (n > 5) {
    i1 = 3;
    const float a2 = -a[2] / ssumm2 + poly(c2, 6, rsn);
    fac =
        std::sqrt((summ2 - 2.0f * (a[1] * a[1]) - 2.0f * (a[2] * a[2])) / (1.0f - 2.0f * (a1 * a1) - 2.0f * (a2 * a2)));
    a[1] = a1;
    a[2] = a2;
  } else {
    i1 = 2;
    fac = std::sqrt((summ2 - 2.0f * (a[1] * a[1])) / (1.0f - 2.0f * (a1 * a1)));
    a[1] = a1;
  }
  for (int i = i1; i <= nn2; ++i) a[i] = -a[i] / fac;
  return a;
}

// 1 − W of ascending x (range > 0) with weights a, computed directly to avoid rounding error for W near 1.
float swilk_one_minus_w(const std::vector<float>& x, const std::vector<float>& a, float range) {
  const auto n = static_cast<int>(x.size());
  const auto an = static_cast<float>(n);
  auto xv = [&](int i) { return x[static_cast<std::size_t>(i - 1)]; };
  auto signed_a = [&](int i, int j) { return (i - j >= 0 ? 1.0f : -1.0f) * a[std::min(i, j)]; };
  float sx = xv(1) / range;
  float sa = -a[1];
  int j = n - 1;
  for (int i = 2; i <= n; ++i) {
    const float xi = xv(i) / range;
    sx = sx + xi;
    if (i != j) sa = sa + signed_a(i, j);
    --j;
  }
  sa = sa / an;
  sx = sx / an;
  float ssa = 0.0f;
  float ssx = 0.0f;
  float sax = 0.0f;
  j = n;
  for (int i = 1; i <= n; ++i) {
    const float asa = i != j ? signed_a(i, j) - sa : -sa;
    const float xsx = xv(i) / range - sx;
    ssa = ssa + asa * asa;
    ssx = ssx + xsx * xsx;
    sax = sax + asa * xsx;
    --j;
  }
  const float ssassx = std::sqrt(ssa * ssx);
  return (ssassx - sax) * (ssassx + sax) / (ssa * ssx);
}

// The p-value of W (w1 = 1 − W) for n > 3, by the normalising transformations of the paper.
float swilk_p_value(int n, float w1) {
  const auto an = static_cast<float>(n);
  float y = std::log(w1);
  const float xx = std::log(an);
  float m = 0.0f;
  float s = 1.0f;
  if (n <= 11) {
    const float gamma = poly(g, 2, an);
    if (y >= gamma) return kSmall;
    y = -std::log(gamma - y);
    m = poly(c3, 4, an);
    s = std::exp(poly(c4, 4, an));
  } else {
    m = poly(c5, 4, xx);
    s = std::exp(poly(c6, 3, xx));
  }
  return static_cast<float>(alnorm_upper(static_cast<double>((y - m) / s)));
}

// x: ascending, float, n ≥ 3, no censoring.
SwilkOut swilk(const std::vector<float>& x) {
  SwilkOut out;
  const auto n = static_cast<int>(x.size());
  const std::vector<float> a = swilk_weights(n);
  const float range = x[n - 1] - x[0];
  if (range < kSmall) {
    out.zero_range = true;
    return out;
  }
  const float w1 = swilk_one_minus_w(x, a, range);
  out.w = 1.0f - w1;
  if (n == 3) {  // exact distribution
    out.pw = 0.1909859e1f * (std::asin(std::sqrt(out.w)) - 0.1047198e1f);
  } else {
    out.pw = swilk_p_value(n, w1);
  }
  return out;
}

}  // namespace

QqPlot normal_qq(std::span<const double> x) {
  QqPlot qq;
  const std::size_t n = x.size();
  if (detail::has_nan(x)) {
    qq.reason = "nan_input";
    return qq;
  }
  qq.ordered.assign(x.begin(), x.end());
  detail::sort_values(qq.ordered);
  qq.theoretical.resize(n);
  if (n > 0) {
    // Filliben's estimate of the uniform order-statistic medians.
    std::vector<double> v(n);
    const auto nd = static_cast<double>(n);
    v[n - 1] = std::pow(0.5, 1.0 / nd);
    v[0] = 1.0 - v[n - 1];
    for (std::size_t i = 2; i < n; ++i) v[i - 1] = (static_cast<double>(i) - 0.3175) / (nd + 0.365);
    for (std::size_t i = 0; i < n; ++i) qq.theoretical[i] = dist::normal_ppf(v[i]);
  }
  if (n < 2) {
    qq.reason = "too_few_values";
    return qq;
  }
  // Least squares of ordered on theoretical, as scipy.stats.linregress (population moments).
  const double xm = mean(qq.theoretical);
  const double ym = mean(qq.ordered);
  detail::Summer sxx;
  detail::Summer syy;
  detail::Summer sxy;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = qq.theoretical[i] - xm;
    const double dy = qq.ordered[i] - ym;
    sxx.add(dx * dx);
    syy.add(dy * dy);
    sxy.add(dx * dy);
  }
  qq.slope = sxy.value() / sxx.value();
  qq.intercept = ym - qq.slope * xm;
  if (qq.ordered.front() == qq.ordered.back()) {
    qq.slope = 0.0;
    qq.intercept = qq.ordered.front();
    qq.reason = "constant_input";
    return qq;
  }
  qq.r = std::clamp(sxy.value() / std::sqrt(sxx.value() * syy.value()), -1.0, 1.0);
  return qq;
}

TestResult shapiro_wilk(std::span<const double> x) {
  TestResult t;
  t.n = x.size();
  if (t.n < 3) {
    t.reason = "too_few_values";
    return t;
  }
  if (t.n > 5000) {
    t.reason = "too_many_values";
    return t;
  }
  if (detail::has_nan(x)) {
    t.reason = "nan_input";
    return t;
  }
  std::vector<double> sorted(x.begin(), x.end());
  std::sort(sorted.begin(), sorted.end());
  // SciPy centres on the median in double precision, then hands float32 data to AS R94.
  const std::size_t mid = sorted.size() / 2;
  const double med = sorted.size() % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;  // np.median
  std::vector<float> xf(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) xf[i] = static_cast<float>(sorted[i] - med);
  const SwilkOut out = swilk(xf);
  if (out.zero_range) {
    t.reason = "constant_input";
    return t;
  }
  t.statistic = static_cast<double>(out.w);
  t.p_value = static_cast<double>(out.pw);
  return t;
}

}  // namespace mtm::stats
