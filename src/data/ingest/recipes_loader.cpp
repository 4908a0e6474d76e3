#include "data/ingest/recipes_loader.hpp"

#include <cmath>
#include <unordered_set>

namespace mtm::data::ingest {

namespace {

enum Column {
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
const std::vector<std::string_view> kColumns = {"name",      "id",          "minutes",     "contributor_id",
                                                "submitted", "tags",        "nutrition",   "steps",
                                                "n_steps",   "description", "ingredients", "n_ingredients"};

// The typed fields of one recipe row; its lists live in the writer's reused vectors.
struct RecipeFields {
  std::optional<std::string_view> name;
  std::optional<std::int64_t> minutes;
  std::optional<std::int64_t> contributor;
  std::optional<db::Date> submitted;
  std::optional<std::int32_t> n_steps;
  std::optional<std::string_view> description;
  std::optional<std::int32_t> n_ingredients;
  bool has_tags = false;
  bool has_nutrition = false;
  bool has_steps = false;
  bool has_ingredients = false;
};

// Appends each readable recipe row to the recipes table and collects its item lists.
class RecipeWriter {
 public:
  RecipeWriter(db::Connection& con, RecipesResult& result, RowErrors& errors)
      : app_(con, "recipes"), result_(result), errors_(errors) {
    seen_.reserve(300000);
  }

  void on_row(const CsvRecord& rec, const std::vector<std::size_t>& c, Row& row) {
    const auto id = unique_id(rec, c, row);
    if (!id) return;
    const RecipeFields fields = parse(c, row);
    append(*id, fields, !row.failed());
    if (!row.failed()) ++result_.parsed_ok;
  }

  void close() { app_.close(); }

 private:
  // The row's id when it is readable and new; otherwise the row is counted as dropped.
  std::optional<std::int64_t> unique_id(const CsvRecord& rec, const std::vector<std::size_t>& c, Row& row) {
    const auto id = row.int64(c[kId], "id");
    if (!id) {
      if (rec[c[kId]].empty()) row.fail(c[kId], "id: missing value");
      row.fail(c[kId], "id: unusable");
      ++result_.summary.rows_dropped;
      return std::nullopt;
    }
    if (!seen_.insert(*id).second) {
      ++result_.duplicates;
      errors_.count_kind("id: duplicate (the first row is kept)");
      ++result_.summary.rows_dropped;
      return std::nullopt;
    }
    return id;
  }

  RecipeFields parse(const std::vector<std::size_t>& c, Row& row) {
    RecipeFields f;
    f.name = row.text_field(c[kName]);
    f.minutes = row.int64(c[kMinutes], "minutes");
    f.contributor = row.int64(c[kContributor], "contributor_id");
    f.submitted = row.date(c[kSubmitted], "submitted");
    f.has_tags = row.string_list(c[kTags], "tags", tags_);
    f.has_nutrition = row.number_list(c[kNutrition], "nutrition", nutrition_);
    if (f.has_nutrition && nutrition_.size() != 7) {
      row.fail(c[kNutrition], fmt::format("nutrition: expected 7 values, found {}", nutrition_.size()));
      f.has_nutrition = false;
    }
    f.n_steps = row.int32(c[kNSteps], "n_steps");
    f.has_steps = row.string_list(c[kSteps], "steps", steps_);
    f.description = row.text_field(c[kDescription]);
    f.has_ingredients = row.string_list(c[kIngredients], "ingredients", ingredients_);
    f.n_ingredients = row.int32(c[kNIngredients], "n_ingredients");
    return f;
  }

  void append(std::int64_t id, const RecipeFields& f, bool parsed) {
    app_.append(id).append(f.name).append(f.minutes).append(f.contributor).append(f.submitted);
    app_.append(f.n_steps).append(f.n_ingredients).append(f.description);
    for (std::size_t k = 0; k < 7; ++k) {
      f.has_nutrition ? app_.append(nutrition_[k]) : app_.append_null();
    }
    f.has_steps ? app_.append(steps_) : app_.append_null();
    f.has_tags ? app_.append(tags_) : app_.append_null();
    f.has_ingredients ? app_.append(ingredients_) : app_.append_null();
    if (f.has_tags) result_.tags.add(id, tags_);
    if (f.has_ingredients) result_.ingredients.add(id, ingredients_);
    append_calendar(app_, f.submitted);
    if (f.minutes && f.n_steps && f.n_ingredients && *f.minutes >= 0) {
      app_.append(std::log1p(static_cast<double>(*f.minutes)) + *f.n_steps + 0.5 * *f.n_ingredients);
    } else {
      app_.append_null();
    }
    // is_clean holds "parsed without problems" until the cleaning rules run in SQL.
    app_.append(parsed);
    app_.end_row();
  }

  db::Appender app_;
  RecipesResult& result_;
  RowErrors& errors_;
  std::unordered_set<std::int64_t> seen_;
  std::vector<std::string> tags_;
  std::vector<std::string> steps_;
  std::vector<std::string> ingredients_;
  std::vector<double> nutrition_;
};

}  // namespace

RecipesResult load_recipes(const db::Database& database, CsvReader reader, const IngestOptions& options,
                           const std::atomic<bool>& stop) {
  RecipesResult result;
  RowContext context("recipes", reader, options, stop, result.summary);
  auto con = database.connect();
  RecipeWriter writer(con, result, context.errors);
  read_csv(reader, kColumns, context,
           [&](const CsvRecord& rec, const std::vector<std::size_t>& c, Row& row) { writer.on_row(rec, c, row); });
  writer.close();
  result.summary.rows_usable = result.parsed_ok;
  return result;
}

}  // namespace mtm::data::ingest
