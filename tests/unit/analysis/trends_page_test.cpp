// The trends page's converted analyses: one language-free result, rendered from the catalogs in English and
// French with no missing message, locale-correct numbers, and the plurals and sentences they write.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "analysis/query_helpers.hpp"
#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "present/catalog.hpp"
#include "present/message.hpp"
#include "present/render.hpp"
#include "support/recipe_db.hpp"

namespace mtm::analysis {
namespace {

using test::RecipeRow;

const std::vector<std::string> kConverted = {"trends.volume", "trends.duration", "trends.complexity",
                                             "trends.nutrition"};

class TrendsPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // id, date, minutes, steps, ingredients count, calories, ingredients, tags
    std::vector<RecipeRow> rows = {
        {1, "2001-01-01", 10, 5, 5, 300, {"salt", "butter"}, {"easy"}},   // Mon
        {2, "2001-07-02", 20, 6, 5, 320, {"salt"}, {"easy"}},             // Mon
        {3, "2001-07-07", 30, 7, 5, 340, {"salt", "basil"}, {"summer"}},  // Sat
        {4, "2002-04-06", 40, 8, 5, 360, {"salt"}, {}},                   // Sat
        {5, "2002-04-08", 50, 5, 5, 380, {"butter"}, {}},                 // Mon
        {6, "2002-10-07", 60, 9, 5, 400, {"salt"}, {}},                   // Mon
        {7, "2002-10-08", 70, 5, 5, 420, {}, {}},                         // Tue
        {8, "2002-12-02", 80, 6, 5, 440, {"salt"}, {}},                   // Mon
        {9, "2003-06-02", 90, 7, 5, 460, {"salt", "basil"}, {}},          // Mon
        {10, "2003-06-03", 100, 8, 5, 480, {"basil"}, {}},                // Tue
    };
    test::create_small_db(database_, rows);
  }

  nlohmann::json raw(const std::string& id, std::vector<std::pair<std::string, std::string>> params = {}) {
    const Analysis* a = find_analysis(id);
    EXPECT_NE(a, nullptr) << id;
    auto con = database_.connect();
    return a->run(con, parse_filters(params, a->filters, a->defaults));
  }

  static std::vector<std::string> narrative(const nlohmann::json& result, const std::string& lang) {
    std::vector<std::string> out;
    const nlohmann::json rendered = localize(result, lang);
    for (const auto& sentence : rendered["narrative"]) out.push_back(sentence["text"]);
    return out;
  }

  db::Database database_{""};
};

// Every string a reader sees in a rendered result: titles, labels, trace names, axis titles, sentences.
void collect_text(const nlohmann::json& node, std::vector<std::string>& out) {
  if (node.is_string()) out.push_back(node.get<std::string>());
  if (node.is_structured()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "id" || key == "columns" || key == "rows" || key == "data" || key == "unit" ||
          key == "statistic_name" || key == "effect_name" || key == "params" || key == "type" || key == "mode" ||
          key == "fill" || key == "hoverinfo" || key == "marker" || key == "line" || key == "fillcolor")
        continue;
      collect_text(value, out);
    }
  }
}

TEST_F(TrendsPageTest, ConvertedAnalysesAreLanguageFree) {
  for (const auto& id : kConverted) {
    const Analysis* a = find_analysis(id);
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(a->language_free) << id;
    // The same result whatever the request's language: it holds message nodes, not words.
    EXPECT_EQ(raw(id, {{"lang", "en"}}), raw(id, {{"lang", "fr"}})) << id;
    EXPECT_FALSE(raw(id).contains("lang")) << id;
  }
  EXPECT_EQ(find_analysis("trends.volume")->title_fr, "Volume de recettes");
  EXPECT_EQ(find_analysis("trends.nutrition")->title_en, "Nutritional values");
}

TEST_F(TrendsPageTest, RenderedInEachLanguageWithNoMissingMessageAndTheLanguagesNumbers) {
  const std::size_t missing_before = present::Catalog::missing_count();
  const std::regex dot_decimal(R"(\d\.\d)");
  // A comma between digits that is not a thousands separator (exactly three digits after it).
  const std::regex comma_decimal(R"(\d,(?!\d{3}(?!\d))\d)");
  for (const auto& id : kConverted) {
    const auto result = raw(id);
    for (const std::string lang : {"en", "fr"}) {
      const auto sentences = narrative(result, lang);
      ASSERT_FALSE(sentences.empty()) << id;
      for (const auto& s : sentences) EXPECT_FALSE(s.empty()) << id << " " << lang;
      std::vector<std::string> texts;
      collect_text(localize(result, lang), texts);
      for (const auto& text : texts) {
        const auto& wrong = lang == "fr" ? dot_decimal : comma_decimal;
        EXPECT_FALSE(std::regex_search(text, wrong)) << id << " " << lang << ": " << text;
      }
    }
  }
  EXPECT_EQ(present::Catalog::missing_count(), missing_before);
}

TEST_F(TrendsPageTest, VolumeSentencesWithTheirPluralsAndPartialYear) {
  // Tuesdays only: 2002 holds recipe 7, 2003 recipe 10: the peak is one recipe.
  const auto one = narrative(raw("trends.volume", {{"days", "tue"}}), "en");
  ASSERT_GE(one.size(), 1u);
  EXPECT_EQ(one[0], "Submissions peak in 2002 with 1 recipe; 2003 has 1 (+0.0% against the peak).");
  EXPECT_EQ(narrative(raw("trends.volume", {{"days", "tue"}}), "fr")[0],
            "Les publications culminent en 2002 avec 1 recette ; 2003 en compte 1 (+0,0\u00a0% par rapport au pic).");
  const auto all = narrative(raw("trends.volume"), "fr");
  EXPECT_EQ(all[0],
            "Les publications culminent en 2002 avec 5 recettes ; 2003 en compte 2 (-60,0\u00a0% par rapport au pic).");
  // The data run from 2001-01-01 to 2003-06-03: 2003 is the one partial year, 154 of 365 days (42 %).
  EXPECT_EQ(all.back(),
            "Année partielle, couverte en partie seulement par les données : 2003 (42\u00a0%) ; à comparer avec "
            "prudence.");
  EXPECT_EQ(narrative(raw("trends.volume"), "en").back(),
            "Partial year, covered only in part by the data: 2003 (42%); compare it with care.");
}

TEST_F(TrendsPageTest, DurationSentencesAndLegendsInFrench) {
  const auto result = localize(raw("trends.duration"), "fr");
  // statsmodels WLS(y=[20, 60, 95], x=[2001, 2002, 2003], weights=[3, 5, 2]): slope 37.7551, p 0.02978,
  // weighted R² 0.997813 (tests/unit/analysis/trends_seasonality_test.cpp checks the fit itself).
  EXPECT_EQ(result["narrative"][0]["text"],
            "Le temps de préparation moyen augmente de 37,755 min par an (régression pondérée, R²w = 0,998, p = "
            "0,0298) : tendance significative.");
  EXPECT_EQ(result["narrative"][0]["id"], "trend.slope");
  const auto& traces = result["charts"][0]["traces"];
  ASSERT_EQ(traces.size(), 6u);
  EXPECT_EQ(traces[1]["name"], "Intervalle Q25–Q75");
  EXPECT_EQ(traces[4]["name"], "Tendance MCP de la moyenne (R²w = 0,998)");
  EXPECT_EQ(result["charts"][0]["layout"]["xaxis"]["title"]["text"], "Année");
  EXPECT_EQ(result["metrics"][4]["label"]["text"], "Dispersion Q25–Q75 dernière année");
}

TEST_F(TrendsPageTest, NutritionCountsSignificantTrendsWithAPlural) {
  const auto result = raw("trends.nutrition");
  const auto& rows = result["tables"][0]["rows"];
  ASSERT_EQ(rows.size(), 7u);
  std::size_t significant = 0;
  for (const auto& row : rows) significant += row[2].get<double>() < 0.05 ? 1 : 0;
  const auto en = narrative(result, "en");
  const auto fr = narrative(result, "fr");
  const std::string n = std::to_string(significant);
  EXPECT_TRUE(en[7].starts_with(n + " of 7 nutrient trends " + (significant == 1 ? "remains" : "remain"))) << en[7];
  EXPECT_TRUE(fr[7].starts_with(n + (significant <= 1 ? " tendance sur 7 reste" : " tendances sur 7 restent")))
      << fr[7];
}

TEST(SlopeSentenceTest, RendersDirectionSizeFitAndVerdictInEachLanguage) {
  stats::LinearFit fit;
  fit.slope = -0.59215;
  fit.slope_p = 0.00101;
  fit.r_squared = 0.4581;
  const auto sentence = slope_sentence(present::label("trends.duration.subject.mean"), fit,
                                       present::label("trends.per_year", {{"unit", "min"}}), 3)
                            .to_json();
  EXPECT_EQ(present::render(sentence, "en")["text"],
            "Mean preparation time falls by 0.592 min per year (weighted regression, R²w = 0.458, p = 0.0010): a "
            "significant trend.");
  EXPECT_EQ(present::render(sentence, "fr")["text"],
            "Le temps de préparation moyen diminue de 0,592 min par an (régression pondérée, R²w = 0,458, p = "
            "0,0010) : tendance significative.");
  fit.slope = 0.2;
  fit.slope_p = 0.05;  // not below the significance level
  const auto flat = slope_sentence(present::label("trends.series_subject.n_steps"), fit,
                                   present::label("trends.per_year", {{"unit", "steps"}}), 1)
                        .to_json();
  EXPECT_EQ(present::render(flat, "en")["text"],
            "The mean number of steps rises by 0.2 steps per year (weighted regression, R²w = 0.458, p = 0.0500): "
            "no significant trend.");
  const auto none =
      slope_sentence(present::label("trends.series_subject.calories"), stats::LinearFit{}, nullptr, 2).to_json();
  EXPECT_EQ(present::render(none, "fr")["text"],
            "La moyenne des calories : pas assez d'années pour estimer une tendance.");
}

}  // namespace
}  // namespace mtm::analysis
