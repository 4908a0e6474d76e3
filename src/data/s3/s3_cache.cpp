#include "data/s3/s3_cache.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace mtm::data::s3 {

namespace fs = std::filesystem;

namespace {

std::string object_id(const S3Location& loc, const std::string& key) {
  return "s3://" + loc.bucket + "/" + key;
}

// The local name of an object: its last key segment, refused when it could escape the cache directory.
std::string local_name(const std::string& key, const std::string& source) {
  const std::size_t slash = key.rfind('/');
  std::string name = slash == std::string::npos ? key : key.substr(slash + 1);
  if (name.empty() || name == "." || name == ".." || name.front() == '.') {
    throw DataLoadError(source, "object key '" + key + "' does not end in a usable file name");
  }
  return name;
}

}  // namespace

S3Cache::S3Cache(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw DataLoadError(dir_.string(), "cannot create the download directory: " + ec.message());
  std::ifstream in(index_path(), std::ios::binary);
  if (!in) return;
  // A damaged index only costs a re-download, so it is never an error.
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("objects") || !j["objects"].is_object()) return;
  for (const auto& [url, v] : j["objects"].items()) {
    if (!v.is_object() || !v.contains("etag") || !v["etag"].is_string() || !v.contains("size") ||
        !v["size"].is_number_integer() || !v.contains("file") || !v["file"].is_string()) {
      continue;
    }
    entries_[url] =
        CacheEntry{v["etag"].get<std::string>(), v["size"].get<std::int64_t>(), v["file"].get<std::string>()};
  }
}

std::optional<CacheEntry> S3Cache::lookup(const std::string& object_url) const {
  const auto it = entries_.find(object_url);
  if (it == entries_.end() || it->second.etag.empty()) return std::nullopt;
  std::error_code ec;
  const auto size = fs::file_size(dir_ / it->second.file, ec);
  if (ec || static_cast<std::int64_t>(size) != it->second.size) return std::nullopt;
  return it->second;
}

void S3Cache::record(const std::string& object_url, const CacheEntry& entry) {
  entries_[object_url] = entry;
  nlohmann::json objects = nlohmann::json::object();
  for (const auto& [url, e] : entries_) objects[url] = {{"etag", e.etag}, {"size", e.size}, {"file", e.file}};
  const nlohmann::json j = {{"version", 1}, {"objects", objects}};
  fs::path tmp = index_path();
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << j.dump(2) << '\n';
    if (!out) throw DataLoadError(tmp.string(), "cannot write the cache index");
  }
  std::error_code ec;
  fs::rename(tmp, index_path(), ec);
  if (ec) throw DataLoadError(index_path().string(), "cannot replace the cache index: " + ec.message());
}

const std::vector<std::string>& required_dataset_files() {
  static const std::vector<std::string> files{"RAW_recipes.csv", "RAW_interactions.csv"};
  return files;
}

const std::vector<std::string>& optional_dataset_files() {
  static const std::vector<std::string> files{"GENERATED.json", "PP_users.csv", "interactions_train.csv",
                                              "interactions_validation.csv", "interactions_test.csv"};
  return files;
}

FetchResult fetch_objects(const S3Client& client, const FetchRequest& request) {
  const S3Location& loc = request.location;
  const std::string source = "s3://" + loc.bucket + "/" + loc.prefix;
  S3Cache cache(request.out_dir);
  FetchResult result;

  // The keys to fetch: every required file (checked in the listing) and the optional ones present.
  std::vector<std::string> wanted;
  std::string unavailable;  // set when S3 could not be reached for the listing
  if (!request.object.empty()) {
    wanted.push_back(loc.prefix + request.object);
  } else {
    std::vector<ObjectInfo> listing;
    try {
      listing = client.list_objects(loc.bucket, loc.prefix);
    } catch (const S3UnavailableError& e) {
      unavailable = e.detail();
    }
    auto listed = [&listing](const std::string& key) {
      return std::any_of(listing.begin(), listing.end(), [&key](const ObjectInfo& o) { return o.key == key; });
    };
    for (const auto& name : required_dataset_files()) {
      const std::string key = loc.prefix + name;
      if (unavailable.empty() && !listed(key)) throw DataLoadError(source, "required object " + name + " not found");
      wanted.push_back(key);
    }
    for (const auto& name : optional_dataset_files()) {
      const std::string key = loc.prefix + name;
      if (unavailable.empty() ? listed(key) : cache.lookup(object_id(loc, key)).has_value()) {
        wanted.push_back(key);
      }
    }
  }

  for (const auto& key : wanted) {
    const std::string id = object_id(loc, key);
    const std::string name = local_name(key, id);
    const fs::path dest = request.out_dir / name;
    const std::optional<CacheEntry> cached = cache.lookup(id);
    auto use_cached_copy = [&](const std::string& why) {
      if (!cached) {
        throw DataLoadError(id, why + "; no cached copy in " + request.out_dir.string());
      }
      result.warnings.push_back(why + "; using the cached copy " + dest.string() + " (ETag " + cached->etag + ")");
      result.objects.push_back({key, dest, cached->etag, cached->size, FetchStatus::CachedOffline});
      ++result.offline;
    };
    if (!unavailable.empty()) {
      use_cached_copy(unavailable);
      continue;
    }
    GetResult got;
    try {
      got = client.get_object(loc.bucket, key, dest, cached ? cached->etag : std::string());
    } catch (const S3UnavailableError& e) {
      use_cached_copy(e.detail());
      continue;
    }
    if (got.not_modified) {
      result.objects.push_back({key, dest, cached->etag, cached->size, FetchStatus::NotModified});
      ++result.not_modified;
      continue;
    }
    cache.record(id, CacheEntry{got.etag, got.bytes, name});
    result.objects.push_back({key, dest, got.etag, got.bytes, FetchStatus::Downloaded});
    ++result.downloaded;
  }
  return result;
}

}  // namespace mtm::data::s3
