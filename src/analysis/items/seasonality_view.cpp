// The Report of compute_item_seasonality: counts, a heat map of the shown items' shares by season, the
// test table and the sentences, with catalog message ids only.
#include "analysis/items.hpp"
#include "analysis/items/seasonality.hpp"
#include "analysis/words.hpp"
#include "present/charts/heatmap.hpp"
#include "present/message.hpp"

namespace mtm::analysis {
namespace {

using items::ItemSeasonalityResult;
using present::label;

void season_heatmap(Report& report, const ItemSeasonalityResult& r, const std::string& kind) {
  nlohmann::json seasons = nlohmann::json::array();
  for (const auto& season : r.seasons) seasons.push_back(season_label(season));
  nlohmann::json names = nlohmann::json::array();
  nlohmann::json z = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < r.shown; ++i) {
    const auto& item = r.kept[i];
    names.push_back(item.item);
    nlohmann::json line = nlohmann::json::array();
    for (std::size_t k = 0; k < r.seasons.size(); ++k) {
      line.push_back(number(100 * item.shares[k]));
      rows.push_back({item.item, r.seasons[k], item.shares[k]});
    }
    z.push_back(std::move(line));
  }
  present::charts::HeatmapSpec spec;
  spec.x = std::move(seasons);
  spec.y = std::move(names);
  spec.z = std::move(z);
  spec.colorbar_title = label("items.label.percent_of_recipes");
  spec.left_margin = 160;
  const auto chart = present::charts::heatmap(spec);
  report.chart("season_heatmap", msg("items.seasonality.chart.heatmap", {{"kind", kind}}), chart["traces"],
               chart["layout"], {"item", "season", "share"}, rows);
}

void test_table(Report& report, const ItemSeasonalityResult& r) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < r.shown; ++i) {
    const auto& item = r.kept[i];
    rows.push_back({item.item, season_label(item.peak), item.spread, item.chi2, item.p, item.p_adjusted});
  }
  report.table("item_tests", msg("items.seasonality.table.tests"),
               {"item", "peak_season", "spread", "chi2", "p", "p_adjusted"}, rows);
}

// "winter: a, b; summer: c" as nested list nodes: each season's first three shown items (data names).
nlohmann::json seasonal_list(const ItemSeasonalityResult& r) {
  std::vector<nlohmann::json> parts;
  for (const auto& season : r.seasons) {
    std::string names;
    int count = 0;
    for (std::size_t i = 0; i < r.shown && count < 3; ++i) {
      if (r.kept[i].peak != season) continue;
      names += (count++ > 0 ? ", " : "") + r.kept[i].item;
    }
    if (count > 0) {
      parts.push_back(
          label("items.seasonality.season_items", {{"season", season_in_sentence_label(season)}, {"items", names}}));
    }
  }
  nlohmann::json list = parts.empty() ? nlohmann::json("") : parts.back();
  for (std::size_t i = parts.size(); i-- > 1;)
    list = label("items.list.semicolon", {{"head", parts[i - 1]}, {"tail", list}});
  return list;
}

void narrative(Report& report, const ItemSeasonalityResult& r, const std::string& kind) {
  if (r.kept.empty()) {
    report.say(msg("items.seasonality.narrative.none", {{"kind", kind}}));
    return;
  }
  report.say(msg("items.seasonality.narrative.kept", {{"kind", kind},
                                                      {"kept", r.kept.size()},
                                                      {"tested", r.tested},
                                                      {"alpha", kSignificanceLevel},
                                                      {"spread", 100 * r.min_difference},
                                                      {"list", seasonal_list(r)}}));
}

}  // namespace

nlohmann::json item_seasonality(db::Connection& connection, const Filters& filters, const ItemSource& source,
                                const std::string& id, const Text& title) {
  const ItemSeasonalityResult r = items::compute_item_seasonality(connection, filters, source);
  Report report(id, title);
  if (!r.comparable) {
    report.say(msg("items.seasonality.narrative.not_comparable", {{"needed", 2}}));
    return report.to_json();
  }
  report
      .metric("items_tested", msg("items.seasonality.metric.tested", {{"kind", source.kind}}),
              static_cast<double>(r.tested), "", 0)
      .metric("items_kept", msg("items.seasonality.metric.kept", {{"kind", source.kind}}),
              static_cast<double>(r.kept.size()), "", 0);
  season_heatmap(report, r, source.kind);
  test_table(report, r);
  narrative(report, r, source.kind);
  return report.to_json();
}

}  // namespace mtm::analysis
