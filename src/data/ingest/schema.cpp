#include "data/ingest/schema.hpp"

#include <ctime>
#include <string_view>

#include "core/version_info.hpp"

namespace mtm::data::ingest {

const char* const kSchema = R"sql(
CREATE TABLE recipes (
  id BIGINT PRIMARY KEY, name VARCHAR, minutes BIGINT, contributor_id BIGINT, submitted DATE,
  n_steps INTEGER, n_ingredients INTEGER, description VARCHAR,
  calories DOUBLE, total_fat_pdv DOUBLE, sugar_pdv DOUBLE, sodium_pdv DOUBLE, protein_pdv DOUBLE,
  saturated_fat_pdv DOUBLE, carbohydrates_pdv DOUBLE,
  steps VARCHAR[], tags VARCHAR[], ingredients VARCHAR[],
  year INTEGER, month INTEGER, season VARCHAR, weekday INTEGER, is_weekend BOOLEAN,
  complexity DOUBLE, is_clean BOOLEAN);
CREATE TABLE interactions (
  user_id BIGINT, recipe_id BIGINT, date DATE, rating INTEGER, review VARCHAR,
  year INTEGER, month INTEGER, season VARCHAR, weekday INTEGER, is_weekend BOOLEAN, is_clean BOOLEAN);
CREATE TABLE recipe_ingredients (recipe_id BIGINT, ingredient VARCHAR);
CREATE TABLE recipe_tags (recipe_id BIGINT, tag VARCHAR);
CREATE TABLE dataset_info (
  source VARCHAR, is_synthetic BOOLEAN, generator_seed BIGINT, generator_scale DOUBLE,
  recipes_rows BIGINT, clean_recipes_rows BIGINT, interactions_rows BIGINT, clean_interactions_rows BIGINT,
  users BIGINT, contributors BIGINT, submitted_min DATE, submitted_max DATE,
  interactions_date_min DATE, interactions_date_max DATE, ingested_at TIMESTAMP, tool_version VARCHAR);
CREATE TABLE ingest_report (
  table_name VARCHAR, rule VARCHAR, parameters VARCHAR, rows_in BIGINT, rows_rejected BIGINT, rows_out BIGINT,
  ord INTEGER);
)sql";

const char* const kSplitSchema = "(user_id BIGINT, recipe_id BIGINT, date DATE, rating DOUBLE, u BIGINT, i BIGINT)";

ReportRow step(std::string table, std::string rule, Json parameters, std::int64_t in, std::int64_t out) {
  return ReportRow{std::move(table), std::move(rule), std::move(parameters), in, in - out, out};
}

void write_dataset_info(db::Connection& con, const SourceInfo& info) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &utc);
  db::PreparedStatement insert(
      con,
      "INSERT INTO dataset_info SELECT $1, $2, $3, $4, (SELECT count(*) FROM recipes), "
      "(SELECT count(*) FILTER (WHERE is_clean) FROM recipes), (SELECT count(*) FROM interactions), "
      "(SELECT count(*) FILTER (WHERE is_clean) FROM interactions), "
      "(SELECT count(DISTINCT user_id) FROM interactions), (SELECT count(DISTINCT contributor_id) FROM recipes), "
      "(SELECT min(submitted) FROM recipes), (SELECT max(submitted) FROM recipes), "
      "(SELECT min(date) FROM interactions), (SELECT max(date) FROM interactions), CAST($5 AS TIMESTAMP), $6");
  insert.bind(1, info.source).bind(2, info.is_synthetic);
  info.seed ? insert.bind(3, *info.seed) : insert.bind_null(3);
  info.scale ? insert.bind(4, *info.scale) : insert.bind_null(4);
  insert.bind(5, std::string_view(stamp)).bind(6, version::kVersion);
  insert.execute();
}

void write_report(db::Connection& con, const std::vector<ReportRow>& rows) {
  db::Appender app(con, "ingest_report");
  std::int32_t ord = 0;
  for (const auto& r : rows) {
    app.append(std::string_view(r.table)).append(std::string_view(r.rule));
    app.append(std::string_view(r.parameters.dump()));
    app.append(r.rows_in).append(r.rows_rejected).append(r.rows_out).append(++ord);
    app.end_row();
  }
  app.close();
}

}  // namespace mtm::data::ingest
