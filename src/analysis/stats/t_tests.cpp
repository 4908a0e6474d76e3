#include "analysis/stats/t_tests.hpp"

#include <cmath>
#include <limits>

#include "analysis/stats/descriptive.hpp"
#include "analysis/stats/detail.hpp"
#include "analysis/stats/distributions.hpp"

namespace mtm::stats {

namespace {

bool precheck(TestResult& t, std::span<const double> a, std::span<const double> b) {
  t.n = a.size() + b.size();
  if (a.empty() || b.empty()) {
    t.reason = "empty_group";
    return false;
  }
  if (detail::has_nan(a) || detail::has_nan(b)) {
    t.reason = "nan_input";
    return false;
  }
  return true;
}

void finish(TestResult& t, double diff, double se) {
  if (se == 0) {
    if (diff == 0) {
      t.reason = "zero_variance";
      return;
    }
    t.statistic = diff > 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    t.p_value = 0.0;
    return;
  }
  t.statistic = diff / se;
  t.p_value = dist::t_two_sided(t.statistic, t.df);
}

}  // namespace

TestResult student_t_test(std::span<const double> a, std::span<const double> b) {
  TestResult t;
  if (!precheck(t, a, b)) return t;
  const auto na = static_cast<double>(a.size());
  const auto nb = static_cast<double>(b.size());
  t.df = na + nb - 2;
  if (a.size() < 2 || b.size() < 2) {
    // SciPy's ddof-1 variance of a single value is NaN and poisons the pooled variance; keep its answer.
    t.reason = "group_of_one";
    return t;
  }
  const double va = variance(a, 1);
  const double vb = variance(b, 1);
  const double pooled = ((na - 1) * va + (nb - 1) * vb) / t.df;
  finish(t, mean(a) - mean(b), std::sqrt(pooled * (1.0 / na + 1.0 / nb)));
  return t;
}

TestResult welch_t_test(std::span<const double> a, std::span<const double> b) {
  TestResult t;
  if (!precheck(t, a, b)) return t;
  if (a.size() < 2 || b.size() < 2) {
    t.reason = "group_of_one";
    return t;
  }
  const double va = variance(a, 1) / static_cast<double>(a.size());
  const double vb = variance(b, 1) / static_cast<double>(b.size());
  t.df = (va + vb) * (va + vb) /
         (va * va / static_cast<double>(a.size() - 1) + vb * vb / static_cast<double>(b.size() - 1));
  if (std::isnan(t.df)) t.df = 1;  // both variances 0: SciPy's convention
  finish(t, mean(a) - mean(b), std::sqrt(va + vb));
  return t;
}

}  // namespace mtm::stats
