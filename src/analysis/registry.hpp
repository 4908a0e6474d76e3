// The catalogue of analyses: each has an id, the page it belongs to, its titles, the filters it
// accepts and a function (connection, filters) -> result JSON. The server, the `analyze` command and
// the OpenAPI document are all generated from this list. The list is built once and is read-only.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/filters.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis {

struct Analysis {
  /// Stable id "<page>.<name>", e.g. "trends.volume".
  std::string id;
  /// "trends" | "seasonality" | "weekend" | "ratings".
  std::string page;
  /// Its title, a catalog label (present/message.hpp): title_in() writes it in a language.
  nlohmann::json title;
  /// Names from filter_specs() that this analysis accepts.
  std::vector<std::string> filters;
  /// Defaults that differ from Filters{} for this analysis (e.g. date_basis = "rating").
  Filters defaults;
  /// Runs the analysis. The JSON holds "charts", "metrics", "tests", "tables" and "narrative"; localize() it.
  std::function<nlohmann::json(db::Connection&, const Filters&)> run;
  /// Its result holds message nodes only, never words in a language (it reads no Filters::lang), so one
  /// computation serves every language. False while an analysis still writes literal pairs.
  bool language_free = false;

  [[nodiscard]] std::string title_in(std::string_view lang) const;
};

/// Every analysis, in page order.
const std::vector<Analysis>& analyses();
/// The analysis with this id, or nullptr.
const Analysis* find_analysis(std::string_view id);

/// The dataset_info row plus headline KPIs (mean rating, share of 5 stars, ratings count).
nlohmann::json dataset_summary(db::Connection& connection);
/// The ingest_report rows in order.
nlohmann::json ingest_report(db::Connection& connection);

// Each page file adds its analyses to the catalogue.
void register_trends(std::vector<Analysis>& out);
void register_seasonality(std::vector<Analysis>& out);
void register_weekend(std::vector<Analysis>& out);
void register_ratings(std::vector<Analysis>& out);

}  // namespace mtm::analysis
