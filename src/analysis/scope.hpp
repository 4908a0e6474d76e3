// The row selection a Filters value implies, as one fixed SQL predicate with bound values, so every
// analysis filters recipes and interactions the same way and no value is ever pasted into SQL.
#pragma once

#include <string>

#include "analysis/filters.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis {

/// Predicate over a table with columns year, season, weekday, is_clean (recipes or interactions),
/// optionally qualified by an alias ("r." ...). It holds kScopeParameters placeholders.
std::string scope_predicate(const std::string& alias = "");
inline constexpr std::size_t kScopeParameters = 5;

/// Bind the scope's values at positions first .. first + kScopeParameters - 1; returns the next free position.
std::size_t bind_scope(db::PreparedStatement& statement, std::size_t first, const Filters& filters);

}  // namespace mtm::analysis
