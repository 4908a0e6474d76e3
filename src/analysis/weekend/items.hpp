// weekend.ingredients and weekend.tags: which items appear in a different share of weekday and weekend
// recipes (2×2 chi-square with Yates' correction per item frequent enough, Benjamini–Hochberg over the
// tested items, a minimum gap), strongest first in both directions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/filters.hpp"
#include "analysis/items.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::weekend {

struct ItemTest {
  std::string name;
  double weekday = 0, weekend = 0;  ///< recipes containing the item
  double share_weekday = NAN, share_weekend = NAN;
  double chi2 = NAN, p = NAN, p_adjusted = NAN, phi = NAN;
  [[nodiscard]] double diff() const { return share_weekend - share_weekday; }
};

struct ItemsResult {
  double n_weekday = 0, n_weekend = 0;  ///< recipes per period
  std::size_t total_items = 0;          ///< distinct items present in scope
  std::vector<ItemTest> tested;         ///< items with a mean share ≥ min_frequency
  std::vector<ItemTest> passing;        ///< significant after BH with |Δ| ≥ min_difference, strongest first
  double max_phi = 0;                   ///< the largest finite |phi| among passing
};

ItemsResult compute_items(db::Connection& con, const Filters& f, const ItemSource& source);
/// kind: "ingredients" or "tags" (the select key of the page's item words).
nlohmann::json items_view(const ItemsResult& r, const Filters& f, const std::string& id, const std::string& kind);

}  // namespace mtm::analysis::weekend
