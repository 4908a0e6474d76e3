// The catalogs compiled into the binary parse with ICU, hold the same ids in every language, and format
// numbers, plurals and selects the language's way.
#include "present/catalog.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace mtm::present {
namespace {

Catalog sample() {
  return Catalog({{"en",
                   {{"words", "{count, plural, one {# word} other {# words}}"},
                    {"slope", "{value, number, ::.00} min/year"},
                    {"season", "in {season, select, summer {summer} other {winter}}"},
                    {"only_en", "English only"}}},
                  {"fr",
                   {{"words", "{count, plural, one {# mot} other {# mots}}"},
                    {"slope", "{value, number, ::.00} min/an"},
                    {"season", "en {season, select, summer {été} other {hiver}}"}}}});
}

TEST(CatalogTest, EmbeddedCatalogsParseAndShareTheirIds) {
  const Catalog& catalog = Catalog::instance();
  ASSERT_TRUE(catalog.has_language("en"));
  ASSERT_TRUE(catalog.has_language("fr"));
  EXPECT_EQ(catalog.ids("en"), catalog.ids("fr"));
  EXPECT_GT(catalog.ids("en").size(), 100U);
}

TEST(CatalogTest, PluralsFollowTheLanguage) {
  const Catalog catalog = sample();
  EXPECT_EQ(catalog.format("en", "words", {{"count", 1}}), "1 word");
  EXPECT_EQ(catalog.format("en", "words", {{"count", 2}}), "2 words");
  EXPECT_EQ(catalog.format("fr", "words", {{"count", 1}}), "1 mot");
  // French uses the singular for 0 and 1.
  EXPECT_EQ(catalog.format("fr", "words", {{"count", 0}}), "0 mot");
  EXPECT_EQ(catalog.format("fr", "words", {{"count", 1500}}), "1\u202f500 mots");
}

TEST(CatalogTest, NumberSkeletonsUseTheLocaleSeparators) {
  const Catalog catalog = sample();
  EXPECT_EQ(catalog.format("en", "slope", {{"value", -0.5922}}), "-0.59 min/year");
  EXPECT_EQ(catalog.format("fr", "slope", {{"value", -0.5922}}), "-0,59 min/an");
}

TEST(CatalogTest, SelectAndFallbackToEnglish) {
  const Catalog catalog = sample();
  EXPECT_EQ(catalog.format("fr", "season", {{"season", "summer"}}), "en été");
  EXPECT_EQ(catalog.format("fr", "only_en", nlohmann::json::object()), "English only");
  EXPECT_FALSE(catalog.has("fr", "only_en"));
  const std::size_t before = Catalog::missing_count();
  EXPECT_EQ(catalog.format("fr", "nowhere", nlohmann::json::object()), "nowhere");
  EXPECT_EQ(Catalog::missing_count(), before + 1);
}

TEST(CatalogTest, TheBrowsersCatalogIsOneLanguageWithEnglishFilledInAndNoServerRenderedMessage) {
  const Catalog catalog({{"en", {{"nav.home", "Home"}, {"nav.data", "Data"}, {"weekend.volume.title", "Volume"}}},
                         {"fr", {{"nav.home", "Accueil"}, {"trends.volume.title", "Volume"}}}});
  EXPECT_EQ(catalog.browser_messages("fr"), (nlohmann::json{{"nav.home", "Accueil"}, {"nav.data", "Data"}}));
  EXPECT_EQ(catalog.browser_messages("en"), (nlohmann::json{{"nav.home", "Home"}, {"nav.data", "Data"}}));
  EXPECT_TRUE(catalog.browser_messages("de").is_null());
}

TEST(CatalogTest, APatternThatDoesNotParseNamesItsLanguageAndId) {
  try {
    Catalog({{"fr", {{"broken", "{count, plural, one {# mot}"}}}});
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("'broken' of catalog 'fr'"), std::string::npos) << error.what();
  }
}

TEST(CatalogTest, ADirectoryOfCatalogFilesAddsALanguage) {
  const auto dir = std::filesystem::temp_directory_path() / "mtm_catalog_dir_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "en.json") << R"({"hello": "Hello {name}"})";
  std::ofstream(dir / "de.json") << R"({"hello": "Hallo {name}"})";
  const Catalog catalog = Catalog::from_directory(dir.string());
  EXPECT_EQ(catalog.languages(), (std::vector<std::string>{"de", "en"}));
  EXPECT_EQ(catalog.format("de", "hello", {{"name", "Ada"}}), "Hallo Ada");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mtm::present
