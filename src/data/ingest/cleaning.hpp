// The seed's cleaning rules on recipes, applied in SQL: each rule's kept count goes to ingest_report and
// is_clean ends true only for rows that pass every rule.
#pragma once

#include <vector>

#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "data/ingest/recipes_loader.hpp"
#include "data/ingest/schema.hpp"

namespace mtm::data::ingest {

std::vector<ReportRow> clean_recipes(db::Connection& con, const IngestOptions& options, const RecipesResult& r);

}  // namespace mtm::data::ingest
