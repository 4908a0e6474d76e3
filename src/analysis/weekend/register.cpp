// Page 3, "Weekday vs weekend" (seed-app-inventory §4) plus the notebook-only weekend effect on ratings
// (§8.6, §11). Fixes of §12: the tests the original only claims (chi-square on volumes, Welch t,
// Mann-Whitney, Cohen's d), presence counts with Benjamini–Hochberg on per-item tests, top-N by |Δ| in both
// directions, no fixed axis ranges. Each analysis computes a typed result (every aggregation in DuckDB or
// the cell grids), then its view writes the Report with catalog message ids only: language-free.
#include "analysis/registry.hpp"
#include "analysis/weekend/common.hpp"
#include "analysis/weekend/complexity.hpp"
#include "analysis/weekend/duration.hpp"
#include "analysis/weekend/items.hpp"
#include "analysis/weekend/nutrition.hpp"
#include "analysis/weekend/ratings.hpp"
#include "analysis/weekend/volume.hpp"

namespace mtm::analysis {

namespace {

using nlohmann::json;

Analysis weekend_analysis(const std::string& name, const std::string& title_en, const std::string& title_fr,
                          const std::vector<std::string>& filters,
                          std::function<json(db::Connection&, const Filters&)> run, const Filters& defaults = {}) {
  Analysis a{"weekend." + name, "weekend", title_en, title_fr, filters, defaults, std::move(run)};
  a.language_free = true;
  return a;
}

}  // namespace

void register_weekend(std::vector<Analysis>& out) {
  using namespace weekend;  // NOLINT(google-build-using-namespace): the page's own analyses
  out.push_back(weekend_analysis(
      "volume", "Recipe volume, weekday vs weekend", "Volume de recettes, semaine vs week-end", recipe_filters(),
      [](db::Connection& con, const Filters& f) { return volume_view(compute_volume(con, f), f); }));
  out.push_back(weekend_analysis(
      "duration", "Preparation time, weekday vs weekend", "Temps de préparation, semaine vs week-end", recipe_filters(),
      [](db::Connection& con, const Filters& f) { return duration_view(compute_duration(con, f), f); }));
  out.push_back(weekend_analysis(
      "complexity", "Complexity, weekday vs weekend", "Complexité, semaine vs week-end", recipe_filters(),
      [](db::Connection& con, const Filters& f) { return complexity_view(compute_complexity(con, f), f); }));
  out.push_back(weekend_analysis(
      "nutrition", "Nutrition, weekday vs weekend", "Nutrition, semaine vs week-end", recipe_filters(),
      [](db::Connection& con, const Filters& f) { return nutrition_view(compute_nutrition(con, f), f); }));
  out.push_back(weekend_analysis(
      "ingredients", "Ingredients that differ, weekday vs weekend", "Ingrédients qui diffèrent, semaine vs week-end",
      item_filters(), [](db::Connection& con, const Filters& f) {
        return items_view(compute_items(con, f, ingredient_source()), f, "weekend.ingredients", "ingredients");
      }));
  out.push_back(weekend_analysis("tags", "Tags that differ, weekday vs weekend",
                                 "Tags qui diffèrent, semaine vs week-end", item_filters(),
                                 [](db::Connection& con, const Filters& f) {
                                   return items_view(compute_items(con, f, tag_source()), f, "weekend.tags", "tags");
                                 }));
  Filters rating_defaults;
  rating_defaults.date_basis = "rating";
  out.push_back(weekend_analysis(
      "ratings", "Ratings, weekday vs weekend (rating date)", "Notes, semaine vs week-end (date de la note)",
      rating_filters(), [](db::Connection& con, const Filters& f) { return ratings_view(compute_ratings(con, f), f); },
      rating_defaults));
}

}  // namespace mtm::analysis
