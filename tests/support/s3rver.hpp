// One npm s3rver on loopback shared by every test of a process: it starts on first use and stops at exit,
// so an S3 test executable pays its start-up once. Objects are uploaded with Debian's awscli.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace mtm::test {

class S3rver {
 public:
  static constexpr const char* kBucket = "mangetamain";
  static constexpr const char* kKeyId = "S3RVER";  // s3rver's only access key id; it does not check the secret

  /// The server of this process, started (with bucket kBucket) on the first call; fails the test if it cannot start.
  static S3rver& shared();
  ~S3rver();
  S3rver(const S3rver&) = delete;
  S3rver& operator=(const S3rver&) = delete;

  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /// Upload every file under local_dir to s3://kBucket/<prefix><relative path>; returns awscli's exit status.
  int upload(const std::filesystem::path& local_dir, const std::string& prefix, std::string* output = nullptr) const;
  /// Shell variable assignments that let a child process (the mangetamain binary) reach this server.
  [[nodiscard]] std::string env_prefix(const std::string& secret = "not-checked-secret-42") const;

 private:
  S3rver();
  std::filesystem::path dir_;
  int port_ = 0;
  int pid_ = -1;
};

/// A free TCP port on 127.0.0.1 at the time of the call.
int free_port();
/// True when something accepts connections on 127.0.0.1:port.
bool port_open(int port);

}  // namespace mtm::test
