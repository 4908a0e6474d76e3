#include "data/ingest/zip_archive.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <fstream>
#include <memory>

#include "core/errors.hpp"

namespace mtm::data::ingest {

namespace {

namespace fs = std::filesystem;

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ArchiveHandle = std::unique_ptr<zip_t, ArchiveCloser>;

ArchiveHandle open_archive(const fs::path& path) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive == nullptr) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw DataLoadError(path.string(), "cannot read the zip archive: " + message);
  }
  return ArchiveHandle(archive);
}

// One entry, decompressed as it is read; owns its own archive handle (libzip handles are not shared
// between threads).
class ZipEntrySource final : public csv::ByteSource {
 public:
  ZipEntrySource(ArchiveHandle archive, zip_file_t* file, std::string source)
      : archive_(std::move(archive)), file_(file), source_(std::move(source)) {}
  ~ZipEntrySource() override { zip_fclose(file_); }
  ZipEntrySource(const ZipEntrySource&) = delete;
  ZipEntrySource& operator=(const ZipEntrySource&) = delete;
  std::size_t read(char* out, std::size_t size) override {
    const zip_int64_t n = zip_fread(file_, out, size);
    if (n < 0) {
      throw DataLoadError(source_, fmt::format("corrupt archive entry after {} bytes: {}", offset_,
                                               zip_error_strerror(zip_file_get_error(file_))));
    }
    offset_ += static_cast<std::size_t>(n);
    return static_cast<std::size_t>(n);
  }

 private:
  ArchiveHandle archive_;
  zip_file_t* file_;
  std::string source_;
  std::size_t offset_ = 0;
};

zip_file_t* open_entry(zip_t* archive, const std::string& entry, const std::string& source) {
  zip_file_t* file = zip_fopen(archive, entry.c_str(), 0);
  if (file == nullptr) throw DataLoadError(source, std::string("cannot open entry: ") + zip_strerror(archive));
  return file;
}

}  // namespace

bool is_zip_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == '\x03' && magic[3] == '\x04';
}

ZipArchive::ZipArchive(fs::path path) : path_(std::move(path)) {
  const ArchiveHandle archive = open_archive(path_);
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    if (const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0)) entries_.emplace_back(name);
  }
}

std::optional<std::string> ZipArchive::find(const std::string& name) const {
  for (const auto& entry : entries_) {
    const std::size_t slash = entry.rfind('/');
    const std::string_view base =
        slash == std::string::npos ? std::string_view(entry) : std::string_view(entry).substr(slash + 1);
    // Skip the resource forks a Mac adds (__MACOSX/._RAW_recipes.csv): their base names start with "._".
    if (base == name && entry.find("__MACOSX/") == std::string::npos) return entry;
  }
  return std::nullopt;
}

std::string ZipArchive::display_name(const std::string& entry) const {
  return path_.string() + ":" + entry;
}

csv::CsvReader ZipArchive::reader(const std::string& entry) const {
  const std::string source = display_name(entry);
  ArchiveHandle archive = open_archive(path_);
  zip_file_t* file = open_entry(archive.get(), entry, source);
  return csv::CsvReader::from_source(std::make_unique<ZipEntrySource>(std::move(archive), file, source), source);
}

std::string ZipArchive::read_text(const std::string& entry, std::size_t max_bytes) const {
  const std::string source = display_name(entry);
  ArchiveHandle archive = open_archive(path_);
  zip_file_t* file = open_entry(archive.get(), entry, source);
  ZipEntrySource input(std::move(archive), file, source);
  std::string text(max_bytes + 1, '\0');
  std::size_t size = 0;
  while (size < text.size()) {
    const std::size_t n = input.read(text.data() + size, text.size() - size);
    if (n == 0) break;
    size += n;
  }
  if (size > max_bytes) throw DataLoadError(source, fmt::format("larger than {} bytes", max_bytes));
  text.resize(size);
  return text;
}

}  // namespace mtm::data::ingest
