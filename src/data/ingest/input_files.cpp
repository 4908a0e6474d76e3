#include "data/ingest/input_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "data/ingest/zip_archive.hpp"

namespace mtm::data::ingest {

namespace {

namespace fs = std::filesystem;

constexpr const char* kRecipes = "RAW_recipes.csv";
constexpr const char* kInteractions = "RAW_interactions.csv";
constexpr const char* kMarker = "GENERATED.json";
constexpr const char* kSplits[] = {"train", "validation", "test"};

std::optional<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

IngestInputs open_directory(const IngestOptions& options) {
  IngestInputs in;
  const fs::path recipes = options.recipes.empty() ? options.raw_dir / kRecipes : options.recipes;
  const fs::path interactions = options.interactions.empty() ? options.raw_dir / kInteractions : options.interactions;
  in.recipes.emplace(recipes.string());
  in.interactions.emplace(interactions.string());
  std::error_code ec;
  if (!options.raw_dir.empty() && fs::is_directory(options.raw_dir, ec)) {
    for (const char* part : kSplits) {
      const fs::path p = options.raw_dir / fmt::format("interactions_{}.csv", part);
      if (fs::exists(p, ec)) in.splits.emplace_back(fmt::format("interactions_{}", part), csv::CsvReader(p.string()));
    }
    const fs::path pp = options.raw_dir / "PP_users.csv";
    if (fs::exists(pp, ec)) in.pp_users.emplace(pp.string());
  }
  const fs::path marker = recipes.parent_path() / kMarker;
  in.source = describe_source(recipes.string() + ", " + interactions.string(), read_file(marker), marker.string());
  return in;
}

IngestInputs open_archive(const IngestOptions& options) {
  const ZipArchive archive(options.raw_dir);
  auto required = [&](const char* name) {
    auto entry = archive.find(name);
    if (!entry) {
      throw DataLoadError(
          options.raw_dir.string(),
          fmt::format("the archive has no {} (expected the Food.com files of the Kaggle download)", name));
    }
    return *entry;
  };
  IngestInputs in;
  const std::string recipes = required(kRecipes);
  const std::string interactions = required(kInteractions);
  in.recipes.emplace(options.recipes.empty() ? archive.reader(recipes) : csv::CsvReader(options.recipes.string()));
  in.interactions.emplace(options.interactions.empty() ? archive.reader(interactions)
                                                       : csv::CsvReader(options.interactions.string()));
  for (const char* part : kSplits) {
    if (auto entry = archive.find(fmt::format("interactions_{}.csv", part))) {
      in.splits.emplace_back(fmt::format("interactions_{}", part), archive.reader(*entry));
    }
  }
  if (auto entry = archive.find("PP_users.csv")) in.pp_users.emplace(archive.reader(*entry));
  std::optional<std::string> marker_text;
  const auto marker = archive.find(kMarker);
  if (marker) marker_text = archive.read_text(*marker, 1 << 16);
  in.source =
      describe_source(options.raw_dir.string(), marker_text, marker ? archive.display_name(*marker) : std::string());
  return in;
}

}  // namespace

SourceInfo describe_source(const std::string& files, const std::optional<std::string>& marker_text,
                           const std::string& marker_name) {
  SourceInfo info;
  info.source = files;
  if (!marker_text) return info;
  Json json = Json::parse(*marker_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    throw DataLoadError(marker_name, "not valid JSON (expected the generator's marker object)");
  }
  info.is_synthetic = true;
  if (json.contains("seed") && json["seed"].is_number_integer()) info.seed = json["seed"].get<std::int64_t>();
  if (json.contains("scale") && json["scale"].is_number()) info.scale = json["scale"].get<double>();
  info.source = fmt::format("synthetic demo, seed {}, scale {}", info.seed ? std::to_string(*info.seed) : "?",
                            info.scale ? fmt::format("{}", *info.scale) : "?");
  return info;
}

IngestInputs open_inputs(const IngestOptions& options) {
  std::error_code ec;
  if (!options.raw_dir.empty() && fs::is_regular_file(options.raw_dir, ec)) {
    if (!is_zip_file(options.raw_dir)) {
      throw DataLoadError(options.raw_dir.string(),
                          "not a zip archive (give the Kaggle download's .zip or a directory of CSV files)");
    }
    return open_archive(options);
  }
  return open_directory(options);
}

}  // namespace mtm::data::ingest
