#include "analysis/registry.hpp"

#include "core/errors.hpp"
#include "data/value_json.hpp"
#include "present/catalog.hpp"
#include "present/render.hpp"

namespace mtm::analysis {

std::string Analysis::title_in(std::string_view lang) const {
  const auto text = present::render(title, lang);
  return text.is_string() ? text.get<std::string>() : id;
}

const std::vector<Analysis>& analyses() {
  static const std::vector<Analysis> kAll = [] {
    std::vector<Analysis> all;
    register_trends(all);
    register_seasonality(all);
    register_weekend(all);
    register_ratings(all);
    return all;
  }();
  return kAll;
}

const Analysis* find_analysis(std::string_view id) {
  for (const auto& a : analyses()) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

using db::rows_to_json;

nlohmann::json dataset_summary(db::Connection& connection) {
  auto info = connection.query("SELECT * FROM dataset_info");
  nlohmann::json rows = rows_to_json(info);
  if (rows.size() != 1)
    throw DatabaseError(
        present::Catalog::instance().format("en", "error.dataset_info_rows", {{"rows", std::to_string(rows.size())}}));
  nlohmann::json summary = rows[0];
  auto kpis = connection.query(
      "SELECT count(*) AS ratings, avg(rating) AS mean_rating, avg(CASE WHEN rating = 5 THEN 1.0 ELSE 0.0 END) "
      "AS share_five_stars, avg(CASE WHEN is_weekend THEN 1.0 ELSE 0.0 END) AS weekend_share "
      "FROM interactions WHERE is_clean");
  nlohmann::json k = rows_to_json(kpis);
  summary["ratings"] = k[0]["ratings"];
  summary["mean_rating"] = k[0]["mean_rating"];
  summary["share_five_stars"] = k[0]["share_five_stars"];
  summary["weekend_share_ratings"] = k[0]["weekend_share"];
  return summary;
}

nlohmann::json ingest_report(db::Connection& connection) {
  auto result = connection.query("SELECT * FROM ingest_report ORDER BY ord");
  return rows_to_json(result);
}

}  // namespace mtm::analysis
