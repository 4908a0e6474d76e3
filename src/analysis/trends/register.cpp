// Page 1, "Trends 1999-2018": yearly volume, preparation time, complexity, nutrition, ingredients and
// tags, each with weighted (WLS) trends whose weights are the recipes per year (seed-app-inventory §2),
// with the original's flaws fixed (§12): presence counts, diversity on the right years, real n per year,
// partial years flagged, computed narratives. Each analysis computes a typed result, then its view
// writes the report with catalog messages only.
#include "analysis/items.hpp"
#include "analysis/registry.hpp"
#include "analysis/trends/complexity.hpp"
#include "analysis/trends/duration.hpp"
#include "analysis/trends/nutrition.hpp"
#include "analysis/trends/volume.hpp"
#include "present/message.hpp"

namespace mtm::analysis {
namespace {

const std::vector<std::string> kRecipeFilters = {"year_from", "year_to", "seasons", "days", "clean_only"};

nlohmann::json volume(db::Connection& con, const Filters& f) {
  return trends::volume_view(trends::compute_volume(con, f));
}

nlohmann::json duration(db::Connection& con, const Filters& f) {
  return trends::duration_view(trends::compute_duration(con, f));
}

nlohmann::json complexity(db::Connection& con, const Filters& f) {
  return trends::complexity_view(trends::compute_complexity(con, f));
}

nlohmann::json nutrition(db::Connection& con, const Filters& f) {
  return trends::nutrition_view(trends::compute_nutrition(con, f));
}

// Ingredients and tags are drawn by item_trends (items.cpp), which still writes words in the request's
// language: these two stay keyed by language until it is converted.
nlohmann::json ingredients(db::Connection& con, const Filters& f) {
  return item_trends(con, f, ingredient_source(), "trends.ingredients", msg("trends.ingredients.title"));
}

nlohmann::json tags(db::Connection& con, const Filters& f) {
  return item_trends(con, f, tag_source(), "trends.tags", msg("trends.tags.title"));
}

// An analysis of the page, its titles read from the catalogs.
Analysis trends_analysis(const std::string& id, std::vector<std::string> filters, Filters defaults,
                         std::function<nlohmann::json(db::Connection&, const Filters&)> run, bool language_free) {
  return {
      id,           "trends", present::label(id + ".title"), std::move(filters), std::move(defaults), std::move(run),
      language_free};
}

}  // namespace

void register_trends(std::vector<Analysis>& out) {
  const std::vector<std::string> with_band = {"year_from",  "year_to",  "seasons",  "days",
                                              "clean_only", "band_low", "band_high"};
  const std::vector<std::string> with_items = {"year_from",  "year_to", "seasons",      "days",
                                               "clean_only", "top_n",   "min_frequency"};
  Filters item_defaults;
  item_defaults.min_frequency = 0.00025;  // ≈ the original's 50 occurrences out of 200,066 recipes
  out.push_back(trends_analysis("trends.volume", kRecipeFilters, {}, volume, true));
  out.push_back(trends_analysis("trends.duration", with_band, {}, duration, true));
  out.push_back(trends_analysis("trends.complexity", kRecipeFilters, {}, complexity, true));
  out.push_back(trends_analysis("trends.nutrition", kRecipeFilters, {}, nutrition, true));
  out.push_back(trends_analysis("trends.ingredients", with_items, item_defaults, ingredients, true));
  out.push_back(trends_analysis("trends.tags", with_items, item_defaults, tags, true));
}

}  // namespace mtm::analysis
