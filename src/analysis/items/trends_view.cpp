// The Report of compute_item_trends: top items, diversity per year with its OLS line, rises and falls in
// share, the movers' yearly shares and the sentences, with catalog message ids only.
#include <algorithm>
#include <string>

#include "analysis/items.hpp"
#include "analysis/items/trends.hpp"
#include "analysis/query_helpers.hpp"
#include "analysis/words.hpp"
#include "present/message.hpp"
#include "present/theme.hpp"

namespace mtm::analysis {
namespace {

using items::ItemTrendsResult;
using items::ShareMove;
using present::label;
namespace theme = present::theme;

nlohmann::json axis_titled(const nlohmann::json& title) {
  return {{"title", {{"text", title}}}};
}

// Horizontal bars, largest on top (Plotly draws the first category at the bottom).
nlohmann::json horizontal_bar(const std::vector<std::string>& labels, const std::vector<double>& values,
                              std::string_view color, const nlohmann::json& name) {
  std::vector<std::string> l(labels.rbegin(), labels.rend());
  std::vector<double> v(values.rbegin(), values.rend());
  return {{"type", "bar"}, {"orientation", "h"}, {"name", name},
          {"y", l},        {"x", numbers(v)},    {"marker", {{"color", std::string(color)}}}};
}

void top_chart(Report& report, const ItemTrendsResult& r, const std::string& kind) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < r.top_items.size(); ++i) {
    rows.push_back({r.top_items[i], r.top_counts[i], r.top_counts[i] / r.total_recipes});
  }
  const nlohmann::json recipes = label("items.label.recipes");
  report.chart("top_items", msg("items.trends.chart.top", {{"kind", kind}, {"n", r.top_items.size()}}),
               nlohmann::json::array({horizontal_bar(r.top_items, r.top_counts, theme::kOrange, recipes)}),
               {{"xaxis", axis_titled(recipes)}, {"margin", {{"l", 160}}}}, {"item", "recipes", "share"}, rows);
}

void diversity_chart(Report& report, const ItemTrendsResult& r, const std::string& kind) {
  const double max_recipes = *std::max_element(r.recipes.begin(), r.recipes.end());
  nlohmann::json rows = nlohmann::json::array();
  std::vector<double> sizes;
  for (std::size_t i = 0; i < r.diversity_years.size(); ++i) {
    sizes.push_back(6 + 14 * r.diversity_recipes[i] / max_recipes);
    rows.push_back({static_cast<int>(r.diversity_years[i]), r.distinct_items[i], r.diversity_recipes[i]});
  }
  nlohmann::json traces =
      nlohmann::json::array({{{"type", "scatter"},
                              {"mode", "lines+markers"},
                              {"name", label("items.trends.trace.distinct", {{"kind", kind}})},
                              {"x", numbers(r.diversity_years)},
                              {"y", numbers(r.distinct_items)},
                              {"marker", {{"color", std::string(theme::kGold)}, {"size", numbers(sizes)}}},
                              {"line", {{"color", std::string(theme::kGold)}}}}});
  if (r.diversity_fit.ok()) {
    traces.push_back({{"type", "scatter"},
                      {"mode", "lines"},
                      {"name", label("items.trends.trace.ols", {{"r2", r.diversity_fit.r_squared}})},
                      {"x", numbers(r.diversity_years)},
                      {"y", numbers(fitted(r.diversity_fit, r.diversity_years))},
                      {"line", {{"color", std::string(theme::kBlue)}, {"dash", "dash"}}}});
  }
  report.chart("diversity", msg("items.trends.chart.diversity", {{"kind", kind}}), traces,
               {{"xaxis", axis_titled(label("items.label.year"))},
                {"yaxis", axis_titled(label("items.trends.axis.distinct", {{"kind", kind}}))}},
               {"year", "distinct_items", "recipes"}, rows);
  report.test("diversity_trend", msg("items.trends.test.diversity"), "slope", r.diversity_fit.slope,
              r.diversity_fit.slope_p, r.diversity_fit.n, "R2", r.diversity_fit.r_squared);
}

void moves_chart(Report& report, const ItemTrendsResult& r, const std::string& kind, bool up) {
  const std::vector<ShareMove>& list = up ? r.rises : r.falls;
  std::vector<std::string> labels;
  std::vector<double> deltas;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& move : list) {
    labels.push_back(move.item);
    deltas.push_back(100 * move.delta);
    rows.push_back({move.item, move.share_first, move.share_last, move.delta});
  }
  const nlohmann::json years = {
      {"kind", kind}, {"first", std::to_string(r.first_year)}, {"last", std::to_string(r.last_year)}};
  report.chart(up ? "rises" : "falls", msg(up ? "items.trends.chart.rises" : "items.trends.chart.falls", years),
               nlohmann::json::array({horizontal_bar(labels, deltas, up ? theme::kOrange : theme::kRedOrange,
                                                     label("items.trends.trace.change"))}),
               {{"xaxis", axis_titled(label("items.trends.axis.change"))}, {"margin", {{"l", 160}}}},
               {"item", "share_" + std::to_string(r.first_year), "share_" + std::to_string(r.last_year), "delta"},
               rows);
}

void movers_chart(Report& report, const ItemTrendsResult& r, const std::string& kind) {
  if (r.movers.empty()) return;
  nlohmann::json traces = nlohmann::json::array();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& series : r.movers) {
    for (std::size_t i = 0; i < r.years.size(); ++i) {
      rows.push_back({series.item, static_cast<int>(r.years[i]), series.shares[i]});
    }
    traces.push_back({{"type", "scatter"},
                      {"mode", "lines+markers"},
                      {"name", series.item},
                      {"legendgroup", series.rising ? "rises" : "falls"},
                      {"x", numbers(r.years)},
                      {"y", numbers(series.shares)},
                      {"line", {{"dash", series.rising ? "solid" : "dot"}}}});
  }
  report.chart("movers_by_year", msg("items.trends.chart.movers", {{"kind", kind}}), traces,
               {{"xaxis", axis_titled(label("items.label.year"))},
                {"yaxis", {{"title", {{"text", label("items.label.share_of_recipes")}}}, {"tickformat", ".0%"}}}},
               {"item", "year", "share"}, rows);
}

void narrative(Report& report, const ItemTrendsResult& r, const std::string& kind) {
  if (!r.top_items.empty()) {
    std::string names;
    for (std::size_t i = 0; i < r.top_items.size() && i < 3; ++i) names += (i > 0 ? ", " : "") + r.top_items[i];
    report.say(msg("items.trends.narrative.top",
                   {{"kind", kind}, {"count", std::min<std::size_t>(3, r.top_items.size())}, {"items", names}}));
  }
  const std::string first = std::to_string(r.first_year);
  const std::string last = std::to_string(r.last_year);
  if (!r.rises.empty() && !r.falls.empty()) {
    report.say(msg("items.trends.narrative.moves", {{"first", first},
                                                    {"last", last},
                                                    {"riser", r.rises[0].item},
                                                    {"rise", 100 * r.rises[0].delta},
                                                    {"faller", r.falls[0].item},
                                                    {"fall", 100 * r.falls[0].delta}}));
  }
  if (!r.diversity_fit.ok() || r.distinct_items.empty()) return;
  report.say(msg("items.trends.narrative.diversity",
                 {{"kind", kind},
                  {"from", r.distinct_items.front()},
                  {"from_year", std::to_string(static_cast<int>(r.diversity_years.front()))},
                  {"to", r.distinct_items.back()},
                  {"to_year", std::to_string(static_cast<int>(r.diversity_years.back()))},
                  {"slope", r.diversity_fit.slope},
                  {"r2", r.diversity_fit.r_squared},
                  {"p", p_label(r.diversity_fit.slope_p)},
                  {"recipes_first", r.recipes.front()},
                  {"first", first},
                  {"recipes_last", r.recipes.back()},
                  {"last", last}}));
}

}  // namespace

nlohmann::json item_trends(db::Connection& connection, const Filters& filters, const ItemSource& source,
                           const std::string& id, const Text& title) {
  const ItemTrendsResult r = items::compute_item_trends(connection, filters, source);
  Report report(id, title);
  if (r.empty) {
    report.say(msg("items.narrative.no_recipe"));
    return report.to_json();
  }
  report.metric("items_considered",
                msg("items.trends.metric.considered", {{"kind", source.kind}, {"min", r.min_recipes}}),
                static_cast<double>(r.considered), "", 0);
  top_chart(report, r, source.kind);
  diversity_chart(report, r, source.kind);
  moves_chart(report, r, source.kind, true);
  moves_chart(report, r, source.kind, false);
  movers_chart(report, r, source.kind);
  narrative(report, r, source.kind);
  report.set("first_year", r.first_year).set("last_year", r.last_year).set("min_recipes", r.min_recipes);
  return report.to_json();
}

}  // namespace mtm::analysis
