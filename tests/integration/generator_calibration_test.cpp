// The synthetic dataset tells the real data's story: one `mangetamain generate --scale 0.05` run, read back
// with DuckDB's own CSV reader (independent of our ingest), checked against the published facts of
// dataset-facts-and-peers.md §A and seed-app-inventory.md §8 within the tolerances stated per test.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "data/duckdb.hpp"
#include "support/temp_dir.hpp"

namespace {

using mtm::test::TempDir;

constexpr double kScale = 0.05;

double as_double(const mtm::db::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  ADD_FAILURE() << "not a number: " << mtm::db::to_text(v);
  return NAN;
}

class GeneratorCalibration : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const auto out = dir_->path() / "raw";
    std::string log;
    const int status = mtm::test::run_command(
        mtm::test::binary_path() + " generate --out " + out.string() + " --scale 0.05 --seed 7", &log);
    ASSERT_EQ(status, 0) << log;
    db_ = std::make_unique<mtm::db::Database>(":memory:");
    con_ = std::make_unique<mtm::db::Connection>(*db_);
    // DuckDB's reader with explicit types; the season/weekday columns follow the database contract.
    mtm::db::PreparedStatement recipes(
        *con_,
        "CREATE TABLE r AS SELECT *, year(submitted) AS y, month(submitted) AS m, isodow(submitted) AS wd, "
        "CASE WHEN month(submitted) IN (12, 1, 2) THEN 'winter' WHEN month(submitted) <= 5 THEN 'spring' "
        "WHEN month(submitted) <= 8 THEN 'summer' ELSE 'autumn' END AS season, "
        "CAST(string_split(trim(nutrition, '[]'), ', ')[1] AS DOUBLE) AS calories "
        "FROM read_csv(?, header = true, quote = '\"', escape = '\"', columns = {'name': 'VARCHAR', "
        "'id': 'BIGINT', 'minutes': 'BIGINT', 'contributor_id': 'BIGINT', 'submitted': 'DATE', 'tags': "
        "'VARCHAR', 'nutrition': 'VARCHAR', 'n_steps': 'INTEGER', 'steps': 'VARCHAR', 'description': "
        "'VARCHAR', 'ingredients': 'VARCHAR', 'n_ingredients': 'INTEGER'})");
    recipes.bind(1, (out / "RAW_recipes.csv").string()).execute();
    mtm::db::PreparedStatement interactions(
        *con_,
        "CREATE TABLE i AS SELECT *, year(date) AS y, isodow(date) AS wd, "
        "CASE WHEN month(date) IN (12, 1, 2) THEN 'winter' WHEN month(date) <= 5 THEN 'spring' "
        "WHEN month(date) <= 8 THEN 'summer' ELSE 'autumn' END AS season "
        "FROM read_csv(?, header = true, quote = '\"', escape = '\"', columns = {'user_id': 'BIGINT', "
        "'recipe_id': 'BIGINT', 'date': 'DATE', 'rating': 'INTEGER', 'review': 'VARCHAR'})");
    interactions.bind(1, (out / "RAW_interactions.csv").string()).execute();
  }
  static void TearDownTestSuite() {
    con_.reset();
    db_.reset();
    dir_.reset();
  }
  static double num(const std::string& sql) { return as_double(con_->query(sql).scalar()); }
  /// Rows of (key, value) from a two-column query.
  static std::map<std::string, double> pairs(const std::string& sql) {
    std::map<std::string, double> out;
    for (const auto& row : con_->query(sql).rows()) out[mtm::db::to_text(row[0])] = as_double(row[1]);
    return out;
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<mtm::db::Database> db_;
  static std::unique_ptr<mtm::db::Connection> con_;
};

std::unique_ptr<TempDir> GeneratorCalibration::dir_;
std::unique_ptr<mtm::db::Database> GeneratorCalibration::db_;
std::unique_ptr<mtm::db::Connection> GeneratorCalibration::con_;

TEST_F(GeneratorCalibration, CountsAreTheRealCountsScaled) {
  // facts §A.1-§A.2 times 0.05, ±1 %.
  EXPECT_NEAR(num("SELECT count(*) FROM r"), 231'637 * kScale, 231'637 * kScale * 0.01);
  EXPECT_NEAR(num("SELECT count(*) FROM i"), 1'132'367 * kScale, 1'132'367 * kScale * 0.01);
  EXPECT_NEAR(num("SELECT count(DISTINCT user_id) FROM i"), 226'570 * kScale, 226'570 * kScale * 0.01);
  EXPECT_NEAR(num("SELECT count(DISTINCT contributor_id) FROM r"), 27'926 * kScale, 27'926 * kScale * 0.01);
  EXPECT_EQ(num("SELECT count(DISTINCT id) FROM r"), num("SELECT count(*) FROM r"));
}

TEST_F(GeneratorCalibration, EveryRecipeIsReviewedAndNeverBeforeItsSubmission) {
  EXPECT_EQ(num("SELECT count(*) FROM r WHERE id NOT IN (SELECT recipe_id FROM i)"), 0);
  EXPECT_EQ(num("SELECT count(*) FROM i WHERE recipe_id NOT IN (SELECT id FROM r)"), 0);
  EXPECT_EQ(num("SELECT count(*) FROM i JOIN r ON i.recipe_id = r.id WHERE i.date < r.submitted"), 0);
  EXPECT_EQ(num("SELECT count(*) FROM (SELECT user_id, recipe_id FROM i GROUP BY ALL HAVING count(*) > 1)"), 0);
}

TEST_F(GeneratorCalibration, DatesStayInTheRealRanges) {
  // facts §A.3: submitted 1999-08-06..2018-12-04, interactions 2000-01-25..2018-12-20.
  EXPECT_EQ(num("SELECT count(*) FROM r WHERE submitted < DATE '1999-08-06' OR submitted > DATE '2018-12-04'"), 0);
  EXPECT_EQ(num("SELECT count(*) FROM i WHERE date < DATE '2000-01-25' OR date > DATE '2018-12-20'"), 0);
  EXPECT_EQ(num("SELECT count(DISTINCT y) FROM r"), 20);  // every year 1999..2018
}

TEST_F(GeneratorCalibration, InteractionsPerUserAndRecipeAreHeavyTailed) {
  // facts §A.2: 73.38 % of users rate once (±5 pp); per recipe median 2, max 1,613.
  EXPECT_NEAR(num("SELECT avg((n = 1)::INT) FROM (SELECT count(*) AS n FROM i GROUP BY user_id)"), 0.7338, 0.05);
  EXPECT_EQ(num("SELECT median(n) FROM (SELECT count(*) AS n FROM i GROUP BY recipe_id)"), 2);
  const double max_per_recipe = num("SELECT max(n) FROM (SELECT count(*) AS n FROM i GROUP BY recipe_id)");
  EXPECT_LE(max_per_recipe, 1'613);
  EXPECT_GE(max_per_recipe, 100);  // heavy tail: far above the mean of 4.9
  EXPECT_GE(num("SELECT max(n) FROM (SELECT count(*) AS n FROM i GROUP BY user_id)"), 100);
}

TEST_F(GeneratorCalibration, RatingSharesMatchTheRealDistribution) {
  // facts §A.4: 0..5 = 5.37 / 1.13 / 1.25 / 3.61 / 16.55 / 72.09 % (±1 pp).
  const auto shares = pairs("SELECT rating, count(*) / sum(count(*)) OVER () FROM i GROUP BY rating");
  const std::map<std::string, double> real = {{"0", 0.0537}, {"1", 0.0113}, {"2", 0.0125},
                                              {"3", 0.0361}, {"4", 0.1655}, {"5", 0.7209}};
  ASSERT_EQ(shares.size(), 6U);
  for (const auto& [rating, share] : real) EXPECT_NEAR(shares.at(rating), share, 0.01) << "rating " << rating;
  // seed §8.6: the rated mean is flat over time (yearly means of the busy years within ±0.05 of 4.66).
  for (const auto& [year, mean] :
       pairs("SELECT y, avg(rating) FROM i WHERE rating > 0 GROUP BY y HAVING count(*) >= 1000")) {
    EXPECT_NEAR(mean, 4.66, 0.05) << year;
  }
}

TEST_F(GeneratorCalibration, YearlyCurvesPeakIn2007And2008) {
  // seed §8.3: submissions peak in 2007 then decline steeply; facts §A.7: interactions peak in 2008.
  EXPECT_EQ(num("SELECT y FROM r GROUP BY y ORDER BY count(*) DESC LIMIT 1"), 2007);
  EXPECT_EQ(num("SELECT y FROM i GROUP BY y ORDER BY count(*) DESC LIMIT 1"), 2008);
  EXPECT_LT(num("SELECT count(*) FROM r WHERE y = 2012"), 0.2 * num("SELECT count(*) FROM r WHERE y = 2007"));
}

TEST_F(GeneratorCalibration, SpringIsTheBusiestSeasonAndMondayTheBusiestDay) {
  // seed §8.4: spring +8.7 %, the others -2 to -4 %; seed §8.5: Mon +45 %, Sat -49 %, Sun -36 %.
  const auto seasons = pairs("SELECT season, count(*) FROM r GROUP BY season");
  for (const char* other : {"winter", "summer", "autumn"}) EXPECT_GE(seasons.at("spring"), 1.05 * seasons.at(other));
  const auto days = pairs("SELECT wd, count(*) FROM r GROUP BY wd");
  ASSERT_EQ(days.size(), 7U);
  for (const auto& [day, n] : days) {
    if (day != "1") {
      EXPECT_GT(days.at("1"), n) << day;
    }
    if (day != "6") {
      EXPECT_LT(days.at("6"), n) << day;
    }
  }
  // Interactions by rating date are close to the calendar share 2/7 (facts §A.7: 29.1 %).
  EXPECT_NEAR(num("SELECT avg((wd >= 6)::INT) FROM i"), 0.291, 0.02);
}

TEST_F(GeneratorCalibration, MinutesStepsAndIngredientsHaveTheRealShapeAndOutliers) {
  // facts §A.5: minutes p25/median/p75 = 20/40/65 (±5 / ±5 / ±10), n_steps median 9 (±1), n_ingredients
  // median 9 (±1), n_ingredients 1..43; the named outliers.
  EXPECT_NEAR(num("SELECT quantile_disc(minutes, 0.25) FROM r"), 20, 5);
  EXPECT_NEAR(num("SELECT quantile_disc(minutes, 0.5) FROM r"), 40, 5);
  EXPECT_NEAR(num("SELECT quantile_disc(minutes, 0.75) FROM r"), 65, 10);
  EXPECT_NEAR(num("SELECT median(n_steps) FROM r"), 9, 1);
  EXPECT_NEAR(num("SELECT median(n_ingredients) FROM r"), 9, 1);
  EXPECT_GE(num("SELECT min(n_ingredients) FROM r"), 1);
  EXPECT_LE(num("SELECT max(n_ingredients) FROM r"), 43);
  EXPECT_EQ(num("SELECT max(minutes) FROM r"), 2'147'483'647);
  EXPECT_EQ(num("SELECT count(*) FROM r WHERE minutes = 1051200"), 1);
  EXPECT_EQ(num("SELECT count(*) FROM r WHERE n_steps = 0 AND steps = '[]'"), 1);
  EXPECT_GT(num("SELECT count(*) FROM r WHERE minutes = 0"), 0);
  EXPECT_EQ(num("SELECT count(*) FROM r WHERE name IS NULL"), 1);
}

TEST_F(GeneratorCalibration, DurationFallsAndComplexityRisesOverTheYears) {
  // seed §8.3: WLS slope of the yearly mean minutes (1..180 min) -0.46 min/year; complexity +0.10/year.
  // Weighted least squares with weights = recipes per year, computed in SQL.
  const std::string wls =
      "SELECT sum(w * (x - mx) * (v - mv)) / sum(w * (x - mx) * (x - mx)) FROM ("
      "  SELECT *, sum(w * x) OVER () / sum(w) OVER () AS mx, sum(w * v) OVER () / sum(w) OVER () AS mv FROM ("
      "    SELECT y AS x, count(*) AS w, avg(VALUE) AS v FROM r WHERE minutes BETWEEN 1 AND 180 GROUP BY y))";
  auto slope = [&](const std::string& value) {
    std::string sql = wls;
    sql.replace(sql.find("VALUE"), 5, value);
    return num(sql);
  };
  EXPECT_LT(slope("minutes"), 0);
  EXPECT_GT(slope("ln(1 + minutes) + n_steps + 0.5 * n_ingredients"), 0);
  EXPECT_LT(slope("calories"), 0);  // seed §8.3: calories -12.7 kcal/year
}

TEST_F(GeneratorCalibration, NutritionHasTheRealCentreTailAndSeasons) {
  // facts §A.6: median calories ≈ 320 (±40), heavy right tail; seed §8.4: autumn the most caloric and
  // sugary, summer lighter; autumn and winter longer and more complex than summer.
  EXPECT_NEAR(num("SELECT median(calories) FROM r"), 320, 40);
  EXPECT_GT(num("SELECT avg(calories) FROM r"), num("SELECT median(calories) FROM r") * 1.2);
  EXPECT_EQ(num("SELECT count(*) FROM r WHERE len(string_split(trim(nutrition, '[]'), ', ')) <> 7"), 0);
  const auto cal = pairs("SELECT season, avg(calories) FROM r GROUP BY season");
  EXPECT_GT(cal.at("autumn"), cal.at("summer"));
  EXPECT_GT(cal.at("autumn"), cal.at("spring"));
  const auto sugar =
      pairs("SELECT season, avg(CAST(string_split(trim(nutrition, '[]'), ', ')[3] AS DOUBLE)) FROM r GROUP BY season");
  EXPECT_GT(sugar.at("autumn"), sugar.at("summer"));
  const auto minutes = pairs("SELECT season, avg(minutes) FROM r WHERE minutes BETWEEN 1 AND 180 GROUP BY season");
  EXPECT_GT(minutes.at("autumn"), minutes.at("summer"));
  EXPECT_GT(minutes.at("winter"), minutes.at("summer"));
  const auto steps = pairs("SELECT season, avg(n_steps) FROM r GROUP BY season");
  EXPECT_GT(steps.at("autumn"), steps.at("summer"));
}

TEST_F(GeneratorCalibration, VocabulariesCarryTheRealTopItemsSeasonsAndTrends) {
  // facts §A.8: salt on ~37 % of recipes, preparation on ~99.7 %; seed §8.4 seasonal items; seed §8.3 trends.
  EXPECT_NEAR(num("SELECT avg(contains(ingredients, '''salt''')::INT) FROM r"), 0.36, 0.04);
  EXPECT_GT(num("SELECT avg(contains(tags, '''preparation''')::INT) FROM r"), 0.98);
  // Share of recipes whose list literal holds the exact item (column and filter are fixed SQL).
  auto share = [&](const std::string& column, const std::string& item, const std::string& where) {
    mtm::db::PreparedStatement st(*con_, "SELECT avg(contains(" + column + ", ?)::INT) FROM r WHERE " + where);
    return as_double(st.bind(1, "'" + item + "'").execute().scalar());
  };
  EXPECT_GT(share("ingredients", "zucchini", "season = 'summer'"),
            1.5 * share("ingredients", "zucchini", "season = 'winter'"));
  EXPECT_GT(share("tags", "thanksgiving", "season = 'autumn'"), 3 * share("tags", "thanksgiving", "season = 'spring'"));
  EXPECT_GT(share("tags", "christmas", "season = 'winter'"), 3 * share("tags", "christmas", "season = 'summer'"));
  EXPECT_GT(share("ingredients", "kosher salt", "y >= 2010"), 2 * share("ingredients", "kosher salt", "y <= 2004"));
  EXPECT_LT(share("ingredients", "sugar", "y >= 2010"), share("ingredients", "sugar", "y <= 2004"));
  EXPECT_LT(share("tags", "dietary", "y >= 2010"), share("tags", "dietary", "y <= 2004"));
  // Distinct strings: realistic vocabularies (14,941 ingredients / 510 tags at full scale).
  EXPECT_GT(num("SELECT count(DISTINCT x) FROM (SELECT unnest(string_split(trim(tags, '[]'), ', ')) AS x FROM r)"),
            400);
}

TEST_F(GeneratorCalibration, TextHasTheRealQuirks) {
  // facts §A.1 / §A.9: ~2.15 % empty descriptions, ~169 empty reviews at scale 1, multi-line reviews with
  // CRLF, HTML entities, names with double spaces (18.6 %).
  EXPECT_NEAR(num("SELECT avg((description IS NULL)::INT) FROM r"), 0.0215, 0.01);
  EXPECT_LE(num("SELECT count(*) FROM i WHERE review IS NULL"), 169 * kScale * 3 + 5);
  EXPECT_NEAR(num("SELECT avg(contains(review, chr(13) || chr(10))::INT) FROM i"), 0.065, 0.02);
  EXPECT_GT(num("SELECT count(*) FROM i WHERE contains(review, '&#039;')"), 0);
  EXPECT_NEAR(num("SELECT avg(contains(name, '  ')::INT) FROM r"), 0.186, 0.03);
  EXPECT_EQ(num("SELECT count(*) FROM r WHERE name <> lower(name)"), 0);
  EXPECT_GT(num("SELECT count(*) FROM r WHERE contains(ingredients, ', juice of''')"), 0);
}

}  // namespace
