// weekend.duration: preparation time, weekday vs weekend.
#include "analysis/weekend/duration.hpp"

#include "analysis/report.hpp"
#include "analysis/words.hpp"
#include "present/message.hpp"

namespace mtm::analysis::weekend {

using nlohmann::json;

std::vector<Comparison> compute_duration(db::Connection& con, const Filters& f) {
  return compare_columns(con, f, {{"minutes", "minutes", "min", 1}});
}

json duration_view(const std::vector<Comparison>& result) {
  const Comparison& c = result[0];
  Report report("weekend.duration", msg("weekend.duration.title"));
  report.metric("weekday_mean", msg("weekend.duration.metric.weekday_mean"), c.weekday.mean, "min", 1)
      .metric("weekend_mean", msg("weekend.duration.metric.weekend_mean"), c.weekend.mean, "min", 1)
      .metric("difference", msg("weekend.metric.difference"), c.difference(), "min", 2)
      .metric("difference_pct", msg("weekend.metric.difference_pct"), c.difference_pct(), "%", 2)
      .metric("weekday_iqr", msg("weekend.duration.metric.weekday_iqr"), c.weekday_spread.q3 - c.weekday_spread.q1,
              "min", 0)
      .metric("weekend_iqr", msg("weekend.duration.metric.weekend_iqr"), c.weekend_spread.q3 - c.weekend_spread.q1,
              "min", 0)
      .metric("cohens_d", msg("weekend.metric.cohens_d"), c.d, "", 3);
  mean_median_chart(report, "mean_median", msg("weekend.duration.chart.mean_median"), c);
  box_chart(report, "box", msg("weekend.duration.chart.box"), c);
  add_comparison_tests(report, result);
  if (!c.comparable()) {
    report.say(empty_sentence());
    return report.to_json();
  }
  report.say(comparison_sentence(c, false));
  report.say(msg("weekend.duration.medians", {{"weekday", number_label(c.weekday_spread.median, 0)},
                                              {"weekday_q1", number_label(c.weekday_spread.q1, 0)},
                                              {"weekday_q3", number_label(c.weekday_spread.q3, 0)},
                                              {"weekend", number_label(c.weekend_spread.median, 0)},
                                              {"weekend_q1", number_label(c.weekend_spread.q1, 0)},
                                              {"weekend_q3", number_label(c.weekend_spread.q3, 0)}}));
  return report.to_json();
}

}  // namespace mtm::analysis::weekend
