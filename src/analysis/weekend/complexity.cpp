// weekend.complexity: complexity score, steps and ingredients, weekday vs weekend.
#include "analysis/weekend/complexity.hpp"

#include "analysis/report.hpp"
#include "analysis/words.hpp"
#include "present/message.hpp"

namespace mtm::analysis::weekend {

using nlohmann::json;

std::vector<Comparison> compute_complexity(db::Connection& con, const Filters& f) {
  return compare_columns(
      con, f,
      {{"complexity", "complexity", "", 3}, {"n_steps", "n_steps", "", 2}, {"n_ingredients", "n_ingredients", "", 2}});
}

json complexity_view(const std::vector<Comparison>& result) {
  Report report("weekend.complexity", msg("weekend.complexity.title"));
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
