// Page 2, "Seasonality": volume, preparation time, complexity, nutrition, ingredients and tags by season
// of submission (winter = Dec–Feb, spring = Mar–May, summer = Jun–Aug, autumn = Sep–Nov), with the tests
// the original only claimed (chi-square on volumes, Kruskal-Wallis on each measure) computed. Each
// analysis computes a typed result, then its view writes the Report with catalog message ids only.
#include "analysis/items.hpp"
#include "analysis/registry.hpp"
#include "analysis/seasonality/common.hpp"
#include "analysis/seasonality/measures.hpp"
#include "analysis/seasonality/nutrition.hpp"
#include "analysis/seasonality/volume.hpp"
#include "present/message.hpp"

namespace mtm::analysis {
namespace seasonality {

nlohmann::json volume(db::Connection& connection, const Filters& filters) {
  return volume_view(compute_volume(connection, filters));
}

nlohmann::json nutrition(db::Connection& connection, const Filters& filters) {
  return nutrition_view(compute_nutrition(connection, filters));
}

}  // namespace seasonality

namespace {

nlohmann::json ingredients(db::Connection& connection, const Filters& filters) {
  return item_seasonality(connection, filters, ingredient_source(), "seasonality.ingredients",
                          msg("seasonality.ingredients.title"));
}

nlohmann::json tags(db::Connection& connection, const Filters& filters) {
  return item_seasonality(connection, filters, tag_source(), "seasonality.tags", msg("seasonality.tags.title"));
}

// The registry's title (it names the analysis in --list, the OpenAPI document and the analyses list) is its
// title message, "<id>.title": no words here.
Analysis season_analysis(const std::string& id, std::vector<std::string> filters, Filters defaults,
                         std::function<nlohmann::json(db::Connection&, const Filters&)> run) {
  Analysis a;
  a.id = id;
  a.page = "seasonality";
  a.title = present::label(id + ".title");
  a.filters = std::move(filters);
  a.defaults = std::move(defaults);
  a.run = std::move(run);
  a.language_free = true;
  return a;
}

}  // namespace

void register_seasonality(std::vector<Analysis>& out) {
  const auto& basic = seasonality::season_filters();
  std::vector<std::string> with_items = basic;
  with_items.insert(with_items.end(), {"top_n", "min_frequency", "min_difference"});
  Filters item_defaults;
  item_defaults.top_n = 20;
  out.push_back(season_analysis("seasonality.volume", basic, {}, seasonality::volume));
  out.push_back(season_analysis("seasonality.duration", basic, {}, seasonality::duration));
  out.push_back(season_analysis("seasonality.complexity", basic, {}, seasonality::complexity));
  out.push_back(season_analysis("seasonality.nutrition", basic, {}, seasonality::nutrition));
  out.push_back(season_analysis("seasonality.ingredients", with_items, item_defaults, ingredients));
  out.push_back(season_analysis("seasonality.tags", with_items, item_defaults, tags));
}

}  // namespace mtm::analysis
