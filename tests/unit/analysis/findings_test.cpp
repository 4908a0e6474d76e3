// The Overview's key findings: effect sizes on Cohen's scale, read from the page analyses' own results and ranked
// established-first, strongest-first.
#include "analysis/overview/findings.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "analysis_fixture.hpp"

namespace mtm::analysis {
namespace {

using test::AnalysisDb;
using test::RecipeRow;

TEST(FindingStrength, FollowsCohensThresholdsPerMeasure) {
  EXPECT_EQ(effect_strength("w", 0.09), "negligible");
  EXPECT_EQ(effect_strength("w", 0.1), "small");
  EXPECT_EQ(effect_strength("r", -0.3), "medium");
  EXPECT_EQ(effect_strength("w", 0.5), "large");
  EXPECT_EQ(effect_strength("d", 0.19), "negligible");
  EXPECT_EQ(effect_strength("h", -0.5), "medium");
  EXPECT_EQ(effect_strength("d", 0.8), "large");
  EXPECT_EQ(effect_strength("d", NAN), "negligible");
  EXPECT_EQ(effect_strength("eta", 0.9), "negligible");
  EXPECT_DOUBLE_EQ(effect_magnitude("w", 0.25), 0.5);
  EXPECT_DOUBLE_EQ(effect_magnitude("h", -1.2), 1.5);
  EXPECT_TRUE(std::isnan(effect_magnitude("eta", 0.3)));
}

// Recipes over four years and every day of the week, Mondays far busier, with ratings on both periods.
void fill(AnalysisDb& db) {
  // The first Monday of March of each year.
  const std::map<int, int> monday = {{2005, 7}, {2006, 6}, {2007, 5}, {2008, 3}};
  std::int64_t id = 1;
  for (int year = 2005; year <= 2008; ++year) {
    for (int day = 0; day < 7; ++day) {
      const int copies = (day == 0 ? 12 : 3) * (year == 2007 ? 3 : 1);
      for (int k = 0; k < copies; ++k) {
        RecipeRow r;
        r.id = id++;
        r.submitted = fmt::format("{}-03-{:02d}", year, monday.at(year) + day + 7 * (k % 3));
        r.ingredients = {k % 2 ? "salt" : "sugar", year >= 2007 ? "garlic" : "flour"};
        db.add_recipe(r);
        db.add_rating(r.submitted, 3 + static_cast<int>(k % 3), k, r.id);
      }
    }
  }
}

TEST(KeyFindings, ReadTheAnalysesAndRankEstablishedStrongestFirst) {
  AnalysisDb db;
  fill(db);
  db.finish();
  const auto raw = key_findings(db.connection());
  const auto result = localize(raw, "en");
  const auto french = localize(raw, "fr");
  const auto& list = result["findings"];
  ASSERT_GE(list.size(), 3u);
  bool seen_not_significant = false;
  double last = INFINITY;
  for (const auto& f : list) {
    const bool significant = f["significant"].get<bool>();
    if (!significant) {
      if (!seen_not_significant) last = INFINITY;
      seen_not_significant = true;
    }
    EXPECT_FALSE(significant && seen_not_significant) << f["id"] << ": an established effect after a doubtful one";
    EXPECT_LE(f["magnitude"].get<double>(), last) << f["id"];
    last = f["magnitude"].get<double>();
    EXPECT_EQ(f["strength"], effect_strength(f["effect_name"], f["effect"].get<double>()));
    // Machines read the message id and its parameters, people the text.
    EXPECT_EQ(f["text"]["id"],
              "finding." + (f["id"] == "biggest_rise" || f["id"] == "biggest_fall" ? std::string("biggest_mover")
                                                                                   : f["id"].get<std::string>()));
    EXPECT_TRUE(f["text"]["params"].is_object());
    EXPECT_FALSE(f["text"]["text"].get<std::string>().empty());
  }
  for (const auto& f : french["findings"]) EXPECT_FALSE(f["text"]["text"].get<std::string>().empty());
  // The weekday finding's w is the weekend page's own χ² effect size.
  const Analysis* weekend = find_analysis("weekend.volume");
  const auto volume = weekend->run(db.connection(), weekend->defaults);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& f = list[i];
    if (f["id"] != "weekday_swing") continue;
    for (const auto& t : volume["tests"]) {
      if (t["id"] == "chi_square_days") {
        EXPECT_DOUBLE_EQ(f["effect"].get<double>(), t["effect"].get<double>());
      }
    }
    EXPECT_NE(f["text"]["text"].get<std::string>().find("Monday"), std::string::npos);
    EXPECT_NE(french["findings"][i]["text"]["text"].get<std::string>().find("lundi"), std::string::npos);
  }
  // 2007 has three times the recipes of the other (full) years.
  for (const auto& f : list) {
    if (f["id"] == "peak_year") {
      EXPECT_NE(f["text"]["text"].get<std::string>().find("peaked in 2007 with"), std::string::npos) << f["text"];
    }
  }
}

}  // namespace
}  // namespace mtm::analysis
