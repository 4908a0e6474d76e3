// The shared words render from the catalogs in each language: names, verdicts, p-values, numbers.
#include "analysis/words.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "present/render.hpp"

namespace mtm::analysis {
namespace {

std::string in(const nlohmann::json& node, const char* lang) {
  return present::render(node, lang).get<std::string>();
}

TEST(WordsTest, SeasonAndDayNames) {
  EXPECT_EQ(in(season_label("summer"), "en"), "Summer");
  EXPECT_EQ(in(season_label("summer"), "fr"), "Été");
  EXPECT_EQ(in(season_in_sentence_label("summer"), "fr"), "été");
  EXPECT_EQ(in(day_label(6), "fr"), "Samedi");
  EXPECT_EQ(in(day_short_label(7), "en"), "Sun");
}

TEST(WordsTest, EffectSizesAndVerdicts) {
  EXPECT_EQ(in(effect_size_label(0.1), "en"), "negligible");
  EXPECT_EQ(in(effect_size_label(-0.6), "fr"), "moyen");
  EXPECT_EQ(in(effect_size_label(NAN), "fr"), "indéterminé");
  EXPECT_EQ(in(significance_label(0.01, 0.05, 0.1), "en"), "significant but negligible");
  EXPECT_EQ(in(significance_label(0.01, 0.5, 0.1), "fr"), "significatif");
  EXPECT_EQ(in(significance_label(kSignificanceLevel, 0.5, 0.1), "fr"), "non significatif");
}

TEST(WordsTest, PValuesTheLanguageWay) {
  EXPECT_EQ(in(p_label(0.01234), "en"), "= 0.0123");
  EXPECT_EQ(in(p_label(0.01234), "fr"), "= 0,0123");
  EXPECT_EQ(in(p_label(1.234e-5), "en"), "= 1.23E-5");
  EXPECT_EQ(in(p_label(1.234e-5), "fr"), "= 1,23E-5");
  EXPECT_EQ(in(p_label(0.0), "fr"), "< 1e-300");
  // A chi-square of 19,000 on 6 df: the p-value underflows; never "= < 1e-300".
  EXPECT_EQ(in(p_label(1e-320), "en"), "< 1e-300");
  EXPECT_EQ(in(p_label(0.5), "fr"), "= 0,5000");
  EXPECT_EQ(in(p_label(NAN), "fr"), "n.d.");
}

TEST(WordsTest, NumbersWithTheLanguagesSeparators) {
  EXPECT_EQ(in(number_label(12345.678, 1), "en"), "12,345.7");
  EXPECT_EQ(in(number_label(12345.678, 1), "fr"), "12\u202f345,7");
  // Ties round half to even, as the printf-style formatting before it did.
  EXPECT_EQ(in(number_label(2.5, 0), "en"), "2");
  EXPECT_EQ(in(number_label(3.5, 0), "en"), "4");
  EXPECT_EQ(in(signed_label(0.5, 2), "en"), "+0.50");
  EXPECT_EQ(in(signed_label(-1.2, 2), "fr"), "-1,20");
  EXPECT_EQ(in(number_label(INFINITY, 2), "en"), "n/a");
}

}  // namespace
}  // namespace mtm::analysis
