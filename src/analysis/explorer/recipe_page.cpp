#include "analysis/explorer/recipe_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/explorer/similar.hpp"
#include "analysis/explorer/text.hpp"
#include "core/errors.hpp"
#include "present/catalog.hpp"

namespace mtm::analysis::explorer {

namespace {

// What a log says of an id that is not in the data (the API answers a localized 404 of its own).
std::string not_found(const char* kind, std::int64_t id) {
  return present::Catalog::instance().format("en", "error.not_found", {{"kind", kind}, {"id", std::to_string(id)}});
}

}  // namespace

namespace {

using nlohmann::json;

json number_or_null(double value) {
  return std::isnan(value) ? json() : json(value);
}

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json();
}

std::string date_text(std::int32_t days) {
  if (days == std::numeric_limits<std::int32_t>::min()) return "";
  return db::format_date(db::Date{days});
}

json strings(const std::vector<std::string>& values) {
  json out = json::array();
  for (const auto& v : values) out.push_back(v);
  return out;
}

// Rating distribution (1..5 stars) and per-year count and mean of the clean interactions matching `matching`,
// a condition with one parameter, bound to id.
json rating_breakdown(db::Connection& connection, const std::string& matching, std::int64_t id) {
  // matching is fixed text chosen by the callers below, never user input.
  db::PreparedStatement dist(connection, fmt::format("SELECT rating, count(*) FROM interactions WHERE {} AND "
                                                     "is_clean GROUP BY rating ORDER BY rating",
                                                     matching));
  dist.bind(1, id);
  std::vector<std::int64_t> counts(5, 0);
  auto result = dist.execute();
  while (auto chunk = result.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      const auto stars = chunk->get_int64(0, r);
      if (stars >= 1 && stars <= 5) counts[static_cast<std::size_t>(stars - 1)] = chunk->get_int64(1, r);
    }
  }
  json distribution = json::array();
  for (int s = 1; s <= 5; ++s)
    distribution.push_back({{"stars", s}, {"count", counts[static_cast<std::size_t>(s - 1)]}});
  db::PreparedStatement years(connection,
                              fmt::format("SELECT year, count(*), avg(rating) FROM interactions WHERE {} AND "
                                          "is_clean GROUP BY year ORDER BY year",
                                          matching));
  years.bind(1, id);
  json by_year = json::array();
  auto yr = years.execute();
  while (auto chunk = yr.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      by_year.push_back(
          {{"year", chunk->get_int64(0, r)}, {"count", chunk->get_int64(1, r)}, {"mean", chunk->get_double(2, r)}});
    }
  }
  return {{"distribution", distribution}, {"by_year", by_year}};
}

}  // namespace

json recipe_summary(const ExplorerIndex& index, std::uint32_t doc) {
  const auto& c = index.corpus();
  return {{"id", c.ids[doc]},
          {"name", clean_spaces(c.names[doc])},
          {"minutes", c.minutes[doc] == data::RecipeCorpus::kMissing ? json() : json(c.minutes[doc])},
          {"n_steps", c.n_steps[doc] == data::RecipeCorpus::kMissing ? json() : json(c.n_steps[doc])},
          {"n_ingredients", c.recipe_ingredients[doc].size()},
          {"calories", number_or_null(c.calories[doc])},
          {"submitted", date_text(c.submitted[doc])},
          {"contributor_id", c.contributor_ids[doc]},
          {"ratings", c.rating_counts[doc]},
          {"interactions", c.interaction_counts[doc]},
          {"mean_rating", optional_number(index.mean_rating(doc))},
          {"adjusted_rating", optional_number(index.adjusted_rating(doc))}};
}

json recipe_page(db::Connection& connection, const ExplorerIndex& index, std::int64_t recipe_id) {
  const auto doc = index.doc_of(recipe_id);
  if (!doc) throw NotFoundError(not_found("recipe", recipe_id));
  db::PreparedStatement statement(
      connection,
      "SELECT name, description, n_ingredients, complexity, calories, total_fat_pdv, sugar_pdv, sodium_pdv, "
      "protein_pdv, saturated_fat_pdv, carbohydrates_pdv, steps, ingredients, tags FROM recipes WHERE id = ?");
  statement.bind(1, recipe_id);
  auto result = statement.execute();
  auto chunk = result.next_chunk();
  if (!chunk || chunk->size() == 0) throw NotFoundError(not_found("recipe", recipe_id));
  const auto text = [&](std::size_t col) {
    return chunk->is_null(col, 0) ? std::string() : std::string(chunk->get_string(col, 0));
  };
  const auto number = [&](std::size_t col) {
    return chunk->is_null(col, 0) ? std::nan("") : chunk->get_double(col, 0);
  };
  json page = recipe_summary(index, *doc);
  page["raw_name"] = text(0);
  page["description"] = decode_html(text(1));
  page["n_ingredients"] = chunk->is_null(2, 0) ? json() : json(chunk->get_int64(2, 0));
  const double complexity = number(3);
  page["complexity"] = number_or_null(complexity);
  const double calories = number(4);
  json nutrition = json::array();
  nutrition.push_back({{"nutrient", "calories"},
                       {"amount", number_or_null(calories)},
                       {"unit", "kcal"},
                       {"pdv", number_or_null(calories / kCaloriesDailyValue * 100.0)}});
  const char* nutrients[] = {"total_fat", "sugar", "sodium", "protein", "saturated_fat", "carbohydrates"};
  for (std::size_t i = 0; i < 6; ++i)
    nutrition.push_back({{"nutrient", nutrients[i]}, {"pdv", number_or_null(number(5 + i))}});
  page["nutrition"] = nutrition;
  page["steps"] = strings(chunk->get_string_list(11, 0));
  page["ingredients"] = strings(chunk->get_string_list(12, 0));
  page["tags"] = strings(chunk->get_string_list(13, 0));
  const auto& c = index.corpus();
  json percentiles = json::object();
  if (c.minutes[*doc] != data::RecipeCorpus::kMissing)
    percentiles["minutes"] = index.percentile(Measure::Minutes, static_cast<double>(c.minutes[*doc]));
  if (c.n_steps[*doc] != data::RecipeCorpus::kMissing)
    percentiles["n_steps"] = index.percentile(Measure::Steps, static_cast<double>(c.n_steps[*doc]));
  if (!std::isnan(complexity)) percentiles["complexity"] = index.percentile(Measure::Complexity, complexity);
  page["percentiles"] = percentiles;
  json ratings = rating_breakdown(connection, "recipe_id = ?", recipe_id);
  ratings["count"] = c.rating_counts[*doc];
  ratings["mean"] = optional_number(index.mean_rating(*doc));
  ratings["adjusted"] = optional_number(index.adjusted_rating(*doc));
  ratings["prior_mean"] = index.prior_mean();
  ratings["prior_weight"] = kPriorWeight;
  ratings["reviews"] = c.interaction_counts[*doc];
  page["rating"] = ratings;
  json similar = json::array();
  for (const auto& s : similar_recipes(index, *doc, 10)) {
    json item = recipe_summary(index, s.doc);
    item["similarity"] = s.similarity;
    similar.push_back(item);
  }
  page["similar"] = similar;
  return page;
}

json recipe_reviews(db::Connection& connection, const ExplorerIndex& index, std::int64_t recipe_id, std::size_t page,
                    std::size_t per_page) {
  const auto doc = index.doc_of(recipe_id);
  if (!doc) throw NotFoundError(not_found("recipe", recipe_id));
  db::PreparedStatement statement(connection,
                                  "SELECT user_id, CAST(date AS VARCHAR), rating, review FROM interactions WHERE "
                                  "recipe_id = ? ORDER BY date DESC NULLS LAST, user_id LIMIT ? OFFSET ?");
  statement.bind(1, recipe_id).bind(2, static_cast<std::int64_t>(per_page));
  statement.bind(3, static_cast<std::int64_t>((page - 1) * per_page));
  json reviews = json::array();
  auto result = statement.execute();
  while (auto chunk = result.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      reviews.push_back({{"user_id", chunk->get_int64(0, r)},
                         {"date", chunk->is_null(1, r) ? json() : json(std::string(chunk->get_string(1, r)))},
                         {"rating", chunk->is_null(2, r) ? json() : json(chunk->get_int64(2, r))},
                         {"text", chunk->is_null(3, r) ? std::string() : decode_html(chunk->get_string(3, r))}});
    }
  }
  return {{"recipe_id", recipe_id},
          {"page", page},
          {"per_page", per_page},
          {"total", index.corpus().interaction_counts[*doc]},
          {"reviews", reviews}};
}

json contributor_page(db::Connection& connection, const ExplorerIndex& index, std::int64_t contributor_id) {
  const auto& c = index.corpus();
  std::vector<std::uint32_t> docs;
  for (std::uint32_t doc = 0; doc < index.size(); ++doc) {
    if (c.contributor_ids[doc] == contributor_id) docs.push_back(doc);
  }
  if (docs.empty()) throw NotFoundError(not_found("contributor", contributor_id));
  std::map<int, std::int64_t> per_year;
  std::uint64_t ratings = 0;
  std::uint64_t sum = 0;
  for (const auto doc : docs) {
    if (c.submitted[doc] != std::numeric_limits<std::int32_t>::min())
      ++per_year[std::stoi(date_text(c.submitted[doc]).substr(0, 4))];
    ratings += c.rating_counts[doc];
    sum += c.rating_sums[doc];
  }
  json by_year = json::array();
  for (const auto& [year, count] : per_year) by_year.push_back({{"year", year}, {"recipes", count}});
  std::vector<std::uint32_t> best = docs;
  const auto key = [&](std::uint32_t d) { return index.adjusted_rating(d).value_or(-1.0); };
  std::stable_sort(best.begin(), best.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) > key(b); });
  json best_json = json::array();
  for (std::size_t i = 0; i < best.size() && i < 10 && index.adjusted_rating(best[i]); ++i)
    best_json.push_back(recipe_summary(index, best[i]));
  std::vector<std::uint32_t> latest = docs;
  std::stable_sort(latest.begin(), latest.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return c.submitted[a] > c.submitted[b]; });
  json latest_json = json::array();
  for (std::size_t i = 0; i < latest.size() && i < 10; ++i) latest_json.push_back(recipe_summary(index, latest[i]));
  json received =
      // A semi-join on the contributor's recipes: a correlated lookup per interaction took 0.2-0.3 s at full scale.
      rating_breakdown(connection, "recipe_id IN (SELECT id FROM recipes WHERE contributor_id = ?)", contributor_id);
  received["count"] = ratings;
  received["mean"] = ratings == 0 ? json() : json(static_cast<double>(sum) / static_cast<double>(ratings));
  return {{"contributor_id", contributor_id}, {"recipes", docs.size()}, {"recipes_by_year", by_year},
          {"ratings_received", received},     {"best", best_json},      {"latest", latest_json}};
}

json user_page(db::Connection& connection, const ExplorerIndex& index, std::int64_t user_id) {
  db::PreparedStatement statement(connection,
                                  "SELECT recipe_id, CAST(date AS VARCHAR), rating, is_clean FROM interactions WHERE "
                                  "user_id = ? ORDER BY date DESC NULLS LAST, recipe_id");
  statement.bind(1, user_id);
  auto result = statement.execute();
  const auto& c = index.corpus();
  std::size_t interactions = 0;
  std::uint64_t count = 0;
  double sum = 0;
  double difference_sum = 0;
  std::size_t compared = 0;
  std::vector<std::uint32_t> tag_counts(c.tags.items.size(), 0);
  json recent = json::array();
  while (auto chunk = result.next_chunk()) {
    for (std::size_t r = 0; r < chunk->size(); ++r) {
      ++interactions;
      const auto doc = index.doc_of(chunk->get_int64(0, r));
      const bool clean = !chunk->is_null(3, r) && chunk->get_int64(3, r) != 0;
      const auto rating = chunk->is_null(2, r) ? 0 : chunk->get_int64(2, r);
      if (doc && recent.size() < 20) {
        json item = recipe_summary(index, *doc);
        item["rated"] = chunk->is_null(2, r) ? json() : json(rating);
        item["date"] = chunk->is_null(1, r) ? json() : json(std::string(chunk->get_string(1, r)));
        recent.push_back(item);
      }
      if (!clean) continue;
      ++count;
      sum += static_cast<double>(rating);
      if (!doc) continue;
      // The recipe's mean without this rating, so a recipe rated only by this user says nothing.
      const auto others = c.rating_counts[*doc] - 1;
      if (others > 0) {
        difference_sum += static_cast<double>(rating) -
                          (static_cast<double>(c.rating_sums[*doc]) - static_cast<double>(rating)) / others;
        ++compared;
      }
      if (rating >= 4) {
        for (const auto t : c.recipe_tags[*doc]) ++tag_counts[t];
      }
    }
  }
  if (interactions == 0) throw NotFoundError(not_found("user", user_id));
  json by_year = rating_breakdown(connection, "user_id = ?", user_id);
  std::vector<std::uint32_t> order;
  for (std::uint32_t t = 0; t < tag_counts.size(); ++t) {
    if (tag_counts[t] > 0) order.push_back(t);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return tag_counts[a] > tag_counts[b]; });
  json favourite = json::array();
  for (std::size_t i = 0; i < order.size() && i < 10; ++i)
    favourite.push_back({{"tag", c.tags.items[order[i]]}, {"count", tag_counts[order[i]]}});
  return {{"user_id", user_id},
          {"interactions", interactions},
          {"ratings", by_year},
          {"ratings_count", count},
          {"mean_given", count == 0 ? json() : json(sum / static_cast<double>(count))},
          {"strictness", compared == 0 ? json() : json(difference_sum / static_cast<double>(compared))},
          {"strictness_recipes", compared},
          {"favourite_tags", favourite},
          {"recent", recent}};
}

}  // namespace mtm::analysis::explorer
