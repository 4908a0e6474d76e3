#include "data/ingest/optional_tables.hpp"

namespace mtm::data::ingest {

TableSummary load_split(const db::Database& database, CsvReader reader, const std::string& table,
                        const IngestOptions& options, const std::atomic<bool>& stop) {
  TableSummary summary;
  RowContext context(table, reader, options, stop, summary);
  auto con = database.connect();
  db::Appender app(con, table);
  read_csv(reader, {"user_id", "recipe_id", "date", "rating", "u", "i"}, context,
           [&](const CsvRecord&, const std::vector<std::size_t>& c, Row& row) {
             app.append(row.int64(c[0], "user_id")).append(row.int64(c[1], "recipe_id"));
             app.append(row.date(c[2], "date")).append(row.real(c[3], "rating"));
             app.append(row.int64(c[4], "u")).append(row.int64(c[5], "i"));
             app.end_row();
           });
  app.close();
  summary.rows_usable = summary.rows_read - summary.rows_bad;
  return summary;
}

TableSummary load_pp_users(const db::Database& database, CsvReader reader, const IngestOptions& options,
                           const std::atomic<bool>& stop) {
  TableSummary summary;
  RowContext context("pp_users", reader, options, stop, summary);
  auto con = database.connect();
  {
    db::Appender app(con, "pp_users_stage");
    std::vector<double> numbers;
    read_csv(reader, {"u", "techniques", "items", "n_items", "ratings", "n_ratings"}, context,
             [&](const CsvRecord& rec, const std::vector<std::size_t>& c, Row& row) {
               app.append(row.int64(c[0], "u"));
               for (std::size_t k : {c[1], c[2]}) {
                 row.number_list(k, k == c[1] ? "techniques" : "items", numbers) ? app.append(rec[k])
                                                                                 : app.append_null();
               }
               app.append(row.int64(c[3], "n_items"));
               row.number_list(c[4], "ratings", numbers) ? app.append(rec[c[4]]) : app.append_null();
               app.append(row.int64(c[5], "n_ratings"));
               app.end_row();
             });
    app.close();
  }
  con.execute(
      "CREATE TABLE pp_users AS SELECT u, CAST(techniques AS BIGINT[]) AS techniques, CAST(items AS BIGINT[]) AS "
      "items, n_items, CAST(ratings AS DOUBLE[]) AS ratings, n_ratings FROM pp_users_stage");
  con.execute("DROP TABLE pp_users_stage");
  summary.rows_usable = summary.rows_read - summary.rows_bad;
  return summary;
}

}  // namespace mtm::data::ingest
