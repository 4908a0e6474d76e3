// The seasonality page's analyses and the item analyses speak only through the catalogs: their results hold
// message nodes and no words, every message exists in English and French, and each language writes its
// own numbers (no '.' decimal in French, no ',' decimal in English) in sentences, titles and labels.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "analysis/items.hpp"
#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "present/catalog.hpp"
#include "support/recipe_db.hpp"

namespace mtm::analysis {
namespace {

using present::Catalog;

class SeasonalityMessagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Minutes chosen so means have decimals (58.3…) and counts reach the thousands separator only in text.
    std::vector<test::RecipeRow> rows = {
        {1, "2001-01-01", 10, 5, 5, 310.25, {"salt", "butter"}, {"easy"}},
        {2, "2001-07-02", 20, 6, 5, 300.5, {"salt"}, {"easy"}},
        {3, "2001-07-07", 30, 5, 7, 1300.75, {"salt", "basil"}, {"summer"}},
        {4, "2002-04-06", 40, 8, 5, 300, {"salt"}, {}},
        {5, "2002-04-08", 55, 5, 5, 2300.5, {"butter"}, {}},
        {6, "2002-10-07", 60, 9, 6, 300, {"salt"}, {}},
        {7, "2002-10-08", 75, 5, 5, 450.5, {}, {}},
        {8, "2002-12-02", 80, 5, 9, 300, {"salt"}, {}},
        {9, "2003-06-02", 90, 7, 5, 300.25, {"salt", "basil"}, {}},
        {10, "2003-06-03", 100, 5, 5, 300, {"basil"}, {}},
    };
    test::create_small_db(database_, rows);
  }

  nlohmann::json run(const Analysis& a, const std::vector<std::pair<std::string, std::string>>& params = {}) {
    auto con = database_.connect();
    return a.run(con, parse_filters(params, a.filters, a.defaults));
  }

  db::Database database_{""};
};

// Every string of a rendered result a reader sees (data rows and ids excepted).
void visible_strings(const nlohmann::json& node, const std::string& key, std::vector<std::string>& out) {
  if (key == "rows" || key == "data" || key == "id" || key == "columns") return;
  if (node.is_string()) out.push_back(node.get<std::string>());
  if (node.is_object()) {
    for (const auto& [k, v] : node.items()) visible_strings(v, k, out);
  }
  if (node.is_array()) {
    for (const auto& v : node) visible_strings(v, key, out);
  }
}

// A ',' between digits that is not a thousands separator (exactly three digits, then no digit).
bool has_comma_decimal(const std::string& text) {
  static const std::regex kComma(R"(\d,(\d+))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kComma); it != std::sregex_iterator(); ++it) {
    if ((*it)[1].length() != 3) return true;
  }
  return false;
}

// Literal {"en", "fr"} pairs with words in them (an empty help pair carries none).
bool has_literal_words(const nlohmann::json& node) {
  if (node.is_object()) {
    if (node.contains("en") && node.contains("fr") && !node["en"].get<std::string>().empty()) return true;
    for (const auto& [k, v] : node.items()) {
      if (has_literal_words(v)) return true;
    }
  }
  if (node.is_array()) {
    for (const auto& v : node) {
      if (has_literal_words(v)) return true;
    }
  }
  return false;
}

void expect_localized_both_ways(const std::string& id, const nlohmann::json& result) {
  EXPECT_FALSE(has_literal_words(result)) << id;
  const std::size_t missing = Catalog::missing_count();
  const nlohmann::json en = localize(result, "en");
  const nlohmann::json fr = localize(result, "fr");
  EXPECT_EQ(Catalog::missing_count(), missing) << id << " asks for a message no catalog holds";
  ASSERT_FALSE(fr["narrative"].empty()) << id;
  for (const auto& sentence : fr["narrative"]) EXPECT_FALSE(sentence.value("text", "").empty()) << id;
  for (const auto& sentence : en["narrative"]) EXPECT_FALSE(sentence.value("text", "").empty()) << id;
  std::vector<std::string> fr_texts;
  std::vector<std::string> en_texts;
  visible_strings(fr, "", fr_texts);
  visible_strings(en, "", en_texts);
  static const std::regex kDotDecimal(R"(\d\.\d)");
  for (const auto& text : fr_texts) EXPECT_FALSE(std::regex_search(text, kDotDecimal)) << id << ": " << text;
  for (const auto& text : en_texts) EXPECT_FALSE(has_comma_decimal(text)) << id << ": " << text;
}

TEST_F(SeasonalityMessagesTest, EverySeasonalityAnalysisIsLanguageFreeAndRendersInEnglishAndFrench) {
  int seen = 0;
  for (const auto& a : analyses()) {
    if (a.page != "seasonality") continue;
    ++seen;
    EXPECT_TRUE(a.language_free) << a.id;
    // min_frequency 0 keeps the few items of the small database testable.
    std::vector<std::pair<std::string, std::string>> params;
    if (std::find(a.filters.begin(), a.filters.end(), "min_frequency") != a.filters.end()) {
      params = {{"min_frequency", "0"}, {"min_difference", "0"}};
    }
    const nlohmann::json result = run(a, params);
    expect_localized_both_ways(a.id, result);
    // The same result whatever language the request names: no analysis reads Filters::lang (compared as
    // text, since a NaN in a data row never equals itself).
    params.emplace_back("lang", "fr");
    nlohmann::json in_french = run(a, params);
    in_french.erase("lang");
    nlohmann::json plain = result;
    plain.erase("lang");
    EXPECT_EQ(in_french.dump(), plain.dump()) << a.id;
  }
  EXPECT_EQ(seen, 6);
  // The registry's titles are the catalogs' title messages.
  EXPECT_EQ(find_analysis("seasonality.volume")->title_en, "Recipe volume by season");
  EXPECT_EQ(find_analysis("seasonality.duration")->title_fr, "Temps de préparation par saison");
}

TEST_F(SeasonalityMessagesTest, ItemTrendsRenderInEnglishAndFrench) {
  auto con = database_.connect();
  const Filters filters = parse_filters({{"min_frequency", "0"}}, {"min_frequency", "top_n"}, {});
  for (const ItemSource* source : {&ingredient_source(), &tag_source()}) {
    const nlohmann::json result = item_trends(con, filters, *source, "trends.items", msg("items.label.recipes"));
    expect_localized_both_ways(source->kind, result);
  }
  const nlohmann::json fr = localize(item_trends(con, filters, ingredient_source(), "trends.items", msg("x")), "fr");
  // 2001 → 2003: salt goes from 3/3 to 1/2 of the recipes, basil from 1/3 to 2/2.
  EXPECT_EQ(fr["narrative"][1]["text"],
            "De 2001 à 2003, basil gagne le plus de part (+66,7 pts) et salt en perd le plus "
            "(-50,0 pts).");
}

TEST_F(SeasonalityMessagesTest, FrenchSentencesNameTheSeasonWithItsPreposition) {
  const Analysis* duration = find_analysis("seasonality.duration");
  ASSERT_NE(duration, nullptr);
  const nlohmann::json fr = localize(run(*duration), "fr");
  // Means: winter 45, spring 47.5, summer 60, autumn 67.5 minutes.
  EXPECT_NE(fr["narrative"][0]["text"].get<std::string>().find("plus élevé en automne, plus bas en hiver"),
            std::string::npos)
      << fr["narrative"][0];
  const nlohmann::json two = localize(run(*duration, {{"seasons", "spring,summer"}}), "fr");
  EXPECT_NE(two["narrative"][0]["text"].get<std::string>().find("plus élevé en été, plus bas au printemps"),
            std::string::npos)
      << two["narrative"][0];
}

TEST_F(SeasonalityMessagesTest, OneSeasonAndEqualMeansAreSaidInWords) {
  const nlohmann::json one = localize(run(*find_analysis("seasonality.duration"), {{"seasons", "winter"}}), "fr");
  EXPECT_EQ(one["narrative"][0]["text"],
            "Temps de préparation (minutes) : les saisons ne peuvent pas être comparées (moins de deux saisons avec "
            "des recettes).");
  // Every recipe has the same fat: its z-scores across seasons are undefined, written n/a, not NaN.
  const nlohmann::json nutrition = localize(run(*find_analysis("seasonality.nutrition")), "fr");
  const auto& text = nutrition["charts"][0]["traces"][0]["text"];
  EXPECT_EQ(text[0][0], "305,1 (-0,83)");
  EXPECT_EQ(text[1][0], "10,0 (n.d.)");
}

TEST(SeasonalityCatalogTest, CountsAgreeWithTheirNounsInBothLanguages) {
  const Catalog& catalog = Catalog::instance();
  const auto nutrients = [&](const char* lang, int significant) {
    return catalog.format(lang, "seasonality.nutrition.narrative.significant",
                          {{"significant", significant}, {"total", 7}, {"alpha", 0.05}});
  };
  EXPECT_TRUE(nutrients("en", 1).starts_with("1 of 7 nutrients differs signi")) << nutrients("en", 1);
  EXPECT_TRUE(nutrients("en", 0).starts_with("0 of 7 nutrients differ signi")) << nutrients("en", 0);
  EXPECT_TRUE(nutrients("fr", 1).starts_with("1 nutriment sur 7 diffère sign")) << nutrients("fr", 1);
  EXPECT_TRUE(nutrients("fr", 0).starts_with("0 nutriment sur 7 diffère sign")) << nutrients("fr", 0);
  EXPECT_TRUE(nutrients("fr", 3).starts_with("3 nutriments sur 7 diffèrent sign")) << nutrients("fr", 3);
  const nlohmann::json one = {{"kind", "ingredient"}, {"min", 1}};
  EXPECT_EQ(catalog.format("en", "items.trends.metric.considered", one), "Ingredients with ≥ 1 recipe");
  EXPECT_EQ(catalog.format("fr", "items.trends.metric.considered", {{"kind", "tag"}, {"min", 1500}}),
            "Tags avec ≥ 1\u202f500 recettes");
  EXPECT_EQ(catalog.format("en", "items.trends.narrative.top", {{"kind", "tag"}, {"count", 1}, {"items", "easy"}}),
            "The most common tag is easy.");
  EXPECT_EQ(
      catalog.format("fr", "items.trends.narrative.top", {{"kind", "ingredient"}, {"count", 1}, {"items", "salt"}}),
      "L'ingrédient le plus fréquent est salt.");
}

}  // namespace
}  // namespace mtm::analysis
