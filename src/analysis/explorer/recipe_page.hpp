// The recipe page and its reviews, and the contributor and user pages: database rows and index
// facts (adjusted ratings, percentiles, similar recipes) as JSON documents for the API.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "analysis/explorer/explorer_index.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::explorer {

/// Daily value used for the calories bar (the other nutrients are stored as % of daily value).
inline constexpr double kCaloriesDailyValue = 2000.0;

/// Everything the recipe page shows; throws NotFoundError when there is no such recipe.
nlohmann::json recipe_page(db::Connection& connection, const ExplorerIndex& index, std::int64_t recipe_id);

/// One page of a recipe's reviews, newest first, text HTML-decoded (shown as text by the UI).
nlohmann::json recipe_reviews(db::Connection& connection, const ExplorerIndex& index, std::int64_t recipe_id,
                              std::size_t page, std::size_t per_page);

/// A contributor's recipes per year, the ratings their recipes received and their best recipes.
nlohmann::json contributor_page(db::Connection& connection, const ExplorerIndex& index, std::int64_t contributor_id);

/// A user's ratings per year, their strictness (their rating minus the mean of the other ratings of the
/// same recipe, averaged) and their favourite tags (tags of the recipes they rated 4 or 5).
nlohmann::json user_page(db::Connection& connection, const ExplorerIndex& index, std::int64_t user_id);

/// The short form of a recipe used in lists (search hits, similar recipes, best recipes).
nlohmann::json recipe_summary(const ExplorerIndex& index, std::uint32_t doc);

}  // namespace mtm::analysis::explorer
