#include "analysis/trends/complexity.hpp"

#include "analysis/words.hpp"
#include "present/theme.hpp"

namespace mtm::analysis::trends {

ComplexityResult compute_complexity(db::Connection& con, const Filters& filters) {
  ComplexityResult r;
  r.scope = year_scope(con, filters);
  const auto score = yearly(con, r.scope, "complexity");
  std::vector<double> score_sd;
  score_sd.reserve(score.size());
  for (const auto& g : score) score_sd.push_back(g.sd());
  r.series.push_back(fit_series("complexity", r.scope, means(score), score_sd));
  r.series.push_back(fit_series("n_steps", r.scope, yearly_means(con, r.scope, "n_steps")));
  r.series.push_back(fit_series("n_ingredients", r.scope, yearly_means(con, r.scope, "n_ingredients")));
  return r;
}

nlohmann::json complexity_view(const ComplexityResult& r) {
  namespace theme = present::theme;
  Report report = trends_report("trends.complexity");
  add_series(report, r.scope, r.series[0], {theme::kOrange, "pts/year", "points", 4});
  add_series(report, r.scope, r.series[1], {theme::kGold, "steps/year", "steps", 4});
  add_series(report, r.scope, r.series[2], {theme::kRedOrange, "ingredients/year", "ingredients", 4});
  // The score's definition, its ingredient weight written the language's way.
  report.say(msg("trends.complexity.narrative.formula", {{"weight", number_label(0.5, 1)}}));
  say_partial_years(report, r.scope.years, r.scope.coverage);
  return language_free_json(report);
}

}  // namespace mtm::analysis::trends
