#include "server/static_assets.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "present/catalog.hpp"
#include "server/gzip.hpp"
#include "server/response.hpp"

namespace mtm::server {

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

void StaticAssets::compress_all() const {
  for (const auto& [path, asset] : assets_) static_cast<void>(asset->gzip());
  for (const auto& [lang, index] : index_by_language_) static_cast<void>(index->gzip());
}

std::string content_type_for(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (ends_with(path, extension)) return std::string(type);
  }
  return "application/octet-stream";
}

StaticAsset::StaticAsset(std::string_view path, std::string_view data)
    : data_(data), content_type_(content_type_for(path)), etag_(strong_etag(data)) {
  compressible_ = content_type_.starts_with("text/") || content_type_.starts_with("application/json") ||
                  content_type_ == "image/svg+xml";
  // Vendored files only change with the binary; our own files revalidate each time (cheap 304s), so a
  // rebuilt UI is never served stale.
  const bool vendored = path.starts_with("vendor/") || path.starts_with("fonts/");
  cache_control_ = vendored ? "public, max-age=86400" : "no-cache";
}

std::string_view StaticAsset::gzip() const {
  if (!compressible_ || data_.size() < 256) return {};
  std::call_once(gzip_once_, [this] { gzip_ = gzip_compress(data_); });
  return gzip_;
}

StaticAssets::StaticAssets(std::span<const EmbeddedFile> files) {
  for (const auto& file : files) {
    if (file.path.empty()) continue;
    assets_.emplace(std::string(file.path), std::make_unique<StaticAsset>(file.path, file.data));
  }
  const auto& catalog = present::Catalog::instance();
  for (const auto& lang : catalog.languages()) {
    const std::string path = "i18n/" + lang + ".json";
    const auto& text = owned_.emplace_back(std::make_unique<const std::string>(catalog.browser_messages(lang).dump()));
    assets_.insert_or_assign(path, std::make_unique<StaticAsset>(path, *text));
  }
  add_language_indexes(catalog.languages());
}

void StaticAssets::add_language_indexes(const std::vector<std::string>& languages) {
  const StaticAsset* index = find("index.html");
  if (index == nullptr) return;
  const std::string page(index->data());
  const auto marker = page.find(kCatalogPreloadMarker);
  if (marker == std::string::npos) return;
  for (const auto& lang : languages) {
    std::string html = page;
    html.replace(marker, kCatalogPreloadMarker.size(),
                 fmt::format(R"(<link rel="preload" href="/assets/i18n/{}.json" as="fetch" crossorigin>)", lang));
    const auto& text = owned_.emplace_back(std::make_unique<const std::string>(std::move(html)));
    index_by_language_.insert_or_assign(lang, std::make_unique<StaticAsset>("index.html", *text));
  }
}

const StaticAsset* StaticAssets::index_for(std::string_view lang) const {
  const auto found = index_by_language_.find(lang);
  return found == index_by_language_.end() ? find("index.html") : found->second.get();
}

const StaticAsset* StaticAssets::find(std::string_view path) const {
  auto found = assets_.find(path);
  return found == assets_.end() ? nullptr : found->second.get();
}

}  // namespace mtm::server
