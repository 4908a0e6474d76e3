#include "support/temp_dir.hpp"

#include <sys/wait.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace mtm::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  const char* base_env = std::getenv("MTM_TEST_TMP");
  fs::path base = base_env ? fs::path(base_env) : fs::temp_directory_path();
  fs::create_directories(base);
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = base / ("t" + std::to_string(rd()) + "_" + std::to_string(counter++));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& name, const std::string& content) const {
  fs::path p = path_ / name;
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p;
}

fs::path fixture(const std::string& relative) {
  return fs::path(MTM_REPO_FIXTURES_DIR) / relative;
}

fs::path real_sample(const std::string& relative) {
  return fs::path(MTM_REAL_SAMPLES_DIR) / relative;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int run_command(const std::string& command, std::string* output) {
  std::string full = command + " 2>&1";
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 4096> buffer{};
  std::string out;
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  const int status = pclose(pipe);
  if (output) *output = std::move(out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string binary_path() {
  return MTM_BINARY;
}

}  // namespace mtm::test
