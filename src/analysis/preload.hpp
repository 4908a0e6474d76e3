// Loading a database's analysis data (calendar cells, sorted columns, item cells) ahead of the first
// request: each part is otherwise built on first use, which makes the first call of an analysis cost
// 0.1–1.5 s at full scale instead of a few milliseconds.
#pragma once

#include "data/duckdb.hpp"

namespace mtm::analysis {

/// Runs every analysis once with its defaults, so every part any of them reads is loaded and shared by
/// all connections of the database; returns the wall time in milliseconds. Running the analyses rather
/// than listing the parts keeps this complete when an analysis starts reading a new part.
double preload(db::Connection& connection);

}  // namespace mtm::analysis
