// The synthetic Food.com dataset: writes RAW_recipes.csv, RAW_interactions.csv (exact Kaggle format) and
// GENERATED.json into a directory, calibrated to the real data's published facts (calibration.hpp).
// The bytes depend only on (seed, scale), never on the thread count. One call per output directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace mtm::data {

/// What to generate and where.
struct GeneratorOptions {
  std::filesystem::path out_dir;
  double scale = 1.0;  // 0.01 .. 10 times the real row counts (more per year over the same 1999-2018)
  std::uint64_t seed = 42;
  unsigned threads = 0;  // 0: hardware concurrency
};

/// Row counts and timing of one generation.
struct GeneratorSummary {
  std::int64_t recipes = 0;
  std::int64_t interactions = 0;
  std::int64_t users = 0;
  std::int64_t contributors = 0;
  std::int64_t recipe_bytes = 0;
  std::int64_t interaction_bytes = 0;
  double seconds = 0;
};

/// Row counts a given scale produces (the real counts times scale, rounded).
GeneratorSummary planned_counts(double scale);

/// Throws ValidationError naming --scale or --out when options are unusable.
void validate(const GeneratorOptions& options);

/// Generate the three files into options.out_dir (created if missing). Throws DataLoadError on I/O failure.
GeneratorSummary generate(const GeneratorOptions& options);

/// Content of GENERATED.json for these options (the synthetic marker ingest looks for).
std::string generated_marker_json(const GeneratorOptions& options);

}  // namespace mtm::data
