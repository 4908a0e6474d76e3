#include "analysis/stats/anova.hpp"

#include <cmath>
#include <limits>

#include "analysis/stats/detail.hpp"
#include "analysis/stats/distributions.hpp"

namespace mtm::stats {

TestResult one_way_anova(std::span<const std::span<const double>> groups) {
  TestResult t;
  if (groups.size() < 2) {
    t.reason = "fewer_than_two_groups";
    return t;
  }
  bool all_single = true;
  bool all_const = true;
  detail::Summer grand;
  for (const auto& g : groups) {
    t.n += g.size();
    if (g.empty()) {
      t.reason = "empty_group";
      return t;
    }
    if (detail::has_nan(g)) {
      t.reason = "nan_input";
      return t;
    }
    if (g.size() > 1) all_single = false;
    for (double v : g) {
      grand.add(v);
      if (v != g[0]) all_const = false;
    }
  }
  if (all_single) {
    t.reason = "one_value_per_group";
    return t;
  }
  const auto n = static_cast<double>(t.n);
  const auto k = static_cast<double>(groups.size());
  const double grand_mean = grand.value() / n;
  detail::Summer ss_between;
  detail::Summer ss_within;
  bool all_same = true;
  const double first = groups[0][0];
  for (const auto& g : groups) {
    const double m = detail::sum(g) / static_cast<double>(g.size());
    ss_between.add(static_cast<double>(g.size()) * (m - grand_mean) * (m - grand_mean));
    for (double v : g) {
      ss_within.add((v - m) * (v - m));
      if (v != first) all_same = false;
    }
  }
  t.df = k - 1;
  t.df2 = n - k;
  if (all_same) {
    t.reason = "constant_input";
    return t;
  }
  if (all_const) {  // zero within-group variance, different means
    t.statistic = std::numeric_limits<double>::infinity();
    t.p_value = 0.0;
    return t;
  }
  t.statistic = (ss_between.value() / t.df) / (ss_within.value() / t.df2);
  t.p_value = dist::f_sf(t.statistic, t.df, t.df2);
  return t;
}

}  // namespace mtm::stats
