// The files of the web UI compiled into the binary (generated at build time by cmake/embed_assets.py
// from web/, Plotly and the fonts). Immutable static data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace mtm::server {

struct EmbeddedFile {
  /// Published path relative to the asset root, e.g. "js/app.js" or "vendor/plotly.min.js".
  std::string_view path;
  std::string_view data;
};

/// Every embedded file.
std::span<const EmbeddedFile> embedded_files();

}  // namespace mtm::server
