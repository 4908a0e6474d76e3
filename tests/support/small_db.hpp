// A small database file with the full contract schema (tables of docs/data-model.md, dataset_info and
// ingest_report) and a handful of rows whose totals are easy to check by hand. Used by the API tests.
#pragma once

#include <filesystem>

namespace mtm::test {

/// Facts about the rows make_small_api_db() writes, for assertions.
struct SmallDbFacts {
  static constexpr int kRecipes = 8;
  static constexpr int kInteractions = 6;
  static constexpr int kUsers = 4;
  /// Ratings 1-5 with a date: 5, 5, 4, 3, 5 (the 0 is a review without stars).
  static constexpr int kCleanRatings = 5;
  static constexpr double kMeanRating = 22.0 / 5.0;
  static constexpr double kShareFiveStars = 3.0 / 5.0;
  static constexpr int kIngestSteps = 3;
};

/// Write the database to path (which must not exist) and close it, so a server can open it read-only.
void make_small_api_db(const std::filesystem::path& path);

}  // namespace mtm::test
