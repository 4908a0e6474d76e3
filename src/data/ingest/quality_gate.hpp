// The gate between loading and publishing: a table with more unusable rows than the user accepts (or none
// usable at all) fails the ingest, so a wrong file never replaces a good database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/ingest.hpp"

namespace mtm::data::ingest {

/// The failure text of one table (its problems by kind and first located examples), or nullopt when it passes.
std::optional<std::string> quality_failure(const TableSummary& table, double max_bad_share);

/// Throws DataLoadError describing every failing table; returns when all pass.
void check_row_quality(const std::vector<TableSummary>& tables, double max_bad_share);

}  // namespace mtm::data::ingest
