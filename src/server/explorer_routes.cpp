#include "server/explorer_routes.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <chrono>
#include <cmath>
#include <map>
#include <optional>

#include "analysis/explorer/pantry.hpp"
#include "analysis/explorer/recipe_page.hpp"
#include "analysis/explorer/search.hpp"
#include "analysis/explorer/search_cache.hpp"
#include "analysis/explorer/snippet.hpp"
#include "analysis/explorer/text.hpp"
#include "core/errors.hpp"
#include "data/explorer_corpus.hpp"
#include "server/param_reader.hpp"
#include "server/problem.hpp"
#include "server/response.hpp"
#include "server/routes.hpp"

namespace mtm::server {

namespace {

using nlohmann::json;
namespace ex = analysis::explorer;

constexpr double kMaxQuantity = 1e7;

// What each explorer parameter accepts (read by ParamReader, described in the OpenAPI document).
const std::vector<ParamSpec>& param_specs() {
  static const std::vector<ParamSpec> kSpecs = {
      {"q",
       "text",
       0,
       0,
       {},
       "Words to find in names, ingredients, tags and descriptions; the last one may be unfinished"},
      {"prefix", "boolean", 0, 0, {}, "Whether the last word also matches the words it begins (default true)"},
      {"sort", "enum", 0, 0, {"relevance", "rating", "popularity", "newest"}, "Order of the results"},
      {"page", "integer", 1, 10000, {}, "Page of results, from 1"},
      {"per_page", "integer", 1, 100, {}, "Results per page"},
      {"max_minutes", "integer", 0, kMaxQuantity, {}, "Longest preparation time, minutes"},
      {"max_steps", "integer", 0, 10000, {}, "Most steps"},
      {"min_calories", "number", 0, kMaxQuantity, {}, "Fewest calories (kcal)"},
      {"max_calories", "number", 0, kMaxQuantity, {}, "Most calories (kcal)"},
      {"min_rating", "number", 1, 5, {}, "Lowest mean rating (recipes without ratings are left out)"},
      {"min_ratings", "integer", 0, kMaxQuantity, {}, "Fewest ratings"},
      {"tags", "list", 0, 0, {}, "Tags every result has (comma-separated)"},
      {"exclude_tags", "list", 0, 0, {}, "Tags no result has (comma-separated)"},
      {"ingredients", "list", 0, 0, {}, "Words each of which one of a result's ingredients contains (comma-separated)"},
      {"exclude_ingredients", "list", 0, 0, {}, "Words none of a result's ingredients contains, e.g. nuts"},
      {"have", "list", 0, 0, {}, "Ingredients the reader has: exact names or single words (comma-separated)"},
      {"staples",
       "list",
       0,
       0,
       {},
       "Staples assumed available (default: salt, water, pepper, oils, sugar, butter, flour; none or empty for none)"},
      {"exclude", "list", 0, 0, {}, "Words none of a recipe's ingredients may contain"},
      {"prefix_text", "text", 0, 0, {}, "Beginning of an ingredient or tag name, or of one of its words"},
      {"limit", "integer", 1, 50, {}, "Most suggestions"},
  };
  return kSpecs;
}

const ParamSpec& spec_of(const std::string& name) {
  for (const auto& s : param_specs()) {
    if (s.name == name) return s;
  }
  throw std::logic_error("no parameter spec " + name);
}

// The query parameters of one request, checked against the route's names, read with the table above.
class Params : public ParamReader {
 public:
  Params(const Request& req, const std::vector<std::string>& accepted) : ParamReader(req, accepted, param_specs()) {}
};

std::int64_t path_id(const Request& req) {
  const std::string text = req.matches[1].str();
  std::size_t used = 0;
  long long id = 0;
  bool ok = !text.empty() && text.size() <= 19;
  if (ok) {
    try {
      id = std::stoll(text, &used);
      ok = used == text.size() && id >= 0;
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok) {
    throw ParameterError(ProblemKind::InvalidValue, "id", request_message(req, "problem.expected.non_negative_integer"),
                         fmt::format("invalid id '{}': expected a non-negative integer", text));
  }
  return id;
}

const std::vector<std::string> kSearchParams = {
    "q",           "prefix",    "sort",         "page",         "per_page",
    "max_minutes", "max_steps", "min_calories", "max_calories", "min_rating",
    "min_ratings", "tags",      "exclude_tags", "ingredients",  "exclude_ingredients"};
const std::vector<std::string> kReviewParams = {"page", "per_page"};
const std::vector<std::string> kPantryParams = {"have", "staples", "exclude", "max_minutes", "page", "per_page"};
const std::vector<std::string> kCompleteParams = {"prefix", "limit"};
const std::vector<std::string> kNoParams;

json facet_json(const std::vector<ex::FacetCount>& facets) {
  json out = json::array();
  for (const auto& f : facets) out.push_back({{"value", f.value}, {"count", f.count}});
  return out;
}

const char* kind_name(ex::MatchKind kind) {
  switch (kind) {
    case ex::MatchKind::Exact: return "exact";
    case ex::MatchKind::Stem: return "stem";
    case ex::MatchKind::Prefix: return "prefix";
    case ex::MatchKind::Typo: return "typo";
  }
  return "typo";
}

// UTF-16 code units of text's first `bytes` bytes: the page slices JavaScript strings, which count so.
std::size_t utf16_units(std::string_view text, std::size_t bytes) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < bytes && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;        // a 4-byte sequence is a surrogate pair
  }
  return units;
}

// Byte ranges of matched words in text (ex::match_ranges) as [start, end) UTF-16 offsets: the page wraps
// them in <mark> elements built as DOM text nodes, so a name or a snippet is never parsed as markup.
json highlight_json(std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  json out = json::array();
  for (const auto& [begin, end] : ranges)
    out.push_back(json::array({utf16_units(text, begin), utf16_units(text, end)}));
  return out;
}

json search_words_json(const ex::SearchResult& result) {
  json words = json::array();
  for (const auto& w : result.words) {
    json matches = json::array();
    for (const auto& [term, kind] : w.matches) matches.push_back({{"term", term}, {"kind", kind_name(kind)}});
    words.push_back({{"word", w.word}, {"matches", matches}, {"suggestions", w.suggestions}});
  }
  return words;
}

json search_hit_json(const ex::ExplorerIndex& index, const ex::SearchResult& result, const ex::SearchHit& hit) {
  json item = ex::recipe_summary(index, hit.doc);
  item["score"] = hit.score;
  const auto& name = item["name"].get_ref<const std::string&>();
  item["name_highlights"] = highlight_json(name, ex::match_ranges(name, result.words));
  // Only the page's hits get a snippet: a few microseconds each, never per match.
  const auto snippet = ex::recipe_snippet(index, hit.doc, result.words);
  item["snippet"] = snippet.snippet.text;
  item["snippet_highlights"] = highlight_json(snippet.snippet.text, snippet.snippet.ranges);
  item["snippet_source"] = snippet.source == ex::SnippetSource::Tags ? "tags" : "ingredients";
  json left_out = json::array();
  for (std::size_t w = 0; w < result.words.size() && w < 64; ++w) {
    if (((hit.held_words >> w) & 1U) == 0) left_out.push_back(result.words[w].word);
  }
  item["left_out"] = left_out;
  return item;
}

ex::SortOrder sort_order(const std::string& name) {
  if (name == "rating") return ex::SortOrder::Rating;
  if (name == "popularity") return ex::SortOrder::Popularity;
  if (name == "newest") return ex::SortOrder::Newest;
  return ex::SortOrder::Relevance;
}

void get_search(const Request& req, Response& res, const DataService& data) {
  const Params params(req, kSearchParams);
  const auto start = std::chrono::steady_clock::now();
  ex::SearchQuery query;
  query.text = params.text("q", "q");
  query.last_word_is_prefix = params.boolean("prefix", true);
  const std::string sort = params.choice("sort");
  query.sort = sort_order(sort);
  const auto page = static_cast<std::size_t>(params.integer("page").value_or(1));
  const auto per_page = static_cast<std::size_t>(params.integer("per_page").value_or(20));
  query.offset = (page - 1) * per_page;
  query.limit = per_page;
  query.max_minutes = params.integer("max_minutes");
  query.max_steps = params.integer("max_steps");
  query.min_calories = params.number("min_calories");
  query.max_calories = params.number("max_calories");
  if (query.min_calories && query.max_calories && *query.min_calories > *query.max_calories)
    params.fail("max_calories", params.raw("max_calories") ? *params.raw("max_calories") : "");
  query.min_rating = params.number("min_rating");
  query.min_ratings = params.integer("min_ratings").value_or(0);
  query.tags = params.list("tags").value_or(std::vector<std::string>{});
  query.exclude_tags = params.list("exclude_tags").value_or(std::vector<std::string>{});
  query.ingredients = params.list("ingredients").value_or(std::vector<std::string>{});
  query.exclude_ingredients = params.list("exclude_ingredients").value_or(std::vector<std::string>{});
  const auto dataset = data.dataset();
  const auto& index = dataset->explorer();
  const auto cached = index.search_cache().get(index, query);
  const auto& result = *cached;
  json results = json::array();
  for (const auto& hit : result.hits) results.push_back(search_hit_json(index, result, hit));
  json translations = json::array();
  for (const auto& t : result.translations) translations.push_back({{"from", t.from}, {"to", t.to}});
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  json body = {{"q", query.text},
               {"sort", sort},
               {"page", page},
               {"per_page", per_page},
               {"total", result.total},
               {"partial", result.partial},
               {"translations", translations},
               {"results", results},
               {"words", search_words_json(result)},
               {"facets",
                {{"tags", facet_json(result.tag_facets)},
                 {"ingredients", facet_json(result.ingredient_facets)},
                 {"minutes", facet_json(result.minutes_facets)},
                 {"calories", facet_json(result.calories_facets)},
                 {"rating", facet_json(result.rating_facets)}}},
               {"adjusted_rating", {{"prior_mean", index.prior_mean()}, {"prior_weight", ex::kPriorWeight}}},
               {"took_ms", ms}};
  if (result.facets_sampled) {
    // Tag and ingredient counts are scaled from a sample: say how large and how far off they may be.
    body["facets_sampled"] = true;
    body["facets_sample_size"] = result.facet_sample_size;
    body["facets_margin"] = std::ceil(result.facet_margin);
  }
  send_json(req, res, 200, body);
}

void get_recipe(const Request& req, Response& res, const DataService& data) {
  checked_params(req, kNoParams);
  const auto id = path_id(req);
  const auto dataset = data.dataset();
  auto connection = dataset->connect();
  send_json(req, res, 200, ex::recipe_page(*connection, dataset->explorer(), id));
}

void get_reviews(const Request& req, Response& res, const DataService& data) {
  const Params params(req, kReviewParams);
  const auto id = path_id(req);
  const auto page = static_cast<std::size_t>(params.integer("page").value_or(1));
  const auto per_page = static_cast<std::size_t>(params.integer("per_page").value_or(10));
  const auto dataset = data.dataset();
  auto connection = dataset->connect();
  send_json(req, res, 200, ex::recipe_reviews(*connection, dataset->explorer(), id, page, per_page));
}

void get_pantry(const Request& req, Response& res, const DataService& data) {
  const Params params(req, kPantryParams);
  ex::PantryQuery query;
  query.have = params.list("have").value_or(std::vector<std::string>{});
  query.staples = params.list("staples").value_or(ex::default_staples());
  if (query.staples == std::vector<std::string>{"none"}) query.staples.clear();
  query.exclude = params.list("exclude").value_or(std::vector<std::string>{});
  query.max_minutes = params.integer("max_minutes");
  const auto page = static_cast<std::size_t>(params.integer("page").value_or(1));
  const auto per_page = static_cast<std::size_t>(params.integer("per_page").value_or(20));
  query.offset = (page - 1) * per_page;
  query.limit = per_page;
  const auto dataset = data.dataset();
  const auto& index = dataset->explorer();
  const auto result = ex::what_can_i_cook(index, query);
  json results = json::array();
  for (const auto& hit : result.hits) {
    json item = ex::recipe_summary(index, hit.doc);
    item["coverage"] = hit.coverage;
    item["rating_used"] = hit.rating;
    item["uses"] = hit.uses;
    item["missing"] = hit.missing;
    results.push_back(std::move(item));
  }
  json translations = json::array();
  for (const auto& [from, to] : result.translations) translations.push_back({{"from", from}, {"to", to}});
  send_json(req, res, 200,
            {{"have", query.have},
             {"staples", query.staples},
             {"exclude", query.exclude},
             {"max_minutes", query.max_minutes ? json(*query.max_minutes) : json()},
             {"page", page},
             {"per_page", per_page},
             {"total", result.total},
             {"unknown", result.unknown},
             {"translations", translations},
             {"results", results}});
}

// Ingredient or tag names starting with the prefix; for ingredients (index given), French names of the
// lexicon too, each with the English word it searches.
void send_completions(const data::Vocabulary& vocabulary, const ex::ExplorerIndex* french_index, const Request& req,
                      Response& res) {
  const Params params(req, kCompleteParams);
  std::string prefix = params.text("prefix", "prefix_text");
  for (auto& ch : prefix) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  prefix = ex::clean_spaces(prefix);
  const auto limit = static_cast<std::size_t>(params.integer("limit").value_or(10));
  json items = json::array();
  for (const auto& [item, count] : ex::complete_items(vocabulary, prefix, limit))
    items.push_back({{"value", item}, {"recipes", count}});
  json body = {{"prefix", prefix}, {"items", items}};
  if (french_index != nullptr) {
    json french = json::array();
    if (!prefix.empty()) {
      for (const auto& c : ex::complete_french_ingredients(*french_index, prefix, limit))
        french.push_back({{"value", c.french}, {"english", c.english}, {"recipes", c.recipes}});
    }
    body["french"] = french;
  }
  send_json(req, res, 200, body);
}

void get_ingredients(const Request& req, Response& res, const DataService& data) {
  const auto dataset = data.dataset();
  send_completions(dataset->explorer().corpus().ingredients, &dataset->explorer(), req, res);
}

void get_tags(const Request& req, Response& res, const DataService& data) {
  send_completions(data.dataset()->explorer().corpus().tags, nullptr, req, res);
}

void get_contributor(const Request& req, Response& res, const DataService& data) {
  checked_params(req, kNoParams);
  const auto id = path_id(req);
  const auto dataset = data.dataset();
  auto connection = dataset->connect();
  send_json(req, res, 200, ex::contributor_page(*connection, dataset->explorer(), id));
}

void get_user(const Request& req, Response& res, const DataService& data) {
  checked_params(req, kNoParams);
  const auto id = path_id(req);
  const auto dataset = data.dataset();
  auto connection = dataset->connect();
  send_json(req, res, 200, ex::user_page(*connection, dataset->explorer(), id));
}

}  // namespace

std::shared_ptr<const ex::ExplorerIndex> load_explorer_index(const db::Database& database) {
  const auto start = std::chrono::steady_clock::now();
  auto corpus = data::load_recipe_corpus(database);
  const auto loaded = std::chrono::steady_clock::now();
  auto index = std::make_shared<const ex::ExplorerIndex>(std::move(corpus));
  const auto built = std::chrono::steady_clock::now();
#ifdef __GLIBC__
  // The load and the build free far more than the index keeps; hand it back to the system now, or the
  // server's resident size carries it for its whole life.
  malloc_trim(0);
#endif
  spdlog::info("explorer index: {} recipes, {} words, read in {:.0f} ms, built in {:.0f} ms", index->size(),
               index->terms().size(), std::chrono::duration<double, std::milli>(loaded - start).count(),
               std::chrono::duration<double, std::milli>(built - loaded).count());
  return index;
}

std::vector<RouteSpec> with_explorer_routes(std::vector<RouteSpec> routes) {
  const std::vector<RouteSpec> mine = {
      {"GET", "/api/v1/search", "/api/v1/search", "Search recipes: ranked words, filters, facets, sort orders",
       "explorer", kSearchParams, api::takes<get_search>},
      {"GET", "/api/v1/recipes/{id}", "/api/v1/recipes/([^/]+)",
       "One recipe: text, nutrition, percentiles, ratings, similar recipes", "explorer", kNoParams,
       api::takes<get_recipe>},
      {"GET", "/api/v1/recipes/{id}/reviews", "/api/v1/recipes/([^/]+)/reviews",
       "A recipe's reviews, newest first, paged", "explorer", kReviewParams, api::takes<get_reviews>},
      {"GET", "/api/v1/pantry", "/api/v1/pantry", "What can I cook: recipes ranked by the ingredients the reader has",
       "explorer", kPantryParams, api::takes<get_pantry>},
      {"GET", "/api/v1/ingredients", "/api/v1/ingredients", "Ingredient names for autocompletion", "explorer",
       kCompleteParams, api::takes<get_ingredients>},
      {"GET", "/api/v1/tags", "/api/v1/tags", "Tag names for autocompletion", "explorer", kCompleteParams,
       api::takes<get_tags>},
      {"GET", "/api/v1/contributors/{id}", "/api/v1/contributors/([^/]+)",
       "A contributor: recipes over time, ratings received, best recipes", "explorer", kNoParams,
       api::takes<get_contributor>},
      {"GET", "/api/v1/users/{id}", "/api/v1/users/([^/]+)", "A user: ratings over time, strictness, favourite tags",
       "explorer", kNoParams, api::takes<get_user>},
  };
  routes.insert(routes.end(), mine.begin(), mine.end());
  return routes;
}

namespace {

json typed(const char* type, const char* description) {
  return {{"type", type}, {"description", description}};
}

json array_of(json items, const char* description) {
  return {{"type", "array"}, {"items", std::move(items)}, {"description", description}};
}

// An object schema; every property is required but those marked by optional().
json object_of(json properties, const char* description = nullptr) {
  json required = json::array();
  for (auto& [name, schema] : properties.items()) {
    if (schema.contains("x-optional"))
      schema.erase("x-optional");
    else
      required.push_back(name);
  }
  json out = {{"type", "object"}, {"properties", std::move(properties)}, {"required", required}};
  if (description != nullptr) out["description"] = description;
  return out;
}

// A property that may be absent (object_of leaves it out of required).
json optional(json schema) {
  schema["x-optional"] = true;
  return schema;
}

// A property whose value may be null.
json nullable(json schema) {
  schema["nullable"] = true;
  return schema;
}

json ranges_schema(const char* of) {
  return array_of({{"type", "array"}, {"items", {{"type", "integer"}}}, {"minItems", 2}, {"maxItems", 2}}, of);
}

// One result of GET /api/v1/search: the recipe summary, its score, and what the query matched in it.
json search_result_schema() {
  return object_of({
      {"id", typed("integer", "Recipe id")},
      {"name", typed("string", "Name, whitespace collapsed")},
      {"minutes", nullable(typed("integer", "Preparation time, minutes (null when unknown)"))},
      {"n_steps", nullable(typed("integer", "Steps (null when unknown)"))},
      {"n_ingredients", typed("integer", "Distinct ingredients")},
      {"calories", nullable(typed("number", "kcal (null when unknown)"))},
      {"submitted", nullable(typed("string", "Submission date, YYYY-MM-DD (null when unknown)"))},
      {"contributor_id", typed("integer", "Contributor id")},
      {"ratings", typed("integer", "Clean ratings (1-5 stars)")},
      {"interactions", typed("integer", "Ratings and reviews")},
      {"mean_rating", nullable(typed("number", "Mean clean rating (null when unrated)"))},
      {"adjusted_rating", nullable(typed("number", "Bayesian adjusted rating (null when unrated)"))},
      {"score", typed("number", "Summed BM25 of the query words (0 without words)")},
      {"name_highlights", ranges_schema("Matched words of name: [start, end) in UTF-16 code units")},
      {"snippet",
       typed("string",
             "At most 160 characters of the recipe's ingredients (else tags) around the first matched word, cut on "
             "word boundaries, an ellipsis (U+2026) where cut; the beginning of the ingredients when no word of "
             "them or of the tags matched")},
      {"snippet_highlights", ranges_schema("Matched words of snippet: [start, end) in UTF-16 code units")},
      {"snippet_source",
       {{"type", "string"}, {"enum", {"ingredients", "tags"}}, {"description", "What the snippet is cut from"}}},
      {"left_out", array_of({{"type", "string"}}, "Query words this result does not hold (partial matches)")},
  });
}

json facet_list_schema(const char* description) {
  return array_of(object_of({{"value", typed("string", "Facet value")}, {"count", typed("integer", "Results")}}),
                  description);
}

json search_response_schema() {
  json words = object_of({
      {"word", typed("string", "Query word, folded (English after translation)")},
      {"matches", array_of(object_of({{"term", typed("string", "Index word")},
                                      {"kind",
                                       {{"type", "string"},
                                        {"enum", {"exact", "stem", "prefix", "typo"}},
                                        {"description", "How it matched"}}}}),
                           "Index words the word stands for")},
      {"suggestions", array_of({{"type", "string"}}, "Did you mean: index words within two edits")},
  });
  json schema = object_of({
      {"q", typed("string", "The query")},
      {"sort", typed("string", "Sort order")},
      {"page", typed("integer", "Page, from 1")},
      {"per_page", typed("integer", "Results per page")},
      {"total", typed("integer", "Recipes matching")},
      {"partial", typed("boolean", "True when the results hold only some of the words")},
      {"translations", array_of(object_of({{"from", typed("string", "French")}, {"to", typed("string", "English")}}),
                                "French words searched as their English equivalent")},
      {"results", array_of(search_result_schema(), "The page of results")},
      {"words", array_of(words, "How each query word was read")},
      {"facets", object_of({{"tags", facet_list_schema("Top 15 tags")},
                            {"ingredients", facet_list_schema("Top 15 ingredients")},
                            {"minutes", facet_list_schema("0-15, 16-30, 31-60, 61-120, 121+")},
                            {"calories", facet_list_schema("0-199, 200-399, 400-599, 600-799, 800+")},
                            {"rating", facet_list_schema(">=4.5, >=4, >=3, unrated")}},
                           "Counts over the filtered results")},
      {"adjusted_rating",
       object_of({{"prior_mean", typed("number", "Mean of every clean rating")},
                  {"prior_weight", typed("number", "Ratings at the prior mean added to each recipe's")}})},
      {"took_ms", typed("number", "Server time, milliseconds")},
      {"facets_sampled",
       optional(typed("boolean", "Present (true) when tag and ingredient counts are estimated from a sample"))},
      {"facets_sample_size", optional(typed("integer", "Results the estimated counts were counted on (4000)"))},
      {"facets_margin",
       optional(
           typed("number", "95 % margin of an estimated count, in recipes, rounded up: 1.96·M·√(¼/n·(M−n)/(M−1))"))},
  });
  return schema;
}

}  // namespace

json explorer_openapi_response(const std::string& path) {
  if (path != "/api/v1/search") return nullptr;
  return search_response_schema();
}

json explorer_openapi_parameters(const std::string& path) {
  json out = json::array();
  for (const auto& route : with_explorer_routes({})) {
    if (route.path != path) continue;
    if (path.find("{id}") != std::string::npos) {
      out.push_back({{"name", "id"},
                     {"in", "path"},
                     {"required", true},
                     {"description", "Numeric id"},
                     {"schema", {{"type", "integer"}, {"minimum", 0}}}});
    }
    for (const auto& name : route.query) {
      out.push_back(
          openapi_parameter(spec_of(name == "prefix" && route.path != "/api/v1/search" ? "prefix_text" : name), name));
    }
  }
  return out;
}

}  // namespace mtm::server
