// The generator is a pure function of (seed, scale): same bytes for the same seed whatever the thread
// count, different bytes for another seed; and it rejects scales outside 0.01..1.0 naming --scale.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/errors.hpp"
#include "data/generator/generator.hpp"
#include "support/temp_dir.hpp"

namespace {

using mtm::data::GeneratorOptions;
using mtm::test::read_file;
using mtm::test::TempDir;

struct Output {
  std::string recipes;
  std::string interactions;
};

Output run(const TempDir& dir, const std::string& name, std::uint64_t seed, unsigned threads) {
  GeneratorOptions options;
  options.out_dir = dir.path() / name;
  options.scale = 0.01;
  options.seed = seed;
  options.threads = threads;
  mtm::data::generate(options);
  return {read_file(options.out_dir / "RAW_recipes.csv"), read_file(options.out_dir / "RAW_interactions.csv")};
}

TEST(GeneratorDeterminism, SameSeedGivesIdenticalBytesWhateverTheThreadCount) {
  TempDir dir;
  const Output one = run(dir, "a", 42, 1);
  const Output two = run(dir, "b", 42, 2);
  const Output three = run(dir, "c", 42, 3);
  EXPECT_FALSE(one.recipes.empty());
  EXPECT_TRUE(one.recipes == two.recipes && one.recipes == three.recipes);
  EXPECT_TRUE(one.interactions == two.interactions && one.interactions == three.interactions);
}

TEST(GeneratorDeterminism, DifferentSeedGivesDifferentData) {
  TempDir dir;
  const Output a = run(dir, "a", 42, 2);
  const Output b = run(dir, "b", 43, 2);
  EXPECT_NE(a.recipes, b.recipes);
  EXPECT_NE(a.interactions, b.interactions);
}

TEST(GeneratorValidation, RejectsScalesOutsideTheRangeNamingTheOption) {
  TempDir dir;
  for (double scale : {0.0, 0.005, 10.01, 50.0, -1.0, std::numeric_limits<double>::quiet_NaN()}) {
    GeneratorOptions options;
    options.out_dir = dir.path() / "x";
    options.scale = scale;
    try {
      mtm::data::validate(options);
      ADD_FAILURE() << "scale " << scale << " was accepted";
    } catch (const mtm::ValidationError& e) {
      EXPECT_EQ(e.parameter(), "--scale");
      EXPECT_NE(std::string(e.what()).find("--scale"), std::string::npos);
    }
  }
  GeneratorOptions ok;
  ok.out_dir = dir.path() / "x";
  for (double scale : {0.01, 0.5, 1.0, 3.0, 10.0}) {
    ok.scale = scale;
    EXPECT_NO_THROW(mtm::data::validate(ok));
  }
}

TEST(GeneratorValidation, PlannedCountsAreTheRealCountsScaled) {
  const auto full = mtm::data::planned_counts(1.0);
  EXPECT_EQ(full.recipes, 231'637);
  EXPECT_EQ(full.interactions, 1'132'367);
  EXPECT_EQ(full.users, 226'570);
  EXPECT_EQ(full.contributors, 27'926);
  const auto tenth = mtm::data::planned_counts(0.1);
  EXPECT_EQ(tenth.recipes, 23'164);  // 23,163.7 rounded
  EXPECT_EQ(tenth.interactions, 113'237);
}

}  // namespace
