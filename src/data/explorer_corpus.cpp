#include "data/explorer_corpus.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <numeric>
#include <string_view>
#include <thread>

#include "core/errors.hpp"
#include "data/string_numbers.hpp"

namespace mtm::data {

namespace {

// Maps recipe ids to doc numbers (positions in the sorted ids). Recipe ids are small numbers (< 600k
// for 231k recipes): a dense array indexed by id answers each of the ~7 M item and interaction rows with
// one load. Ids spread too far for that (never in an ingested Food.com database) fall back to bisection.
class DocIndex {
 public:
  static constexpr std::uint32_t kNoDoc = std::numeric_limits<std::uint32_t>::max();

  explicit DocIndex(const std::vector<std::int64_t>& ids) : ids_(ids) {
    if (ids.empty() || ids.front() < 0) return;
    // At most 16 slots a recipe: 4 bytes each, so never more than 64 bytes of memory a recipe.
    const auto span = static_cast<std::uint64_t>(ids.back()) + 1;
    if (span > 16 * static_cast<std::uint64_t>(ids.size()) + 4096) return;
    dense_.assign(span, kNoDoc);
    // The first doc of a repeated id, as bisection would find it.
    for (auto doc = static_cast<std::uint32_t>(ids.size()); doc-- > 0;)
      dense_[static_cast<std::size_t>(ids[doc])] = doc;
  }
  /// kNoDoc for an id that is not a recipe (an orphan row).
  [[nodiscard]] std::uint32_t operator()(std::int64_t id) const {
    if (!dense_.empty()) {
      return id >= 0 && static_cast<std::uint64_t>(id) < dense_.size() ? dense_[static_cast<std::size_t>(id)] : kNoDoc;
    }
    const auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (it == ids_.end() || *it != id) return kNoDoc;
    return static_cast<std::uint32_t>(it - ids_.begin());
  }

 private:
  const std::vector<std::int64_t>& ids_;
  BigVector<std::uint32_t> dense_;
};

// The first and last 8 bytes and the length, mixed: items are short and few, so this tells them apart well
// enough for a table at most half full, for a fraction of the time of a hash over every byte.
struct ItemHash {
  std::uint64_t operator()(std::string_view text) const noexcept {
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    const std::size_t n = text.size();
    if (n >= sizeof head) {
      std::memcpy(&head, text.data(), sizeof head);
      std::memcpy(&tail, text.data() + n - sizeof tail, sizeof tail);
    } else if (n > 0) {
      std::memcpy(&head, text.data(), n);
    }
    std::uint64_t hash = head * 0x9E3779B97F4A7C15ULL ^ (tail + n) * 0xC2B2AE3D27D4EB4FULL;
    hash ^= hash >> 32;
    hash *= 0xD6E8FEB86659FD93ULL;
    return hash ^ (hash >> 29);
  }
};

// (recipe id, item number) rows of one item table, before the recipe ids are known as docs.
struct ItemRows {
  Vocabulary vocabulary;
  BigVector<std::int64_t> recipe_ids;
  BigVector<std::uint32_t> items;
};

ItemRows read_items(db::Connection& connection, const std::string& table, const std::string& column) {
  // table and column are fixed identifiers chosen by this file, never user input. The tables hold one row
  // per recipe and distinct item (docs/data-model.md). A plain scan, the items numbered here: a join
  // against a numbered vocabulary inside DuckDB took twice the time of the scan.
  ItemRows rows;
  StringNumbers<ItemHash> numbers(std::size_t{1} << 10);
  std::vector<std::uint32_t> counts;
  // The row count first (DuckDB keeps it, no scan): the row arrays are sized once instead of growing.
  const auto count = connection.query(fmt::format("SELECT count(*)::BIGINT FROM {0}", table)).scalar();
  const auto n_rows = static_cast<std::size_t>(std::max<std::int64_t>(0, std::get<std::int64_t>(count)));
  rows.recipe_ids.reserve(n_rows);
  rows.items.reserve(n_rows);
  auto scan = connection.stream(fmt::format("SELECT recipe_id::BIGINT, {1} FROM {0}", table, column));
  while (auto chunk = scan.next_chunk()) {
    const auto ids = chunk->column<std::int64_t>(0);
    const auto items = chunk->strings(1);
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      if (!items.valid(row)) continue;
      const auto item = numbers.id(items[row]);
      if (item == counts.size()) counts.push_back(0);
      // Every row with an item counts, as a GROUP BY of the table would (orphan rows included).
      ++counts[item];
      if (!ids.valid(row)) continue;
      rows.recipe_ids.push_back(ids[row]);
      rows.items.push_back(item);
    }
  }
  // Items numbered in sorted order, so that a vocabulary can be searched by bisection.
  auto& strings = numbers.strings();
  std::vector<std::uint32_t> order(strings.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return strings[a] < strings[b]; });
  std::vector<std::uint32_t> renumbered(strings.size());
  rows.vocabulary.items.reserve(strings.size());
  rows.vocabulary.recipe_counts.reserve(strings.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    renumbered[order[i]] = i;
    rows.vocabulary.items.push_back(std::move(strings[order[i]]));
    rows.vocabulary.recipe_counts.push_back(counts[order[i]]);
  }
  for (auto& item : rows.items) item = renumbered[item];
  return rows;
}

// Per-doc sorted distinct item lists from the rows, by two counting sorts: rows grouped by item, then
// items appended to their docs in item order, so each doc's list comes out sorted without a sort. Item is
// the type of an item number; kind names the items in the error when there are more than it can number.
template <typename Item>
FlatLists<Item> item_lists(ItemRows& rows, const std::vector<std::int64_t>& ids, const DocIndex& find,
                           std::string_view kind) {
  const std::size_t n_items = rows.vocabulary.items.size();
  constexpr std::size_t kMaxItems = std::size_t{std::numeric_limits<Item>::max()} + 1;
  if (n_items > kMaxItems)
    throw DatabaseError(fmt::format("{} distinct {}: the explorer numbers them in {} bits, at most {}", n_items, kind,
                                    8 * sizeof(Item), kMaxItems));
  std::vector<std::uint32_t> item_starts(n_items + 1, 0);
  // The doc of each row, or kNoDoc for an orphan row.
  constexpr std::uint32_t kNoDoc = DocIndex::kNoDoc;
  BigVector<std::uint32_t> docs(rows.items.size());
  for (std::size_t k = 0; k < rows.items.size(); ++k) {
    const auto doc = find(rows.recipe_ids[k]);
    docs[k] = doc;
    if (doc != kNoDoc) ++item_starts[rows.items[k] + 1];
  }
  rows.recipe_ids = BigVector<std::int64_t>();  // not `= {}`, which keeps the capacity
  for (std::size_t i = 0; i < n_items; ++i) item_starts[i + 1] += item_starts[i];
  BigVector<std::uint32_t> docs_by_item(item_starts[n_items]);
  BigVector<std::uint32_t> doc_counts(ids.size() + 1, 0);
  {
    std::vector<std::uint32_t> next(item_starts.begin(), item_starts.end() - 1);
    for (std::size_t k = 0; k < rows.items.size(); ++k) {
      const auto doc = docs[k];
      if (doc == kNoDoc) continue;
      docs_by_item[next[rows.items[k]]++] = doc;
      ++doc_counts[doc + 1];
    }
  }
  rows.items = BigVector<std::uint32_t>();
  docs.clear();
  docs.shrink_to_fit();
  FlatLists<Item> lists;
  lists.starts = std::move(doc_counts);
  for (std::size_t d = 0; d < ids.size(); ++d) lists.starts[d + 1] += lists.starts[d];
  lists.values.resize(docs_by_item.size());
  std::vector<std::uint32_t> next(lists.starts.begin(), lists.starts.end() - 1);
  for (std::uint32_t item = 0; item < n_items; ++item) {
    for (std::uint32_t k = item_starts[item]; k < item_starts[item + 1]; ++k) {
      lists.values[next[docs_by_item[k]]++] = static_cast<Item>(item);
    }
  }
  // A repeated (recipe, item) row would show as the same item twice in a row: keep it once.
  std::uint32_t out = 0;
  for (std::size_t d = 0; d < ids.size(); ++d) {
    const std::uint32_t begin = lists.starts[d];
    const std::uint32_t end = lists.starts[d + 1];
    lists.starts[d] = out;
    for (std::uint32_t k = begin; k < end; ++k) {
      if (k == begin || lists.values[k] != lists.values[k - 1]) lists.values[out++] = lists.values[k];
    }
  }
  lists.starts[ids.size()] = out;
  lists.values.resize(out);
  lists.values.shrink_to_fit();
  return lists;
}

// The interactions one row each (1.1 M at full scale), summed per recipe once the docs are known: a
// GROUP BY inside DuckDB took longer than the scan and this sum together.
struct RatingRows {
  BigVector<std::int64_t> recipe_ids;
  // The rating when the interaction is a clean rating (1-5 with a date), kNotClean otherwise.
  BigVector<std::int32_t> clean_ratings;
};
constexpr std::int32_t kNotClean = std::numeric_limits<std::int32_t>::min();

RatingRows read_ratings(db::Connection& connection) {
  RatingRows rows;
  const auto count = connection.query("SELECT count(*)::BIGINT FROM interactions").scalar();
  const auto n_rows = static_cast<std::size_t>(std::max<std::int64_t>(0, std::get<std::int64_t>(count)));
  rows.recipe_ids.reserve(n_rows);
  rows.clean_ratings.reserve(n_rows);
  auto ratings = connection.stream(
      "SELECT recipe_id::BIGINT, (CASE WHEN is_clean THEN coalesce(rating, 0) END)::INTEGER FROM "
      "interactions WHERE recipe_id IS NOT NULL");
  while (auto chunk = ratings.next_chunk()) {
    const auto ids = chunk->column<std::int64_t>(0);
    const auto clean = chunk->column<std::int32_t>(1);
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      rows.recipe_ids.push_back(ids[row]);
      rows.clean_ratings.push_back(clean.valid(row) ? clean[row] : kNotClean);
    }
  }
  return rows;
}

void read_recipes(db::Connection& connection, RecipeCorpus& corpus) {
  // The ids in stored order first (with the text sizes, so the buffers are sized once): sorted here, they
  // give each row its doc, and the second read writes every row straight to its place. An ORDER BY id
  // would make DuckDB materialise and sort every name and description, twice the time of the scan on a
  // cold start; this first read also brings the table's blocks into DuckDB's cache for the second.
  std::vector<std::int64_t> stored_ids;
  std::size_t name_bytes = 0;
  std::size_t description_bytes = 0;
  auto sizes = connection.stream(
      "SELECT id::BIGINT, coalesce(strlen(name), 0)::BIGINT, coalesce(strlen(description), 0)::BIGINT FROM recipes");
  while (auto chunk = sizes.next_chunk()) {
    const auto ids = chunk->column<std::int64_t>(0);
    const auto names = chunk->column<std::int64_t>(1);
    const auto descriptions = chunk->column<std::int64_t>(2);
    for (std::size_t row = 0; row < chunk->size(); ++row) {
      stored_ids.push_back(ids.valid(row) ? ids[row] : std::numeric_limits<std::int64_t>::min());
      name_bytes += static_cast<std::size_t>(names[row]);
      description_bytes += static_cast<std::size_t>(descriptions[row]);
    }
  }
  const std::size_t n = stored_ids.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return stored_ids[a] < stored_ids[b]; });
  std::vector<std::uint32_t> doc_of_row(n);
  corpus.ids.resize(n);
  for (std::uint32_t doc = 0; doc < n; ++doc) {
    doc_of_row[order[doc]] = doc;
    corpus.ids[doc] = stored_ids[order[doc]];
  }
  order = std::vector<std::uint32_t>();
  corpus.names.assign(n, name_bytes);
  corpus.descriptions.assign(n, description_bytes);
  corpus.minutes.resize(n);
  corpus.n_steps.resize(n);
  corpus.calories.resize(n);
  corpus.complexity.resize(n);
  corpus.submitted.resize(n);
  corpus.contributor_ids.resize(n);

  auto recipes = connection.stream(
      "SELECT id::BIGINT, name, description, minutes::BIGINT, n_steps::BIGINT, calories::DOUBLE, "
      "complexity::DOUBLE, submitted::DATE, contributor_id::BIGINT FROM recipes");
  const double nan = std::nan("");
  std::size_t stored = 0;
  while (auto chunk = recipes.next_chunk()) {
    const auto ids = chunk->column<std::int64_t>(0);
    const auto names = chunk->strings(1);
    const auto descriptions = chunk->strings(2);
    const auto minutes = chunk->column<std::int64_t>(3);
    const auto steps = chunk->column<std::int64_t>(4);
    const auto calories = chunk->column<double>(5);
    const auto complexity = chunk->column<double>(6);
    const auto submitted = chunk->column<std::int32_t>(7);
    const auto contributors = chunk->column<std::int64_t>(8);
    for (std::size_t row = 0; row < chunk->size(); ++row, ++stored) {
      const std::int64_t id = ids.valid(row) ? ids[row] : std::numeric_limits<std::int64_t>::min();
      // Both reads see the rows in the same stored order; should they not, the id's sorted place is found.
      std::size_t doc = stored < n ? doc_of_row[stored] : n;
      if (doc >= n || corpus.ids[doc] != id) {
        const auto at = std::lower_bound(corpus.ids.begin(), corpus.ids.end(), id);
        if (at == corpus.ids.end() || *at != id) throw DatabaseError("the recipes table changed while it was read");
        doc = static_cast<std::size_t>(at - corpus.ids.begin());
      }
      corpus.names.set(doc, names.valid(row) ? names[row] : std::string_view());
      corpus.descriptions.set(doc, descriptions.valid(row) ? descriptions[row] : std::string_view());
      corpus.minutes[doc] = minutes.valid(row) ? minutes[row] : RecipeCorpus::kMissing;
      corpus.n_steps[doc] = steps.valid(row) ? steps[row] : RecipeCorpus::kMissing;
      corpus.calories[doc] = calories.valid(row) ? calories[row] : nan;
      corpus.complexity[doc] = complexity.valid(row) ? complexity[row] : nan;
      corpus.submitted[doc] = submitted.valid(row) ? submitted[row] : std::numeric_limits<std::int32_t>::min();
      corpus.contributor_ids[doc] = contributors.valid(row) ? contributors[row] : RecipeCorpus::kMissing;
    }
  }
}

}  // namespace

RecipeCorpus load_recipe_corpus(const db::Database& database) {
  RecipeCorpus corpus;
  ItemRows ingredients;
  ItemRows tags;
  RatingRows ratings;
  // The recipes on this thread while another, with its own connection (DuckDB connections are not shared
  // between threads), reads the other tables; whichever thread is free first takes the next of those, so
  // neither waits long for the other. The rows of the other tables wait for the ids to become docs.
  std::atomic<int> next_table{0};
  const auto read_others = [&](db::Connection& connection) {
    for (int table = next_table++; table < 3; table = next_table++) {
      if (table == 0) ingredients = read_items(connection, "recipe_ingredients", "ingredient");
      if (table == 1) tags = read_items(connection, "recipe_tags", "tag");
      if (table == 2) ratings = read_ratings(connection);
    }
  };
  std::exception_ptr failure;
  std::thread others([&] {
    try {
      auto connection = database.connect();
      read_others(connection);
    } catch (...) {
      // The load fails anyway: the other thread stops after its current table.
      next_table = 3;
      failure = std::current_exception();
    }
  });
  try {
    auto connection = database.connect();
    read_recipes(connection, corpus);
    read_others(connection);
  } catch (...) {
    next_table = 3;
    others.join();
    throw;
  }
  others.join();
  if (failure) std::rethrow_exception(failure);

  const std::size_t n = corpus.size();
  const DocIndex docs(corpus.ids);
  corpus.recipe_ingredients = item_lists<std::uint32_t>(ingredients, corpus.ids, docs, "ingredients");
  corpus.ingredients = std::move(ingredients.vocabulary);
  corpus.recipe_tags = item_lists<TagNumber>(tags, corpus.ids, docs, "tags");
  corpus.tags = std::move(tags.vocabulary);
  corpus.rating_counts.assign(n, 0);
  corpus.rating_sums.assign(n, 0);
  corpus.interaction_counts.assign(n, 0);
  for (std::size_t k = 0; k < ratings.recipe_ids.size(); ++k) {
    const auto doc = docs(ratings.recipe_ids[k]);
    if (doc == DocIndex::kNoDoc) continue;
    ++corpus.interaction_counts[doc];
    const auto rating = ratings.clean_ratings[k];
    if (rating == kNotClean) continue;
    ++corpus.rating_counts[doc];
    corpus.rating_sums[doc] += static_cast<std::uint32_t>(rating);
  }
  return corpus;
}

}  // namespace mtm::data
