#include "data/ingest/cleaning.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mtm::data::ingest {

namespace {

// The seed's band bound: Polars quantile with "nearest" interpolation (rank round((n-1)·q) among the non-null
// values, in ascending order), truncated to int. nullopt when no row qualifies.
std::optional<std::int64_t> band_bound(db::Connection& con, const std::string& column, const IngestOptions& options,
                                       double q) {
  const std::string where =
      fmt::format("is_clean AND minutes BETWEEN $1 AND $2 AND {} IS NOT NULL", column);  // column is a fixed identifier
  db::PreparedStatement count(con, "SELECT count(*) FROM recipes WHERE " + where);
  count.bind(1, options.min_minutes).bind(2, options.max_minutes);
  const auto n = std::get<std::int64_t>(count.execute().scalar());
  if (n == 0) return std::nullopt;
  const auto rank = static_cast<std::int64_t>(std::round(static_cast<double>(n - 1) * q));
  db::PreparedStatement pick(
      con, fmt::format("SELECT {} FROM recipes WHERE {} ORDER BY {} LIMIT 1 OFFSET $3", column, where, column));
  pick.bind(1, options.min_minutes).bind(2, options.max_minutes).bind(3, rank);
  return std::get<std::int64_t>(pick.execute().scalar());
}

}  // namespace

std::vector<ReportRow> clean_recipes(db::Connection& con, const IngestOptions& options, const RecipesResult& r) {
  std::vector<ReportRow> report;
  const auto steps_low = band_bound(con, "n_steps", options, options.band_low);
  const auto steps_high = band_bound(con, "n_steps", options, options.band_high);
  const auto ingr_low = band_bound(con, "n_ingredients", options, options.band_low);
  const auto ingr_high = band_bound(con, "n_ingredients", options, options.band_high);

  // c0 = parsed, then each rule in the seed's order; COALESCE turns a NULL (missing value) into a rejection.
  const std::string rules =
      "is_clean AS c0, COALESCE(minutes BETWEEN $1 AND $2, false) AS c1, "
      "COALESCE(n_steps BETWEEN $3 AND $4, false) AS c2, COALESCE(n_ingredients BETWEEN $5 AND $6, false) AS c3, "
      "submitted IS NOT NULL AS c4, name IS NOT NULL AS c5, COALESCE(calories >= 0, false) AS c6";
  auto bind_rules = [&](db::PreparedStatement& stmt) {
    stmt.bind(1, options.min_minutes).bind(2, options.max_minutes);
    const std::optional<std::int64_t> bounds[] = {steps_low, steps_high, ingr_low, ingr_high};
    for (std::size_t k = 0; k < 4; ++k) {
      bounds[k] ? stmt.bind(3 + k, *bounds[k]) : stmt.bind_null(3 + k);
    }
  };
  db::PreparedStatement counts(
      con,
      "SELECT count(*), count(*) FILTER (WHERE c0), count(*) FILTER (WHERE c0 AND c1), "
      "count(*) FILTER (WHERE c0 AND c1 AND c2), count(*) FILTER (WHERE c0 AND c1 AND c2 AND c3), "
      "count(*) FILTER (WHERE c0 AND c1 AND c2 AND c3 AND c4), "
      "count(*) FILTER (WHERE c0 AND c1 AND c2 AND c3 AND c4 AND c5), "
      "count(*) FILTER (WHERE c0 AND c1 AND c2 AND c3 AND c4 AND c5 AND c6) FROM (SELECT " +
          rules + " FROM recipes)");
  bind_rules(counts);
  const auto row = counts.execute().rows().at(0);
  std::int64_t n[8];
  for (std::size_t k = 0; k < 8; ++k) n[k] = std::get<std::int64_t>(row[k]);

  db::PreparedStatement update(con,
                               "UPDATE recipes SET is_clean = (c0 AND c1 AND c2 AND c3 AND c4 AND c5 AND c6) "
                               "FROM (SELECT id AS rid, " +
                                   rules + " FROM recipes) AS r WHERE recipes.id = r.rid");
  bind_rules(update);
  update.execute();

  auto opt_json = [](const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); };
  const std::int64_t read = r.summary.rows_read;
  const std::int64_t readable = read - (r.summary.rows_dropped - r.duplicates);
  report.push_back(step("recipes", "read", {{"file", r.summary.file}, {"dropped", "wrong field count or unusable id"}},
                        read, readable));
  report.push_back(step("recipes", "dedupe_id", {{"keep", "first"}}, readable, n[0]));
  report.push_back(step("recipes", "parse_errors",
                        {{"rejected", "rows with an unparsable value (kept, is_clean=false)"}}, n[0], n[1]));
  report.push_back(step("recipes", "minutes_range",
                        {{"min_minutes", options.min_minutes}, {"max_minutes", options.max_minutes}}, n[1], n[2]));
  const Json band = {{"band_low", options.band_low},
                     {"band_high", options.band_high},
                     {"interpolation", "nearest"},
                     {"computed_on", "parsed rows within the minutes range"}};
  Json steps_params = band;
  steps_params["lower"] = opt_json(steps_low);
  steps_params["upper"] = opt_json(steps_high);
  report.push_back(step("recipes", "n_steps_band", steps_params, n[2], n[3]));
  Json ingr_params = band;
  ingr_params["lower"] = opt_json(ingr_low);
  ingr_params["upper"] = opt_json(ingr_high);
  report.push_back(step("recipes", "n_ingredients_band", ingr_params, n[3], n[4]));
  report.push_back(step("recipes", "submitted_not_null", Json::object(), n[4], n[5]));
  report.push_back(step("recipes", "name_not_null", Json::object(), n[5], n[6]));
  report.push_back(step("recipes", "calories_non_negative", {{"rejected", "calories null or < 0"}}, n[6], n[7]));
  return report;
}

}  // namespace mtm::data::ingest
