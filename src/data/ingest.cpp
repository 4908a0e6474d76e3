#include "data/ingest.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstring>
#include <ctime>
#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/errors.hpp"
#include "core/version_info.hpp"
#include "data/calendar.hpp"
#include "data/csv/csv_reader.hpp"
#include "data/duckdb.hpp"
#include "data/ingest_summaries.hpp"
#include "data/list_literal.hpp"

namespace mtm::data {

namespace {

namespace fs = std::filesystem;
using csv::CsvReader;
using csv::CsvRecord;
using csv::Position;
using Json = nlohmann::json;

// Thrown inside a loader when the other loader failed; never escapes run_ingest.
struct Cancelled {};

// One row of ingest_report, before its ord is assigned.
struct ReportRow {
  std::string table;
  std::string rule;
  Json parameters;
  std::int64_t rows_in = 0;
  std::int64_t rows_rejected = 0;
  std::int64_t rows_out = 0;
};

ReportRow step(std::string table, std::string rule, Json parameters, std::int64_t in, std::int64_t out) {
  return ReportRow{std::move(table), std::move(rule), std::move(parameters), in, in - out, out};
}

// The per-row problems of one file: counted, the first few kept as messages, or thrown with --strict.
class RowErrors {
 public:
  RowErrors(std::string source, bool strict, std::size_t keep, TableSummary& summary)
      : source_(std::move(source)), strict_(strict), keep_(keep), summary_(summary) {}
  void add(Position at, const std::string& detail) {
    if (strict_) throw DataLoadError(source_, at.line, at.column, detail + " (--strict)");
    ++summary_.row_errors;
    if (summary_.first_errors.size() < keep_) {
      summary_.first_errors.push_back(fmt::format("{}:{}:{}: {}", source_, at.line, at.column, detail));
    }
  }

 private:
  std::string source_;
  bool strict_;
  std::size_t keep_;
  TableSummary& summary_;
};

std::string shorten(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string out(text.substr(0, kMax));
  if (text.size() > kMax) out += "...";
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// Replaces each invalid UTF-8 byte by U+FFFD so DuckDB receives valid text; only for rows flagged invalid.
std::string sanitize_utf8(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t bad = 0;
    const std::string_view rest = text.substr(i);
    if (csv::is_valid_utf8(rest, &bad)) {
      out.append(rest);
      break;
    }
    out.append(rest.substr(0, bad));
    out.append("\xEF\xBF\xBD");
    i += bad + 1;
  }
  return out;
}

// Typed access to the fields of one record; the first problem of the row is reported, the row flagged.
class Row {
 public:
  Row(const CsvRecord& record, RowErrors& errors) : record_(record), errors_(errors) {
    if (!record.problem().empty()) fail_at(record.problem_position(), record.problem());
    utf8_bad_ = !record.problem().empty() && record.problem().starts_with("invalid UTF-8");
    if (record.unterminated()) {
      fail_at(record.end(), "no line break after the last record: the file may be truncated");
    }
  }
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  void fail(std::size_t field, const std::string& detail) { fail_at(record_.position(field), detail); }
  void fail_at(Position at, const std::string& detail) {
    if (failed_) return;
    failed_ = true;
    errors_.add(at, detail);
  }

  std::optional<std::int64_t> int64(std::size_t field, std::string_view name) {
    const std::string_view text = record_[field];
    if (text.empty()) return std::nullopt;
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && ptr == text.data() + text.size()) return value;
    if (ec == std::errc::result_out_of_range) {
      fail(field, fmt::format("{}: integer '{}' is out of range (int64)", name, shorten(text)));
      return std::nullopt;
    }
    // Accept integral floats such as "4.0" (the split files write ratings that way).
    double d = 0;
    auto [dptr, dec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (dec == std::errc() && dptr == text.data() + text.size() && std::isfinite(d) && d == std::trunc(d) &&
        std::fabs(d) < 9.0e15) {
      return static_cast<std::int64_t>(d);
    }
    fail(field, fmt::format("{}: expected an integer, found '{}'", name, shorten(text)));
    return std::nullopt;
  }

  std::optional<std::int32_t> int32(std::size_t field, std::string_view name) {
    auto value = int64(field, name);
    if (!value) return std::nullopt;
    if (*value < INT32_MIN || *value > INT32_MAX) {
      fail(field, fmt::format("{}: {} is out of range for INTEGER", name, *value));
      return std::nullopt;
    }
    return static_cast<std::int32_t>(*value);
  }

  std::optional<double> real(std::size_t field, std::string_view name) {
    const std::string_view text = record_[field];
    if (text.empty()) return std::nullopt;
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && ptr == text.data() + text.size()) return value;
    fail(field, fmt::format("{}: expected a number, found '{}'", name, shorten(text)));
    return std::nullopt;
  }

  std::optional<db::Date> date(std::size_t field, std::string_view name) {
    const std::string_view text = record_[field];
    if (text.empty()) return std::nullopt;
    if (auto d = db::parse_date(text)) return d;
    fail(field, fmt::format("{}: expected a date YYYY-MM-DD, found '{}'", name, shorten(text)));
    return std::nullopt;
  }

  /// Text field; empty (quoted or not) is a missing value, as pandas reads it.
  std::optional<std::string_view> text_field(std::size_t field) {
    const std::string_view text = record_[field];
    if (text.empty()) return std::nullopt;
    if (utf8_bad_ && !csv::is_valid_utf8(text)) {
      scratch_.push_back(sanitize_utf8(text));
      return std::string_view(scratch_.back());
    }
    return text;
  }

  /// A Python list of strings into out; false (and out empty) when missing or malformed.
  bool string_list(std::size_t field, std::string_view name, std::vector<std::string>& out) {
    out.clear();
    const std::string_view text = record_[field];
    if (text.empty()) return false;
    if (auto error = parse_string_list(text, out)) {
      fail(field, fmt::format("{}: bad list literal at character {}: {}", name, error->offset + 1, error->message));
      out.clear();
      return false;
    }
    if (utf8_bad_) {
      for (auto& item : out) {
        if (!csv::is_valid_utf8(item)) item = sanitize_utf8(item);
      }
    }
    return true;
  }

  /// A Python list of numbers into out; false when missing or malformed.
  bool number_list(std::size_t field, std::string_view name, std::vector<double>& out) {
    out.clear();
    const std::string_view text = record_[field];
    if (text.empty()) return false;
    if (auto error = parse_number_list(text, out)) {
      fail(field, fmt::format("{}: bad list literal at character {}: {}", name, error->offset + 1, error->message));
      out.clear();
      return false;
    }
    return true;
  }

 private:
  const CsvRecord& record_;
  RowErrors& errors_;
  bool failed_ = false;
  bool utf8_bad_ = false;
  std::vector<std::string> scratch_;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Reads a file's header, maps the required columns by name, then hands each well-framed record to on_row.
// Records with the wrong field count are reported and skipped.
template <typename OnRow>
void read_csv(CsvReader& reader, const std::vector<std::string_view>& columns, RowErrors& errors, TableSummary& summary,
              const std::atomic<bool>& stop, OnRow&& on_row) {
  CsvRecord record;
  if (!reader.next(record)) throw DataLoadError(reader.source(), "file is empty (expected a CSV header line)");
  const Position header_at = record.start();
  std::vector<std::size_t> index;
  for (const auto& name : columns) {
    std::size_t found = record.size();
    for (std::size_t i = 0; i < record.size(); ++i) {
      if (trim(record[i]) == name) {
        found = i;
        break;
      }
    }
    if (found == record.size()) {
      std::vector<std::string> header;
      for (std::size_t i = 0; i < record.size() && i < 20; ++i) header.push_back(shorten(record[i]));
      throw DataLoadError(reader.source(), header_at.line, 0,
                          fmt::format("missing column '{}' in the header (expected {}; found {})", name,
                                      fmt::join(columns, ","), fmt::join(header, ",")));
    }
    index.push_back(found);
  }
  const std::size_t expected = record.size();
  while (reader.next(record)) {
    ++summary.rows_read;
    if ((summary.rows_read & 4095) == 0 && stop.load(std::memory_order_relaxed)) throw Cancelled{};
    if (record.size() != expected) {
      const Position at = record.size() < expected ? record.end() : record.position(expected);
      errors.add(at, fmt::format("expected {} fields, found {}", expected, record.size()));
      ++summary.rows_dropped;
      continue;
    }
    Row row(record, errors);
    on_row(record, index, row);
  }
  if (summary.rows_read == 0) {
    throw DataLoadError(reader.source(), header_at.line + 1, 0, "no data rows after the header");
  }
}

void append_calendar(db::Appender& app, const std::optional<db::Date>& date) {
  if (!date) {
    app.append_null().append_null().append_null().append_null().append_null();
    return;
  }
  const CalendarFeatures f = calendar_features(*date);
  app.append(f.year).append(f.month).append(f.season).append(f.weekday).append(f.is_weekend);
}

// ---- recipes ----

// The list items of one column of every loaded recipe, as ids into a dictionary of distinct raw items, so
// the normalisation SQL runs once per distinct item instead of once per row (the per-row regex was the
// slowest phase of the ingest).
class ItemCollector {
 public:
  void add(std::int64_t recipe_id, const std::vector<std::string>& items) {
    recipe_ids_.push_back(recipe_id);
    for (const auto& item : items) {
      auto [it, inserted] = dictionary_.try_emplace(item, static_cast<std::uint32_t>(raw_.size()));
      if (inserted) raw_.push_back(item);
      items_.push_back(it->second);
    }
    ends_.push_back(items_.size());
  }

  /// Append (recipe_id, item) rows to table: items normalised exactly as the SQL did, distinct per recipe,
  /// ordered by recipe_id then item.
  void write(db::Connection& con, const std::string& table) {
    con.execute("CREATE OR REPLACE TEMP TABLE item_raw (k INTEGER, raw VARCHAR)");
    {
      db::Appender app(con, "item_raw");
      for (std::size_t k = 0; k < raw_.size(); ++k) {
        app.append(static_cast<std::int32_t>(k)).append(std::string_view(raw_[k]));
        app.end_row();
      }
      app.close();
    }
    std::vector<std::string> normalised(raw_.size());
    auto result = con.query("SELECT k, lower(trim(regexp_replace(raw, '\\s+', ' ', 'g'))) FROM item_raw");
    while (auto chunk = result.next_chunk()) {
      for (std::size_t r = 0; r < chunk->size(); ++r) {
        normalised[static_cast<std::size_t>(chunk->get_int64(0, r))] = std::string(chunk->get_string(1, r));
      }
    }
    con.execute("DROP TABLE item_raw");

    std::vector<std::size_t> order(recipe_ids_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return recipe_ids_[a] < recipe_ids_[b]; });
    db::Appender app(con, table);
    std::vector<std::string_view> row_items;
    for (const std::size_t i : order) {
      row_items.clear();
      for (std::size_t j = i == 0 ? 0 : ends_[i - 1]; j < ends_[i]; ++j) {
        const std::string& item = normalised[items_[j]];
        if (!item.empty()) row_items.emplace_back(item);
      }
      std::sort(row_items.begin(), row_items.end());
      row_items.erase(std::unique(row_items.begin(), row_items.end()), row_items.end());
      for (const auto item : row_items) {
        app.append(recipe_ids_[i]).append(item);
        app.end_row();
      }
    }
    app.close();
  }

 private:
  std::unordered_map<std::string, std::uint32_t> dictionary_;
  std::vector<std::string> raw_;
  std::vector<std::int64_t> recipe_ids_;
  std::vector<std::size_t> ends_;  // end of each recipe's run in items_
  std::vector<std::uint32_t> items_;
};

struct RecipesResult {
  ItemCollector tags;
  ItemCollector ingredients;
  TableSummary summary;
  std::int64_t duplicates = 0;
  std::int64_t parsed_ok = 0;
};

RecipesResult load_recipes(const db::Database& database, CsvReader reader, const IngestOptions& options,
                           const std::atomic<bool>& stop) {
  RecipesResult result;
  result.summary.table = "recipes";
  result.summary.file = reader.source();
  RowErrors errors(reader.source(), options.strict, options.max_printed_errors, result.summary);
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
  read_csv(reader, columns, errors, result.summary, stop,
           [&](const CsvRecord& rec, const std::vector<std::size_t>& c, Row& row) {
             const auto id = row.int64(c[kId], "id");
             if (!id) {
               if (rec[c[kId]].empty()) row.fail(c[kId], "id: missing value");
               row.fail(c[kId], "id: unusable");
               ++result.summary.rows_dropped;
               return;
             }
             if (!seen.insert(*id).second) {
               ++result.duplicates;
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
  return result;
}

// ---- interactions ----

struct InteractionsResult {
  TableSummary summary;
  std::int64_t parsed_ok = 0;
  std::int64_t rating_ok = 0;  // parsed_ok and rating in range
  std::int64_t clean = 0;      // ... and date present
};

InteractionsResult load_interactions(const db::Database& database, CsvReader reader, const IngestOptions& options,
                                     const std::atomic<bool>& stop) {
  InteractionsResult result;
  result.summary.table = "interactions";
  result.summary.file = reader.source();
  RowErrors errors(reader.source(), options.strict, options.max_printed_errors, result.summary);
  auto con = database.connect();
  db::Appender app(con, "interactions");
  enum { kUser, kRecipe, kDate, kRating, kReview };
  read_csv(reader, {"user_id", "recipe_id", "date", "rating", "review"}, errors, result.summary, stop,
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
  return result;
}

// ---- optional tables ----

TableSummary load_split(const db::Database& database, CsvReader reader, const std::string& table,
                        const IngestOptions& options, const std::atomic<bool>& stop) {
  TableSummary summary;
  summary.table = table;
  summary.file = reader.source();
  RowErrors errors(reader.source(), options.strict, options.max_printed_errors, summary);
  auto con = database.connect();
  db::Appender app(con, table);
  read_csv(reader, {"user_id", "recipe_id", "date", "rating", "u", "i"}, errors, summary, stop,
           [&](const CsvRecord&, const std::vector<std::size_t>& c, Row& row) {
             app.append(row.int64(c[0], "user_id")).append(row.int64(c[1], "recipe_id"));
             app.append(row.date(c[2], "date")).append(row.real(c[3], "rating"));
             app.append(row.int64(c[4], "u")).append(row.int64(c[5], "i"));
             app.end_row();
           });
  app.close();
  return summary;
}

TableSummary load_pp_users(const db::Database& database, CsvReader reader, const IngestOptions& options,
                           const std::atomic<bool>& stop) {
  TableSummary summary;
  summary.table = "pp_users";
  summary.file = reader.source();
  RowErrors errors(reader.source(), options.strict, options.max_printed_errors, summary);
  auto con = database.connect();
  {
    db::Appender app(con, "pp_users_stage");
    std::vector<double> numbers;
    read_csv(reader, {"u", "techniques", "items", "n_items", "ratings", "n_ratings"}, errors, summary, stop,
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
  return summary;
}

// ---- schema and post-processing ----

constexpr const char* kSchema = R"sql(
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

constexpr const char* kSplitSchema = "(user_id BIGINT, recipe_id BIGINT, date DATE, rating DOUBLE, u BIGINT, i BIGINT)";

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

void build_item_tables(db::Connection& con, RecipesResult& recipes) {
  recipes.ingredients.write(con, "recipe_ingredients");
  recipes.tags.write(con, "recipe_tags");
}

struct SourceInfo {
  std::string source;
  bool is_synthetic = false;
  std::optional<std::int64_t> seed;
  std::optional<double> scale;
};

SourceInfo describe_source(const fs::path& recipes, const fs::path& interactions) {
  SourceInfo info;
  info.source = recipes.string() + ", " + interactions.string();
  const fs::path marker = recipes.parent_path() / "GENERATED.json";
  std::error_code ec;
  if (!fs::exists(marker, ec)) return info;
  std::ifstream in(marker);
  Json json = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    throw DataLoadError(marker.string(), "not valid JSON (expected the generator's marker object)");
  }
  info.is_synthetic = true;
  if (json.contains("seed") && json["seed"].is_number_integer()) info.seed = json["seed"].get<std::int64_t>();
  if (json.contains("scale") && json["scale"].is_number()) info.scale = json["scale"].get<double>();
  info.source = fmt::format("synthetic demo, seed {}, scale {}", info.seed ? std::to_string(*info.seed) : "?",
                            info.scale ? fmt::format("{}", *info.scale) : "?");
  return info;
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

// ---- temp file and signals ----

// Paths removed by the signal handler; fixed-size so the handler only calls async-signal-safe unlink().
char g_temp_path[4096];
char g_temp_wal[4100];

extern "C" void on_signal(int sig) {
  if (g_temp_path[0] != '\0') {
    unlink(g_temp_path);
    unlink(g_temp_wal);
  }
  _exit(128 + sig);
}

// Owns the temporary database file: removes a stale one up front, and the new one unless committed.
class TempDatabaseFile {
 public:
  explicit TempDatabaseFile(fs::path path) : path_(std::move(path)), wal_(path_.string() + ".wal") {
    remove_files();
    const std::string p = path_.string();
    if (p.size() < sizeof g_temp_path) {
      std::memcpy(g_temp_path, p.c_str(), p.size() + 1);
      std::memcpy(g_temp_wal, wal_.c_str(), wal_.string().size() + 1);
      old_int_ = std::signal(SIGINT, on_signal);
      old_term_ = std::signal(SIGTERM, on_signal);
    }
  }
  ~TempDatabaseFile() {
    if (!committed_) remove_files();
    std::signal(SIGINT, old_int_);
    std::signal(SIGTERM, old_term_);
    g_temp_path[0] = '\0';
  }
  TempDatabaseFile(const TempDatabaseFile&) = delete;
  TempDatabaseFile& operator=(const TempDatabaseFile&) = delete;
  [[nodiscard]] const fs::path& path() const noexcept { return path_; }

  /// Atomically replace target with the finished temp file.
  void commit(const fs::path& target) {
    std::error_code ec;
    fs::remove(wal_, ec);
    // A WAL left by the previous database would be replayed against the new file: drop it.
    fs::remove(target.string() + ".wal", ec);
    fs::rename(path_, target, ec);
    if (ec)
      throw DatabaseError(fmt::format("cannot move '{}' to '{}': {}", path_.string(), target.string(), ec.message()));
    committed_ = true;
  }

 private:
  void remove_files() {
    std::error_code ec;
    fs::remove(path_, ec);
    fs::remove(wal_, ec);
  }
  fs::path path_;
  fs::path wal_;
  bool committed_ = false;
  void (*old_int_)(int) = SIG_DFL;
  void (*old_term_)(int) = SIG_DFL;
};

}  // namespace

fs::path ingest_temp_path(const fs::path& db_path) {
  return {db_path.string() + ".ingest-tmp"};
}

void validate(const IngestOptions& options) {
  if (options.recipes.empty() && options.raw_dir.empty()) {
    throw ValidationError("--raw-dir", "give --raw-dir or --recipes/--interactions");
  }
  if (options.db_path.empty()) throw ValidationError("--db", "the database path is empty");
  if (options.min_minutes > options.max_minutes) {
    throw ValidationError("--min-minutes", fmt::format("--min-minutes ({}) is greater than --max-minutes ({})",
                                                       options.min_minutes, options.max_minutes));
  }
  if (!(options.band_low >= 0.0 && options.band_low <= 1.0)) {
    throw ValidationError("--band-low", "--band-low must be within [0, 1]");
  }
  if (!(options.band_high >= 0.0 && options.band_high <= 1.0)) {
    throw ValidationError("--band-high", "--band-high must be within [0, 1]");
  }
  if (options.band_low > options.band_high) {
    throw ValidationError("--band-low", "--band-low must not be greater than --band-high");
  }
}

IngestSummary run_ingest(const IngestOptions& options) {
  validate(options);
  const auto started = std::chrono::steady_clock::now();
  const fs::path recipes_path = options.recipes.empty() ? options.raw_dir / "RAW_recipes.csv" : options.recipes;
  const fs::path interactions_path =
      options.interactions.empty() ? options.raw_dir / "RAW_interactions.csv" : options.interactions;

  // Open every input first: a missing or empty file fails before anything is written.
  CsvReader recipes_reader(recipes_path.string());
  CsvReader interactions_reader(interactions_path.string());
  std::vector<std::pair<std::string, CsvReader>> splits;
  std::optional<CsvReader> pp_users_reader;
  std::error_code ec;
  if (!options.raw_dir.empty() && fs::is_directory(options.raw_dir, ec)) {
    for (const char* part : {"train", "validation", "test"}) {
      const fs::path p = options.raw_dir / fmt::format("interactions_{}.csv", part);
      if (fs::exists(p, ec)) splits.emplace_back(fmt::format("interactions_{}", part), CsvReader(p.string()));
    }
    const fs::path pp = options.raw_dir / "PP_users.csv";
    if (fs::exists(pp, ec)) pp_users_reader.emplace(pp.string());
  }
  const SourceInfo source = describe_source(recipes_path, interactions_path);

  const fs::path db_path = options.db_path;
  if (db_path.has_parent_path()) fs::create_directories(db_path.parent_path(), ec);
  TempDatabaseFile temp(ingest_temp_path(db_path));

  IngestSummary summary;
  summary.source = source.source;
  summary.is_synthetic = source.is_synthetic;
  std::vector<ReportRow> report;
  {
    db::Database database(temp.path().string());
    auto con = database.connect();
    con.execute("SET threads = 2");
    con.execute("SET memory_limit = '1GB'");
    con.execute(kSchema);
    for (const auto& [table, reader] : splits) con.execute(fmt::format("CREATE TABLE {} {}", table, kSplitSchema));
    if (pp_users_reader) {
      con.execute(
          "CREATE TABLE pp_users_stage (u BIGINT, techniques VARCHAR, items VARCHAR, n_items BIGINT, "
          "ratings VARCHAR, n_ratings BIGINT)");
    }

    auto lap = [&summary, t = std::chrono::steady_clock::now()](const char* phase) mutable {
      const auto now = std::chrono::steady_clock::now();
      summary.phases.emplace_back(phase, std::chrono::duration<double>(now - t).count());
      t = now;
    };
    std::atomic<bool> stop{false};
    std::exception_ptr recipes_error;
    RecipesResult recipes;
    auto run_recipes = [&]() {
      try {
        recipes = load_recipes(database, std::move(recipes_reader), options, stop);
      } catch (const Cancelled&) {
      } catch (...) {
        recipes_error = std::current_exception();
        stop = true;
      }
    };
    std::thread worker;
    if (options.parallel) {
      worker = std::thread(run_recipes);
    } else {
      run_recipes();
    }
    InteractionsResult interactions;
    std::exception_ptr interactions_error;
    try {
      if (!stop) interactions = load_interactions(database, std::move(interactions_reader), options, stop);
    } catch (const Cancelled&) {
    } catch (...) {
      interactions_error = std::current_exception();
      stop = true;
    }
    if (worker.joinable()) worker.join();
    if (recipes_error) std::rethrow_exception(recipes_error);
    if (interactions_error) std::rethrow_exception(interactions_error);
    lap("load");

    std::vector<TableSummary> extra;
    extra.reserve(splits.size() + 1);
    for (auto& [table, reader] : splits) extra.push_back(load_split(database, std::move(reader), table, options, stop));
    if (pp_users_reader) extra.push_back(load_pp_users(database, std::move(*pp_users_reader), options, stop));

    lap("optional tables");
    auto recipe_report = clean_recipes(con, options, recipes);
    lap("cleaning rules");
    report.insert(report.end(), recipe_report.begin(), recipe_report.end());
    recipes.summary.rows_written = recipes.summary.rows_read - recipes.summary.rows_dropped;
    recipes.summary.rows_clean = report.back().rows_out;

    const std::int64_t read = interactions.summary.rows_read;
    const std::int64_t kept = read - interactions.summary.rows_dropped;
    interactions.summary.rows_written = kept;
    report.push_back(step("interactions", "read",
                          {{"file", interactions.summary.file}, {"dropped", "wrong field count"}}, read, kept));
    report.push_back(step("interactions", "parse_errors",
                          {{"rejected", "rows with an unparsable value (kept, is_clean=false)"}}, kept,
                          interactions.parsed_ok));
    report.push_back(step("interactions", "rating_range",
                          {{"min_rating", options.min_rating}, {"max_rating", options.max_rating}},
                          interactions.parsed_ok, interactions.rating_ok));
    report.push_back(step("interactions", "date_not_null", Json::object(), interactions.rating_ok, interactions.clean));
    for (auto& t : extra) {
      t.rows_written = t.rows_read - t.rows_dropped;
      report.push_back(
          step(t.table, "read", {{"file", t.file}, {"row_errors", t.row_errors}}, t.rows_read, t.rows_written));
    }

    build_item_tables(con, recipes);
    lap("item tables");
    build_summary_tables(con);
    lap("summary tables");
    write_dataset_info(con, source);
    write_report(con, report);
    con.execute("CHECKPOINT");
    lap("checkpoint");

    summary.tables.push_back(std::move(recipes.summary));
    summary.tables.push_back(std::move(interactions.summary));
    for (auto& t : extra) summary.tables.push_back(std::move(t));
  }
  temp.commit(db_path);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace mtm::data
