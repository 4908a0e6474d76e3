// weekend.duration and weekend.complexity: preparation time, and complexity score, steps and ingredients.
#include "analysis/report.hpp"
#include "analysis/weekend/comparisons.hpp"
#include "analysis/words.hpp"
#include "present/message.hpp"

namespace mtm::analysis::weekend {

using nlohmann::json;

std::vector<Comparison> compute_duration(db::Connection& con, const Filters& f) {
  return compare_columns(con, f, {{"minutes", "minutes", "min", 1}});
}

json duration_view(const std::vector<Comparison>& result, const Filters& f) {
  const Comparison& c = result[0];
  Report report("weekend.duration", msg("weekend.duration.title"), f);
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

std::vector<Comparison> compute_complexity(db::Connection& con, const Filters& f) {
  return compare_columns(
      con, f,
      {{"complexity", "complexity", "", 3}, {"n_steps", "n_steps", "", 2}, {"n_ingredients", "n_ingredients", "", 2}});
}

json complexity_view(const std::vector<Comparison>& result, const Filters& f) {
  Report report("weekend.complexity", msg("weekend.complexity.title"), f);
  const Comparison& score = result[0];
  report.metric("weekday_complexity", msg("weekend.complexity.metric.weekday"), score.weekday.mean, "", 2)
      .metric("weekend_complexity", msg("weekend.complexity.metric.weekend"), score.weekend.mean, "", 2)
      .metric("difference_pct", msg("weekend.metric.difference_pct"), score.difference_pct(), "%", 2)
      .metric("weekday_steps", msg("weekend.complexity.metric.weekday_steps"), result[1].weekday.mean, "", 2)
      .metric("weekend_steps", msg("weekend.complexity.metric.weekend_steps"), result[1].weekend.mean, "", 2)
      .metric("cohens_d", msg("weekend.complexity.metric.cohens_d"), score.d, "", 3);
  const std::vector<std::string> ids = {"complexity", "steps", "ingredients"};
  for (std::size_t i = 0; i < result.size(); ++i) {
    mean_median_chart(report, ids[i], msg("weekend.chart.by_period", {{"measure", measure_label(result[i])}}),
                      result[i]);
  }
  add_comparison_tests(report, result);
  if (!score.comparable()) {
    report.say(empty_sentence());
    return report.to_json();
  }
  for (const auto& c : result) report.say(comparison_sentence(c, true));
  report.say(msg("weekend.complexity.adjusted", {{"measures", result.size()}}));
  return report.to_json();
}

}  // namespace mtm::analysis::weekend
