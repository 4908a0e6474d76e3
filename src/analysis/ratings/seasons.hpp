// What the two season analyses share: the years of the selection that the data covers only in part.
#pragma once

#include <vector>

#include "analysis/filters.hpp"
#include "analysis/report.hpp"
#include "data/duckdb.hpp"

namespace mtm::analysis::ratings {

/// First and last years of the rated data in scope when less than 95 % of them lies inside the data.
std::vector<int> partial_years(db::Connection& con, const Filters& f);
/// The "partial_years" field and its sentence (nothing when there are none).
void say_partial_years(Report& report, const std::vector<int>& years);

}  // namespace mtm::analysis::ratings
