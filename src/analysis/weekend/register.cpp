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
#include "present/message.hpp"
#include "present/render.hpp"

namespace mtm::analysis {

namespace {

using nlohmann::json;
using Run = std::function<json(db::Connection&, const Filters&)>;

// The catalogue's titles come from the same catalog messages the results' titles use.
Analysis weekend_analysis(const std::string& name, const json& title, const std::vector<std::string>& filters, Run run,
                          const Filters& defaults = {}) {
  Analysis a{"weekend." + name, "weekend", title, filters, defaults, std::move(run)};
  a.language_free = true;
  return a;
}

json title(const std::string& name) {
  return present::label("weekend." + name + ".title");
}

json items_title(const std::string& kind) {
  return present::label("weekend.items.title", {{"kind", kind}});
}

}  // namespace

void register_weekend(std::vector<Analysis>& out) {
  using namespace weekend;  // NOLINT(google-build-using-namespace): the page's own analyses
  out.push_back(
      weekend_analysis("volume", title("volume"), recipe_filters(),
                       [](db::Connection& con, const Filters& f) { return volume_view(compute_volume(con, f)); }));
  out.push_back(
      weekend_analysis("duration", title("duration"), recipe_filters(),
                       [](db::Connection& con, const Filters& f) { return duration_view(compute_duration(con, f)); }));
  out.push_back(weekend_analysis(
      "complexity", title("complexity"), recipe_filters(),
      [](db::Connection& con, const Filters& f) { return complexity_view(compute_complexity(con, f)); }));
  out.push_back(weekend_analysis(
      "nutrition", title("nutrition"), recipe_filters(),
      [](db::Connection& con, const Filters& f) { return nutrition_view(compute_nutrition(con, f)); }));
  out.push_back(weekend_analysis(
      "ingredients", items_title("ingredients"), item_filters(), [](db::Connection& con, const Filters& f) {
        return items_view(compute_items(con, f, ingredient_source()), f, "weekend.ingredients", "ingredients");
      }));
  out.push_back(
      weekend_analysis("tags", items_title("tags"), item_filters(), [](db::Connection& con, const Filters& f) {
        return items_view(compute_items(con, f, tag_source()), f, "weekend.tags", "tags");
      }));
  Filters rating_defaults;
  rating_defaults.date_basis = "rating";
  out.push_back(weekend_analysis(
      "ratings", title("ratings"), rating_filters(),
      [](db::Connection& con, const Filters& f) { return ratings_view(compute_ratings(con, f)); }, rating_defaults));
}

}  // namespace mtm::analysis
