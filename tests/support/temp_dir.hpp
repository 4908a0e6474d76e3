// Test helpers: a self-deleting temporary directory, paths to the repository's fixtures and to the real-row samples.
#pragma once

#include <filesystem>
#include <string>

namespace mtm::test {

/// A fresh directory under $MTM_TEST_TMP (or the system temp dir), removed with its content on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  /// path() / name
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  /// Write text to path()/name (bytes as given, no newline translation) and return the full path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

/// tests/fixtures/<relative>: the repository's own synthetic fixtures (tests/fixtures/README.md).
std::filesystem::path fixture(const std::string& relative);

/// <MTM_FIXTURES_DIR>/<relative>: the real Food.com rows kept outside the repository (default
/// ../shared/data/foodcom_samples); only the real-row suite (tests/real_rows), registered when they exist, uses them.
std::filesystem::path real_sample(const std::string& relative);

/// Read a whole file as bytes.
std::string read_file(const std::filesystem::path& path);

/// Run a shell command, capture stdout+stderr; returns the exit status.
int run_command(const std::string& command, std::string* output);

/// Path of the built mangetamain binary.
std::string binary_path();

}  // namespace mtm::test
