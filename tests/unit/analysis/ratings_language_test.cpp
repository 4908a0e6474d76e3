// The Ratings page speaks only through the catalogs: each analysis computes one language-free result
// (the same whatever the request's language), every message it names exists in English and French,
// numbers are written the language's way and plurals agree with their count.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "analysis_fixture.hpp"
#include "present/catalog.hpp"

namespace mtm::analysis {
namespace {

using mtm::test::AnalysisDb;
using Params = std::vector<std::pair<std::string, std::string>>;

const std::vector<std::string> kIds = {"ratings.validation", "ratings.trend", "ratings.distribution",
                                       "ratings.seasonal", "ratings.seasonal_variations"};

nlohmann::json raw(AnalysisDb& db, const std::string& id, Params params) {
  const Analysis* a = find_analysis(id);
  EXPECT_NE(a, nullptr) << id;
  // The season analyses take no month threshold.
  if (std::find(a->filters.begin(), a->filters.end(), "min_interactions") == a->filters.end()) {
    std::erase_if(params, [](const auto& p) { return p.first == "min_interactions"; });
  }
  return a->run(db.connection(), parse_filters(params, a->filters, a->defaults));
}

// Months 2010-01 … 2010-05 and every season of 2010, enough for every sentence of the page.
void fill(AnalysisDb& db) {
  db.add_ratings("2010-01-05", 5, 3);
  db.add_ratings("2010-01-12", 4, 2);
  db.add_ratings("2010-03-02", 5, 4);
  db.add_ratings("2010-04-06", 3, 3);
  db.add_ratings("2010-05-04", 5, 4);
  db.add_ratings("2010-07-11", 4, 5);
  db.add_ratings("2010-10-11", 2, 2);
  db.add_ratings("2010-10-12", 5, 3);
  db.finish();
}

void collect_strings(const nlohmann::json& node, std::vector<std::string>& out) {
  // Colours ("#FF8C00", "rgba(226,78,27,0.2)") are not text.
  if (node.is_string() && !node.get<std::string>().starts_with("rgba(")) out.push_back(node.get<std::string>());
  if (node.is_structured()) {
    for (const auto& child : node) collect_strings(child, out);
  }
}

TEST(RatingsLanguage, OneResultServesEveryLanguage) {
  AnalysisDb db;
  fill(db);
  for (const auto& id : kIds) {
    const Analysis* a = find_analysis(id);
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(a->language_free) << id;
    nlohmann::json en = raw(db, id, {{"min_interactions", "2"}, {"lang", "en"}});
    nlohmann::json fr = raw(db, id, {{"min_interactions", "2"}, {"lang", "fr"}});
    en.erase("lang");  // the echo of the request the Report constructor writes
    fr.erase("lang");
    EXPECT_EQ(en, fr) << id;
  }
}

TEST(RatingsLanguage, RendersInEnglishAndFrenchWithTheLanguagesNumbers) {
  AnalysisDb db;
  fill(db);
  const std::regex dot_decimal(R"(\d\.\d)");
  // A comma between digits that is not a thousands separator (exactly three digits, then no digit).
  const std::regex comma_decimal(R"(\d,(?!\d{3}(?!\d))\d)");
  const std::size_t missing_before = present::Catalog::missing_count();
  for (const auto& id : kIds) {
    const nlohmann::json result = raw(db, id, {{"min_interactions", "2"}});
    for (const char* lang : {"en", "fr"}) {
      const nlohmann::json r = localize(result, lang);
      ASSERT_FALSE(r["narrative"].empty()) << id;
      for (const auto& sentence : r["narrative"]) EXPECT_FALSE(sentence.value("text", "").empty()) << id;
      std::vector<std::string> texts;
      collect_strings(r, texts);
      for (const auto& text : texts) {
        if (std::string(lang) == "fr") {
          EXPECT_FALSE(std::regex_search(text, dot_decimal)) << id << ": " << text;
        } else {
          EXPECT_FALSE(std::regex_search(text, comma_decimal)) << id << ": " << text;
        }
      }
    }
  }
  EXPECT_EQ(present::Catalog::missing_count(), missing_before);
}

std::string sentence(const nlohmann::json& result, const char* lang, std::size_t i) {
  return localize(result, lang)["narrative"][i]["text"].get<std::string>();
}

TEST(RatingsLanguage, PluralsAgreeWithTheirCount) {
  AnalysisDb db;
  db.add_rating("2010-01-05", 5, 1, 1);  // one rating, one month
  db.finish();
  const auto r = raw(db, "ratings.distribution", {{"min_interactions", "1"}});
  EXPECT_EQ(sentence(r, "en", 0),
            "1 of 1 month has at least 1 rating and is kept (0 excluded, 0.0 %); kept period 2010-01 → 2010-01.");
  EXPECT_EQ(sentence(r, "fr", 0),
            "1 mois sur 1 compte au moins 1 note et est conservé (0 exclu, 0,0 %) ; période conservée 2010-01 → "
            "2010-01.");
  EXPECT_EQ(sentence(r, "en", 1).substr(0, 22), "1 rating, mean 5.0000 ");
  EXPECT_EQ(sentence(r, "fr", 1).substr(0, 20), "1 note, moyenne 5,00");
  const auto seasons = raw(db, "ratings.seasonal", {});
  EXPECT_EQ(sentence(seasons, "en", 0).substr(0, 28), "Shares of the 1 rating: Wint");
  EXPECT_EQ(sentence(seasons, "en", 2), "Partial year in the selection: 2010; its seasons are not all fully covered.");
}

TEST(RatingsLanguage, NumbersInTraceNamesAndUnitsAreTheLanguagesOwn) {
  AnalysisDb db;
  fill(db);
  const auto result = raw(db, "ratings.trend", {{"min_interactions", "2"}});
  const auto fr = localize(result, "fr");
  const auto en = localize(result, "en");
  EXPECT_EQ(mtm::test::by_id(fr, "metrics", "slope_per_year")["unit"], "pts/an");
  EXPECT_EQ(mtm::test::by_id(en, "metrics", "slope_per_month")["unit"], "pts/month");
  const auto& name = mtm::test::by_id(fr, "charts", "volume_vs_rating")["traces"][1]["name"];
  EXPECT_TRUE(std::regex_match(name.get<std::string>(), std::regex(R"(WLS \(ρw = -?\d,\d{3}\))"))) << name;
}

}  // namespace
}  // namespace mtm::analysis
