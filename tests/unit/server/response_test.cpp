#include "server/response.hpp"

#include <gtest/gtest.h>

#include "server/gzip.hpp"
#include "server/static_assets.hpp"

namespace mtm::server {
namespace {

TEST(Response, StrongEtagIsQuotedAndDependsOnContent) {
  const std::string a = strong_etag("hello");
  EXPECT_EQ(a.front(), '"');
  EXPECT_EQ(a.back(), '"');
  EXPECT_EQ(a, strong_etag("hello"));
  EXPECT_NE(a, strong_etag("hellp"));
  // FNV-1a 64 of "" is the offset basis cbf29ce484222325.
  EXPECT_EQ(strong_etag(""), "\"cbf29ce484222325-0\"");
}

TEST(Response, IfNoneMatchTable) {
  const std::string tag = "\"abc-3\"";
  EXPECT_TRUE(etag_matches("\"abc-3\"", tag));
  EXPECT_TRUE(etag_matches("W/\"abc-3\"", tag));
  EXPECT_TRUE(etag_matches("\"x\", \"abc-3\"", tag));
  EXPECT_TRUE(etag_matches("*", tag));
  EXPECT_FALSE(etag_matches("", tag));
  EXPECT_FALSE(etag_matches("\"abc-4\"", tag));
  EXPECT_FALSE(etag_matches("abc-3", tag));
}

TEST(Response, MakeBodyCompressesOnlyWhenAskedAndWorthIt) {
  const auto small = make_body("{}", true);
  EXPECT_TRUE(small->gzip.empty());
  const std::string big(5000, 'z');
  const auto packed = make_body(big, true);
  EXPECT_EQ(gzip_decompress(packed->gzip), big);
  EXPECT_EQ(packed->etag, strong_etag(big));
  EXPECT_TRUE(make_body(big, false)->gzip.empty());
}

TEST(StaticAssets, ContentTypesByExtension) {
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("js/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("css/app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("i18n/fr.json"), "application/json; charset=utf-8");
  EXPECT_EQ(content_type_for("fonts/a.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("favicon.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("README"), "application/octet-stream");
}

TEST(StaticAssets, EmbeddedUiHasTheShellPlotlyAndFonts) {
  StaticAssets assets(embedded_files());
  for (const char* path : {"index.html", "css/app.css", "js/app.js", "js/lib/url_state.js", "i18n/en.json",
                           "i18n/fr.json", "vendor/plotly-cartesian.min.js", "fonts/inter-latin-400-normal.woff2",
                           "fonts/michroma-latin-400-normal.woff2"}) {
    EXPECT_NE(assets.find(path), nullptr) << path;
  }
  EXPECT_EQ(assets.find("../CMakeLists.txt"), nullptr);
  EXPECT_EQ(assets.find("vendor/plotly.min.js"), nullptr);  // the full bundle is not shipped
  const StaticAsset* plotly = assets.find("vendor/plotly-cartesian.min.js");
  ASSERT_NE(plotly, nullptr);
  EXPECT_EQ(plotly->cache_control(), "public, max-age=86400");
  // V8's compile hint first (cmake/embed_assets.py), then the bundle's own licence comment.
  EXPECT_EQ(plotly->data().substr(0, 29), "//# allFunctionsCalledOnLoad\n");
  EXPECT_NE(plotly->data().find("plotly.js"), std::string::npos);
  const StaticAsset* app = assets.find("js/app.js");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->cache_control(), "no-cache");
  EXPECT_EQ(gzip_decompress(app->gzip()), app->data());
  EXPECT_TRUE(assets.find("fonts/inter-latin-400-normal.woff2")->gzip().empty());
}

TEST(StaticAssets, TheIndexOfALanguagePreloadsItsCatalog) {
  StaticAssets assets(embedded_files());
  const std::string fr(assets.index_for("fr")->data());
  EXPECT_NE(fr.find(R"(<link rel="preload" href="/assets/i18n/fr.json" as="fetch" crossorigin>)"), std::string::npos);
  EXPECT_EQ(fr.find("i18n/en.json"), std::string::npos);
  EXPECT_EQ(fr.find(kCatalogPreloadMarker), std::string::npos);
  EXPECT_EQ(assets.index_for("fr")->content_type(), "text/html; charset=utf-8");
  EXPECT_NE(assets.index_for("fr")->etag(), assets.index_for("en")->etag());
  // A language without a catalog gets the page as embedded, which preloads none.
  EXPECT_EQ(assets.index_for("de"), assets.find("index.html"));
}

TEST(StaticAssets, CompressAllMakesEveryTextAssetsGzipCopy) {
  StaticAssets assets(embedded_files());
  assets.compress_all();
  std::size_t compressed = 0;
  for (const auto& file : embedded_files()) {
    const StaticAsset* asset = assets.find(file.path);
    ASSERT_NE(asset, nullptr) << file.path;
    if (asset->gzip().empty()) continue;
    ++compressed;
    EXPECT_EQ(gzip_decompress(asset->gzip()), file.data) << file.path;
  }
  EXPECT_GE(compressed, 20U) << "the HTML, CSS, modules, translations and Plotly are compressible";
}

}  // namespace
}  // namespace mtm::server
