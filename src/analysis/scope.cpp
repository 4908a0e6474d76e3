#include "analysis/scope.hpp"

namespace mtm::analysis {

std::string scope_predicate(const std::string& alias) {
  const std::string a = alias.empty() ? "" : alias + ".";
  return "(" + a + "year BETWEEN ? AND ? AND list_contains(CAST(? AS VARCHAR[]), " + a +
         "season) AND list_contains(CAST(? AS INTEGER[]), " + a + "weekday) AND (" + a + "is_clean OR NOT ?))";
}

std::size_t bind_scope(db::PreparedStatement& statement, std::size_t first, const Filters& filters) {
  std::vector<std::string> days;
  for (int d : filters.selected_days()) days.push_back(std::to_string(d));
  statement.bind(first, filters.year_from)
      .bind(first + 1, filters.year_to)
      .bind(first + 2, filters.selected_seasons())
      .bind(first + 3, days)
      .bind(first + 4, filters.clean_only);
  return first + kScopeParameters;
}

}  // namespace mtm::analysis
