#include "support/s3rver.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "support/temp_dir.hpp"

namespace mtm::test {

namespace fs = std::filesystem;

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool port_open(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

S3rver& S3rver::shared() {
  static S3rver server;
  return server;
}

S3rver::S3rver() {
  std::random_device rd;
  dir_ = fs::path(std::getenv("MTM_TEST_TMP") ? std::getenv("MTM_TEST_TMP") : fs::temp_directory_path().string()) /
         ("s3rver-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(dir_ / "store");
  port_ = free_port();
  const std::string node_script = std::string(MTM_SOURCE_DIR) + "/node_modules/s3rver/bin/s3rver.js";
  const std::string log = (dir_ / "s3rver.log").string();
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    // The server must not outlive a test process that crashes.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(0);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    const std::string store = (dir_ / "store").string();
    const std::string port = std::to_string(port_);
    // s3rver encrypts continuation tokens with DES, which OpenSSL 3 (Node 20) only offers through its legacy provider.
    ::execlp("node", "node", "--openssl-legacy-provider", node_script.c_str(), "--directory", store.c_str(),
             "--address", "127.0.0.1", "--port", port.c_str(), "--configure-bucket", kBucket, "--silent",
             static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 300 && !port_open(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  if (!port_open(port_)) ADD_FAILURE() << "s3rver did not start: " << read_file(log);
}

S3rver::~S3rver() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

int S3rver::upload(const fs::path& local_dir, const std::string& prefix, std::string* output) const {
  const std::string aws = fs::exists("/usr/bin/aws") ? "/usr/bin/aws" : "aws";
  const std::string cmd =
      "AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_DEFAULT_REGION=us-east-1 "
      "AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true " +
      aws + " --endpoint-url " + endpoint() + " s3 cp --recursive --only-show-errors '" + local_dir.string() +
      "' s3://" + kBucket + "/" + prefix;
  return run_command(cmd, output);
}

std::string S3rver::env_prefix(const std::string& secret) const {
  return "AWS_ACCESS_KEY_ID=" + std::string(kKeyId) + " AWS_SECRET_ACCESS_KEY=" + secret +
         " AWS_REGION=us-east-1 AWS_ENDPOINT_URL=" + endpoint() + " ";
}

}  // namespace mtm::test
