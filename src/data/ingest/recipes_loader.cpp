#include "data/ingest/recipes_loader.hpp"

#include <cmath>
#include <unordered_set>

namespace mtm::data::ingest {

RecipesResult load_recipes(const db::Database& database, CsvReader reader, const IngestOptions& options,
                           const std::atomic<bool>& stop) {
  RecipesResult result;
  result.summary.table = "recipes";
  result.summary.file = reader.source();
  RowErrors errors(reader.source(), options.strict, options.max_printed_errors, result.summary);
  RowContext context{errors, result.summary, options.date_order, stop};
  auto con = database.connect();
  db::Appender app(con, "recipes");
  enum {
    kName,
    kId,
    kMinutes,
    kContributor,
    kSubmitted,
    kTags,
    kNutrition,
    kSteps,
    kNSteps,
    kDescription,
    kIngredients,
    kNIngredients
  };
  const std::vector<std::string_view> columns = {"name",      "id",          "minutes",     "contributor_id",
                                                 "submitted", "tags",        "nutrition",   "steps",
                                                 "n_steps",   "description", "ingredients", "n_ingredients"};
  std::unordered_set<std::int64_t> seen;
  seen.reserve(300000);
  std::vector<std::string> tags;
  std::vector<std::string> steps;
  std::vector<std::string> ingredients;
  std::vector<double> nutrition;
  read_csv(reader, columns, context, [&](const CsvRecord& rec, const std::vector<std::size_t>& c, Row& row) {
    const auto id = row.int64(c[kId], "id");
    if (!id) {
      if (rec[c[kId]].empty()) row.fail(c[kId], "id: missing value");
      row.fail(c[kId], "id: unusable");
      ++result.summary.rows_dropped;
      return;
    }
    if (!seen.insert(*id).second) {
      ++result.duplicates;
      errors.count_kind("id: duplicate (the first row is kept)");
      ++result.summary.rows_dropped;
      return;
    }
    const auto name = row.text_field(c[kName]);
    const auto minutes = row.int64(c[kMinutes], "minutes");
    const auto contributor = row.int64(c[kContributor], "contributor_id");
    const auto submitted = row.date(c[kSubmitted], "submitted");
    const bool has_tags = row.string_list(c[kTags], "tags", tags);
    bool has_nutrition = row.number_list(c[kNutrition], "nutrition", nutrition);
    if (has_nutrition && nutrition.size() != 7) {
      row.fail(c[kNutrition], fmt::format("nutrition: expected 7 values, found {}", nutrition.size()));
      has_nutrition = false;
    }
    const auto n_steps = row.int32(c[kNSteps], "n_steps");
    const bool has_steps = row.string_list(c[kSteps], "steps", steps);
    const auto description = row.text_field(c[kDescription]);
    const bool has_ingredients = row.string_list(c[kIngredients], "ingredients", ingredients);
    const auto n_ingredients = row.int32(c[kNIngredients], "n_ingredients");

    app.append(*id).append(name).append(minutes).append(contributor).append(submitted);
    app.append(n_steps).append(n_ingredients).append(description);
    for (std::size_t k = 0; k < 7; ++k) {
      if (has_nutrition) {
        app.append(nutrition[k]);
      } else {
        app.append_null();
      }
    }
    has_steps ? app.append(steps) : app.append_null();
    has_tags ? app.append(tags) : app.append_null();
    has_ingredients ? app.append(ingredients) : app.append_null();
    if (has_tags) result.tags.add(*id, tags);
    if (has_ingredients) result.ingredients.add(*id, ingredients);
    append_calendar(app, submitted);
    if (minutes && n_steps && n_ingredients && *minutes >= 0) {
      app.append(std::log1p(static_cast<double>(*minutes)) + *n_steps + 0.5 * *n_ingredients);
    } else {
      app.append_null();
    }
    // is_clean holds "parsed without problems" until the cleaning rules run in SQL.
    app.append(!row.failed());
    app.end_row();
    if (!row.failed()) ++result.parsed_ok;
  });
  app.close();
  result.summary.rows_usable = result.parsed_ok;
  return result;
}

}  // namespace mtm::data::ingest
