#include "data/ingest/interactions_loader.hpp"

#include <climits>

namespace mtm::data::ingest {

InteractionsResult load_interactions(const db::Database& database, CsvReader reader, const IngestOptions& options,
                                     const std::atomic<bool>& stop) {
  InteractionsResult result;
  RowContext context("interactions", reader, options, stop, result.summary);
  auto con = database.connect();
  db::Appender app(con, "interactions");
  enum { kUser, kRecipe, kDate, kRating, kReview };
  read_csv(reader, {"user_id", "recipe_id", "date", "rating", "review"}, context,
           [&](const CsvRecord&, const std::vector<std::size_t>& c, Row& row) {
             const auto user = row.int64(c[kUser], "user_id");
             const auto recipe = row.int64(c[kRecipe], "recipe_id");
             const auto date = row.date(c[kDate], "date");
             const auto rating64 = row.int64(c[kRating], "rating");
             std::optional<std::int32_t> rating;
             if (rating64) {
               if (*rating64 < INT32_MIN || *rating64 > INT32_MAX) {
                 row.fail(c[kRating], fmt::format("rating: {} is out of range", *rating64));
               } else {
                 rating = static_cast<std::int32_t>(*rating64);
               }
             }
             const auto review = row.text_field(c[kReview]);
             const bool parsed = !row.failed();
             const bool rating_ok = parsed && rating && *rating >= options.min_rating && *rating <= options.max_rating;
             const bool clean = rating_ok && date.has_value();
             result.parsed_ok += parsed;
             result.rating_ok += rating_ok;
             result.clean += clean;
             app.append(user).append(recipe).append(date).append(rating).append(review);
             append_calendar(app, date);
             app.append(clean);
             app.end_row();
           });
  app.close();
  result.summary.rows_clean = result.clean;
  result.summary.rows_usable = result.clean;
  return result;
}

}  // namespace mtm::data::ingest
