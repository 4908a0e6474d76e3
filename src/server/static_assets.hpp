// The embedded web UI as servable assets: content type, ETag, Cache-Control and a gzip copy made on
// first use. Built once at server start; lookups and lazy compression are thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/embedded_assets.hpp"

namespace mtm::server {

class StaticAsset {
 public:
  StaticAsset(std::string_view path, std::string_view data);
  [[nodiscard]] std::string_view data() const noexcept { return data_; }
  [[nodiscard]] const std::string& content_type() const noexcept { return content_type_; }
  [[nodiscard]] const std::string& etag() const noexcept { return etag_; }
  [[nodiscard]] const std::string& cache_control() const noexcept { return cache_control_; }
  /// The gzip encoding, computed once on first call; empty for already-compressed formats (fonts, images).
  [[nodiscard]] std::string_view gzip() const;

 private:
  std::string_view data_;
  std::string content_type_;
  std::string etag_;
  std::string cache_control_;
  bool compressible_ = false;
  mutable std::once_flag gzip_once_;
  mutable std::string gzip_;
};

/// The comment of index.html that the server replaces with the preload of the request's catalog.
inline constexpr std::string_view kCatalogPreloadMarker = "<!--catalog-preload-->";

class StaticAssets {
 public:
  /// The embedded files, plus i18n/<lang>.json for every message catalog the server speaks
  /// (present::Catalog: the same catalogs the server renders with, MTM_I18N_DIR's when it is set).
  explicit StaticAssets(std::span<const EmbeddedFile> files);
  /// The asset published at path (relative, e.g. "js/app.js"), or nullptr.
  [[nodiscard]] const StaticAsset* find(std::string_view path) const;
  /// index.html with the catalog of lang preloaded (the page's first fetch, started with its modules);
  /// index.html itself for a language without a catalog.
  [[nodiscard]] const StaticAsset* index_for(std::string_view lang) const;
  [[nodiscard]] std::size_t size() const noexcept { return assets_.size(); }
  /// Makes every gzip copy now (Plotly's 4.9 MB take ~0.25 s), so that no visitor's request waits for one.
  void compress_all() const;

 private:
  std::map<std::string, std::unique_ptr<StaticAsset>, std::less<>> assets_;
  std::map<std::string, std::unique_ptr<StaticAsset>, std::less<>> index_by_language_;
  void add_language_indexes(const std::vector<std::string>& languages);
  // Bytes of the assets made at start rather than embedded (the message catalogs, the indexes per language).
  std::vector<std::unique_ptr<const std::string>> owned_;
};

/// Content type for a file name by extension ("application/octet-stream" when unknown).
std::string content_type_for(std::string_view path);

}  // namespace mtm::server
