// Weekend page analyses on small hand-checkable databases. Expected values are computed by hand from
// the rows below (closed forms for the chi-square and F tails; see each comment).
#include <gtest/gtest.h>

#include <functional>
#include <regex>

#include "analysis/registry.hpp"
#include "analysis/report.hpp"
#include "analysis_fixture.hpp"
#include "core/errors.hpp"
#include "present/catalog.hpp"

namespace mtm::analysis {
namespace {

using mtm::test::AnalysisDb;
using mtm::test::by_id;
using mtm::test::day_after_monday;
using mtm::test::RecipeRow;
using Params = std::vector<std::pair<std::string, std::string>>;

nlohmann::json run(AnalysisDb& db, const std::string& id, const Params& params = {}) {
  const Analysis* a = find_analysis(id);
  EXPECT_NE(a, nullptr) << id;
  const Filters f = parse_filters(params, a->filters, a->defaults);
  return localize(a->run(db.connection(), f), f.lang);
}

double metric(const nlohmann::json& r, const std::string& id) {
  const auto& m = by_id(r, "metrics", id);
  return m["value"].is_null() ? NAN : m["value"].get<double>();
}

// Volume: Mon ×3, Tue ×2, Wed, Thu, Fri, Sat, Sun (one week of January 2010).
void fill_volume(AnalysisDb& db) {
  const std::vector<int> offsets = {0, 0, 0, 1, 1, 2, 3, 4, 5, 6};
  std::int64_t id = 1;
  for (int o : offsets) {
    RecipeRow r;
    r.id = id++;
    r.submitted = day_after_monday(o);
    db.add_recipe(r);
  }
}

TEST(WeekendVolume, CountsPerDayAndChiSquare) {
  AnalysisDb db;
  fill_volume(db);
  db.finish();
  const auto r = run(db, "weekend.volume");
  mtm::test::expect_valid_shape(r);
  EXPECT_DOUBLE_EQ(metric(r, "weekday_per_day"), 8.0 / 5);
  EXPECT_DOUBLE_EQ(metric(r, "weekend_per_day"), 1.0);
  EXPECT_NEAR(metric(r, "weekday_vs_weekend_pct"), 60.0, 1e-9);
  EXPECT_DOUBLE_EQ(metric(r, "total"), 10);
  EXPECT_DOUBLE_EQ(metric(r, "busiest_day"), 3);
  // χ² = (Σo² − N²/7) / (N/7) = (18 − 100/7)·0.7 = 2.6; sf(2.6; 6) = e^-1.3 (1 + 1.3 + 1.3²/2).
  const auto& chi = by_id(r, "tests", "chi_square_days");
  EXPECT_NEAR(chi["statistic"].get<double>(), 2.6, 1e-9);
  EXPECT_NEAR(chi["p"].get<double>(), 0.8571124890919696, 1e-9);
  EXPECT_DOUBLE_EQ(chi["df"].get<double>(), 6);
  // Split 8/2 against 50/7 and 20/7: χ² = 0.36, p = erfc(√0.18).
  const auto& split = by_id(r, "tests", "chi_square_period");
  EXPECT_NEAR(split["statistic"].get<double>(), 0.36, 1e-9);
  EXPECT_NEAR(split["p"].get<double>(), 0.5485062355001472, 1e-9);
  // Monday deviation from the daily mean 10/7: (3 − 10/7)/(10/7) = +110 %.
  const auto& rows = by_id(r, "charts", "by_day")["data"]["rows"];
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_NEAR(rows[0][4].get<double>(), 110.0, 1e-9);
  EXPECT_EQ(rows[5][2], true);
}

TEST(WeekendVolume, DaysFilterRestrictsRows) {
  AnalysisDb db;
  fill_volume(db);
  db.finish();
  const auto r = run(db, "weekend.volume", {{"days", "mon,sat"}});
  EXPECT_DOUBLE_EQ(metric(r, "weekday_per_day"), 3);
  EXPECT_DOUBLE_EQ(metric(r, "weekend_per_day"), 1);
  EXPECT_NEAR(metric(r, "weekday_vs_weekend_pct"), 200.0, 1e-9);
  EXPECT_EQ(by_id(r, "charts", "by_day")["data"]["rows"].size(), 2u);
}

TEST(WeekendVolume, CleanSeasonAndYearFilters) {
  AnalysisDb db;
  fill_volume(db);
  RecipeRow dirty;
  dirty.id = 100;
  dirty.submitted = day_after_monday(5);  // Saturday, fails cleaning
  dirty.is_clean = false;
  db.add_recipe(dirty);
  RecipeRow summer;
  summer.id = 101;
  summer.submitted = "2011-07-04";  // a Monday in summer 2011
  db.add_recipe(summer);
  db.finish();
  EXPECT_DOUBLE_EQ(metric(run(db, "weekend.volume"), "total"), 11);
  EXPECT_DOUBLE_EQ(metric(run(db, "weekend.volume", {{"clean_only", "false"}}), "total"), 12);
  EXPECT_DOUBLE_EQ(metric(run(db, "weekend.volume", {{"clean_only", "false"}}), "weekend_per_day"), 1.5);
  EXPECT_DOUBLE_EQ(metric(run(db, "weekend.volume", {{"seasons", "summer"}}), "total"), 1);
  EXPECT_DOUBLE_EQ(metric(run(db, "weekend.volume", {{"year_to", "2010"}}), "total"), 10);
}

// Duration: weekday minutes 10, 20, 30, 40 (Mon–Thu), weekend 20, 60 (Sat, Sun).
void fill_duration(AnalysisDb& db, bool with_dirty) {
  const std::vector<std::pair<int, std::int64_t>> rows = {{0, 10}, {1, 20}, {2, 30}, {3, 40}, {5, 20}, {6, 60}};
  const std::vector<std::int32_t> steps = {2, 4, 6, 8, 4, 4};
  const std::vector<double> calories = {100, 200, 300, 400, 200, 600};
  std::int64_t id = 1;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    RecipeRow r;
    r.id = id++;
    r.submitted = day_after_monday(rows[i].first);
    r.minutes = rows[i].second;
    r.n_steps = steps[i];
    r.calories = calories[i];
    db.add_recipe(r);
  }
  if (with_dirty) {
    RecipeRow r;
    r.id = 99;
    r.minutes = 1000;
    r.is_clean = false;
    db.add_recipe(r);
  }
  db.finish();
}

TEST(WeekendDuration, WelchMannWhitneyAndCohensD) {
  AnalysisDb db;
  fill_duration(db, true);
  const auto r = run(db, "weekend.duration");
  mtm::test::expect_valid_shape(r);
  EXPECT_DOUBLE_EQ(metric(r, "weekday_mean"), 25);
  EXPECT_DOUBLE_EQ(metric(r, "weekend_mean"), 40);
  EXPECT_DOUBLE_EQ(metric(r, "difference"), 15);
  // s²: weekday 500/3, weekend 800; t = 15/√(500/12 + 400); Welch–Satterthwaite df.
  const auto& welch = by_id(r, "tests", "welch_minutes");
  EXPECT_NEAR(welch["statistic"].get<double>(), 0.7137464271463297, 1e-9);
  EXPECT_NEAR(welch["df"].get<double>(), 1.2147902551535248, 1e-9);
  EXPECT_NEAR(welch["p"].get<double>(), 0.5873923369024788, 1e-6);
  // Pooled variance (500 + 800)/4 = 325: d = 15/√325.
  EXPECT_NEAR(welch["effect"].get<double>(), 0.8320502943378437, 1e-12);
  // Ranks of the pooled 10, 20, 20, 30, 40, 60: weekend 2.5 + 6 = 8.5, U = 8.5 − 3 = 5.5; one tie pair.
  const auto& mw = by_id(r, "tests", "mann_whitney_minutes");
  EXPECT_DOUBLE_EQ(mw["statistic"].get<double>(), 5.5);
  EXPECT_NEAR(mw["p"].get<double>(), 0.6385920776850198, 1e-9);
  EXPECT_FALSE(mw.contains("p_adjusted"));
  // Type-7 quartiles and Tukey fences.
  const auto& box = by_id(r, "charts", "box")["data"]["rows"];
  EXPECT_DOUBLE_EQ(box[0][4].get<double>(), 17.5);
  EXPECT_DOUBLE_EQ(box[0][5].get<double>(), 25);
  EXPECT_DOUBLE_EQ(box[0][6].get<double>(), 32.5);
  EXPECT_DOUBLE_EQ(box[0][3].get<double>(), 10);
  EXPECT_DOUBLE_EQ(box[0][7].get<double>(), 40);
  EXPECT_DOUBLE_EQ(box[1][4].get<double>(), 30);
  EXPECT_DOUBLE_EQ(box[1][6].get<double>(), 50);
  EXPECT_EQ(by_id(r, "charts", "box")["traces"].size(), 2u);
  // The unclean 1000-minute Monday recipe joins only with clean_only=false.
  EXPECT_DOUBLE_EQ(metric(run(db, "weekend.duration", {{"clean_only", "false"}}), "weekday_mean"), 220);
}

TEST(WeekendDuration, OnePeriodEmptyIsReportedNotThrown) {
  AnalysisDb db;
  fill_duration(db, false);
  const auto r = run(db, "weekend.duration", {{"days", "sat,sun"}});
  EXPECT_TRUE(by_id(r, "metrics", "weekday_mean")["value"].is_null());
  EXPECT_DOUBLE_EQ(metric(r, "weekend_mean"), 40);
  EXPECT_TRUE(by_id(r, "tests", "welch_minutes")["p"].is_null());
  EXPECT_TRUE(r["narrative"].is_array());
}

TEST(WeekendComplexity, StepsWelchAndAdjustedP) {
  AnalysisDb db;
  fill_duration(db, false);
  const auto r = run(db, "weekend.complexity", {{"lang", "fr"}});
  mtm::test::expect_valid_shape(r);
  // Steps: weekday 2, 4, 6, 8 (mean 5, s² 20/3), weekend 4, 4 (mean 4, s² 0): t = −1/√(5/3), df = 3,
  // p = 1 − (2/π)(|t|/(√3(1 + t²/3)) + atan(|t|/√3)).
  const auto& welch = by_id(r, "tests", "welch_n_steps");
  EXPECT_NEAR(welch["statistic"].get<double>(), -0.7745966692414834, 1e-12);
  EXPECT_NEAR(welch["df"].get<double>(), 3, 1e-12);
  EXPECT_NEAR(welch["p"].get<double>(), 0.49502534605971094, 1e-9);
  EXPECT_TRUE(welch.contains("p_adjusted"));
  EXPECT_GE(welch["p_adjusted"].get<double>(), welch["p"].get<double>());
  // n_ingredients is constant: no test, no crash.
  EXPECT_TRUE(by_id(r, "tests", "welch_n_ingredients")["p"].is_null());
  EXPECT_EQ(by_id(r, "charts", "steps")["traces"][0]["name"], "Moyenne");
}

TEST(WeekendNutrition, DifferencePercentAndTests) {
  AnalysisDb db;
  fill_duration(db, false);
  const auto r = run(db, "weekend.nutrition");
  mtm::test::expect_valid_shape(r);
  // Calories 100..400 vs 200, 600: means 250 vs 400 (+60 %); t is scale-free, so it equals the minutes case.
  const auto& row = by_id(r, "charts", "difference_pct")["data"]["rows"][0];
  EXPECT_EQ(row[0], "Calories");
  EXPECT_NEAR(row[3].get<double>(), 60.0, 1e-9);
  const auto& welch = by_id(r, "tests", "welch_calories");
  EXPECT_NEAR(welch["statistic"].get<double>(), 0.7137464271463297, 1e-9);
  // The other nutrients are constant, so calories is the only finite p: BH leaves it unchanged.
  EXPECT_NEAR(welch["p_adjusted"].get<double>(), welch["p"].get<double>(), 1e-12);
  EXPECT_DOUBLE_EQ(metric(r, "significant"), 0);
}

// Items: 40 weekday recipes (8 per weekday) and 20 weekend ones. salt in all; sugar in every weekend
// recipe only; egg2 in 20 weekday recipes only; egg in 10 weekday and 5 weekend recipes (equal shares).
void fill_items(AnalysisDb& db) {
  std::int64_t id = 1;
  for (int i = 0; i < 40; ++i) {
    RecipeRow r;
    r.id = id++;
    r.submitted = day_after_monday(i % 5);
    r.ingredients = {"salt"};
    if (i < 20) r.ingredients.push_back("egg2");
    if (i >= 30) r.ingredients.push_back("egg");
    r.tags = {"easy"};
    db.add_recipe(r);
  }
  for (int i = 0; i < 20; ++i) {
    RecipeRow r;
    r.id = id++;
    r.submitted = day_after_monday(5 + i % 2);
    r.ingredients = {"salt", "sugar"};
    if (i < 5) r.ingredients.push_back("egg");
    r.tags = {"easy", "brunch"};
    db.add_recipe(r);
  }
  db.finish();
}

TEST(WeekendIngredients, ChiSquareBenjaminiHochbergAndBothDirections) {
  AnalysisDb db;
  fill_items(db);
  const auto r = run(db, "weekend.ingredients");
  mtm::test::expect_valid_shape(r);
  EXPECT_DOUBLE_EQ(metric(r, "total_items"), 4);
  EXPECT_DOUBLE_EQ(metric(r, "tested_items"), 4);
  EXPECT_DOUBLE_EQ(metric(r, "variable_items"), 2);
  const auto& chart = by_id(r, "charts", "top_differences");
  const auto& y = chart["traces"][0]["y"];
  ASSERT_EQ(y.size(), 2u);
  EXPECT_EQ(y[0], "sugar");  // +100 pp, weekend-leaning, on top
  EXPECT_EQ(y[1], "egg2");   // −50 pp, weekday-leaning, kept (|Δ| ranking)
  EXPECT_NEAR(chart["traces"][0]["x"][1].get<double>(), -50.0, 1e-9);
  const auto& table = by_id(r, "tables", "variable_items")["rows"];
  ASSERT_EQ(table.size(), 2u);
  // sugar [[0, 40], [20, 0]] with Yates: Σ(|O − E| − 0.5)²/E = 55.584375.
  EXPECT_NEAR(table[0][6].get<double>(), 55.584375, 1e-9);
  EXPECT_NEAR(table[0][9].get<double>(), 1.0, 1e-12);  // phi
  // egg2 [[20, 20], [0, 20]]: χ² = 12.834375, p = erfc(√(χ²/2)); BH rank 2 of 3 finite p (salt has none).
  EXPECT_NEAR(table[1][6].get<double>(), 12.834375, 1e-9);
  EXPECT_NEAR(table[1][7].get<double>(), 0.000340309112564549, 1e-12);
  EXPECT_NEAR(table[1][8].get<double>(), 0.000340309112564549 * 3 / 2, 1e-12);
}

TEST(WeekendIngredients, FiltersChangeTheSelection) {
  AnalysisDb db;
  fill_items(db);
  EXPECT_EQ(by_id(run(db, "weekend.ingredients", {{"top_n", "1"}}), "charts", "top_differences")["traces"][0]["y"],
            nlohmann::json::array({"sugar"}));
  EXPECT_DOUBLE_EQ(metric(run(db, "weekend.ingredients", {{"min_difference", "0.6"}}), "variable_items"), 1);
  EXPECT_DOUBLE_EQ(metric(run(db, "weekend.ingredients", {{"min_frequency", "0.3"}}), "tested_items"), 2);
  EXPECT_DOUBLE_EQ(metric(run(db, "weekend.ingredients", {{"days", "mon,tue,wed,thu,fri"}}), "tested_items"), 0);
}

TEST(WeekendTags, UsesTheTagTable) {
  AnalysisDb db;
  fill_items(db);
  const auto r = run(db, "weekend.tags");
  mtm::test::expect_valid_shape(r);
  EXPECT_DOUBLE_EQ(metric(r, "total_items"), 2);
  EXPECT_EQ(by_id(r, "charts", "top_differences")["traces"][0]["y"], nlohmann::json::array({"brunch"}));
}

// Ratings by rating date: Mon 5, 4; Tue 3; Sat 5, 5; Sun 1; plus a 0 (review without stars) on Monday.
void fill_ratings(AnalysisDb& db) {
  db.add_rating(day_after_monday(0), 5);
  db.add_rating(day_after_monday(0), 4);
  db.add_rating(day_after_monday(0), 0);
  db.add_rating(day_after_monday(1), 3);
  db.add_rating(day_after_monday(5), 5);
  db.add_rating(day_after_monday(5), 5);
  db.add_rating(day_after_monday(6), 1);
  db.finish();
}

TEST(WeekendRatings, MannWhitneyCohensDAnovaKruskal) {
  AnalysisDb db;
  fill_ratings(db);
  const auto r = run(db, "weekend.ratings");
  mtm::test::expect_valid_shape(r);
  EXPECT_DOUBLE_EQ(metric(r, "weekday_mean"), 4);
  EXPECT_NEAR(metric(r, "weekend_mean"), 11.0 / 3, 1e-12);
  // Pooled variance (2·1 + 2·16/3)/4: d = (−1/3)/√(19/6).
  EXPECT_NEAR(metric(r, "cohens_d"), -0.18731716231633877, 1e-12);
  // Pooled ranks 1, 2, 3, 5, 5, 5: weekend R = 1 + 5 + 5 = 11, U = 5 = n1n2/2 + 0.5, so p = 1.
  const auto& mw = by_id(r, "tests", "mann_whitney");
  EXPECT_DOUBLE_EQ(mw["statistic"].get<double>(), 5);
  EXPECT_NEAR(mw["p"].get<double>(), 1.0, 1e-12);
  EXPECT_EQ(mw["n"], 6);
  // Days with ratings: Mon {5,4}, Tue {3}, Sat {5,5}, Sun {1}. SSB = 37/3, SSW = 0.5: F = (37/9)/0.25, df 3, 2;
  // with df2 = 2, sf = 1 − z^1.5, z = 3F/(3F + 2).
  const auto& anova = by_id(r, "tests", "anova_days");
  EXPECT_NEAR(anova["statistic"].get<double>(), 148.0 / 9, 1e-9);
  EXPECT_NEAR(anova["p"].get<double>(), 0.05786857106381804, 1e-9);
  EXPECT_NEAR(anova["effect"].get<double>(), 0.9610389610389611, 1e-9);
  // Rank sums 8, 2, 10, 1: H = (12/42·87 − 21)/(1 − 24/210); chi-square 3 df closed form.
  const auto& kw = by_id(r, "tests", "kruskal_days");
  EXPECT_NEAR(kw["statistic"].get<double>(), 4.354838709677419, 1e-9);
  EXPECT_NEAR(kw["p"].get<double>(), 0.22560959697933125, 1e-9);
  const auto& monday = by_id(r, "tables", "days")["rows"][0];
  EXPECT_EQ(monday[3], 2);
  EXPECT_DOUBLE_EQ(monday[4].get<double>(), 4.5);
  EXPECT_DOUBLE_EQ(monday[6].get<double>(), 50);
  EXPECT_DOUBLE_EQ(monday[7].get<double>(), 0);
}

TEST(WeekendRatings, DayAndSeasonFilters) {
  AnalysisDb db;
  fill_ratings(db);
  const auto weekend_only = run(db, "weekend.ratings", {{"days", "sat,sun"}});
  EXPECT_TRUE(by_id(weekend_only, "metrics", "weekday_mean")["value"].is_null());
  EXPECT_NEAR(metric(weekend_only, "weekend_mean"), 11.0 / 3, 1e-12);
  const auto summer = run(db, "weekend.ratings", {{"seasons", "summer"}});
  EXPECT_TRUE(by_id(summer, "metrics", "weekend_mean")["value"].is_null());
  EXPECT_THROW(run(db, "weekend.ratings", {{"clean_only", "false"}}), ValidationError);
}

// Every string a person reads, in one language: narrative texts, titles, labels, chart names and ticks.
void collect_strings(const nlohmann::json& node, std::vector<std::string>& out) {
  if (node.is_string()) out.push_back(node.get<std::string>());
  if (node.is_array() || node.is_object()) {
    for (const auto& child : node) collect_strings(child, out);
  }
}

// Renders one analysis in English and French from one language-free result: no catalog message missing,
// every narrative sentence written, and numbers written the language's way (French: no '.' decimal
// point; English: no ',' decimal comma — a comma followed by exactly three digits is a thousands separator).
void expect_language_free_and_localized(AnalysisDb& db, const std::string& id) {
  const Analysis* a = find_analysis(id);
  ASSERT_NE(a, nullptr) << id;
  EXPECT_TRUE(a->language_free) << id;
  const Filters en = parse_filters({{"lang", "en"}}, a->filters, a->defaults);
  const Filters fr = parse_filters({{"lang", "fr"}}, a->filters, a->defaults);
  nlohmann::json raw_en = a->run(db.connection(), en);
  nlohmann::json raw_fr = a->run(db.connection(), fr);
  raw_en.erase("lang");
  raw_fr.erase("lang");
  EXPECT_EQ(raw_en, raw_fr) << id << ": the result must not depend on the language";
  const std::regex french_point(R"(\d\.\d)");
  const std::regex english_comma(R"(\d,(?:\d{1,2}|\d{4,})(?!\d))");
  for (const char* lang : {"en", "fr"}) {
    const std::size_t missing = present::Catalog::missing_count();
    const nlohmann::json r = localize(raw_en, lang);
    EXPECT_EQ(present::Catalog::missing_count(), missing) << id << " " << lang;
    ASSERT_FALSE(r["narrative"].empty()) << id;
    for (const auto& sentence : r["narrative"]) {
      ASSERT_TRUE(sentence.contains("text")) << id << " " << sentence.dump();
      EXPECT_FALSE(sentence["text"].get<std::string>().empty()) << id;
    }
    std::vector<std::string> strings;
    collect_strings(r, strings);
    for (const auto& text : strings) {
      EXPECT_FALSE(std::regex_search(text, std::string(lang) == "fr" ? french_point : english_comma))
          << id << " " << lang << ": " << text;
    }
  }
}

TEST(WeekendLanguage, RecipeAnalysesRenderInBothLanguagesFromOneResult) {
  AnalysisDb db;
  fill_duration(db, false);
  for (const char* id : {"weekend.volume", "weekend.duration", "weekend.complexity", "weekend.nutrition"}) {
    expect_language_free_and_localized(db, id);
  }
  const auto fr = run(db, "weekend.duration", {{"lang", "fr"}});
  // Weekday quartiles of 10, 20, 30, 40 (linear): 17.5, 25, 32.5, written with no decimal (half to even).
  EXPECT_EQ(fr["narrative"][1]["text"], "Médianes : semaine 25 min (IQR 18–32), week-end 40 min (IQR 30–50).");
  EXPECT_EQ(by_id(fr, "charts", "box")["traces"][1]["name"], "Week-end");
  // Plurals: one weekday selected is "1 day" / "1 jour", five are "5 days" / "5 jours".
  const auto one_fr = run(db, "weekend.volume", {{"lang", "fr"}, {"days", "mon,sat"}});
  const auto one_en = run(db, "weekend.volume", {{"lang", "en"}, {"days", "mon,sat"}});
  EXPECT_NE(by_id(one_fr, "metrics", "weekday_per_day")["help"]["text"].get<std::string>().find("(ici 1 jour)"),
            std::string::npos);
  EXPECT_NE(by_id(one_en, "metrics", "weekday_per_day")["help"]["text"].get<std::string>().find("(here 1 day)"),
            std::string::npos);
  const auto all_en = run(db, "weekend.volume", {{"lang", "en"}});
  EXPECT_NE(by_id(all_en, "metrics", "weekday_per_day")["help"]["text"].get<std::string>().find("(here 5 days)"),
            std::string::npos);
}

TEST(WeekendLanguage, ItemAndRatingAnalysesRenderInBothLanguagesFromOneResult) {
  AnalysisDb items;
  fill_items(items);
  expect_language_free_and_localized(items, "weekend.ingredients");
  expect_language_free_and_localized(items, "weekend.tags");
  AnalysisDb ratings;
  fill_ratings(ratings);
  expect_language_free_and_localized(ratings, "weekend.ratings");
}

TEST(WeekendCatalogue, RegistersSevenAnalyses) {
  for (const char* id : {"weekend.volume", "weekend.duration", "weekend.complexity", "weekend.nutrition",
                         "weekend.ingredients", "weekend.tags", "weekend.ratings"}) {
    const Analysis* a = find_analysis(id);
    ASSERT_NE(a, nullptr) << id;
    EXPECT_EQ(a->page, "weekend");
  }
  EXPECT_EQ(find_analysis("weekend.ratings")->defaults.date_basis, "rating");
  // The catalogue's titles are the catalog's messages, in both languages.
  EXPECT_EQ(find_analysis("weekend.volume")->title_en, "Recipe volume, weekday vs weekend");
  EXPECT_EQ(find_analysis("weekend.volume")->title_fr, "Volume de recettes, semaine vs week-end");
  EXPECT_EQ(find_analysis("weekend.tags")->title_fr, "Étiquettes qui diffèrent, semaine vs week-end");
}

}  // namespace
}  // namespace mtm::analysis
