// The mangetamain binary run as a child process (serve, mostly): start it, learn its port from the
// "listening on" line, send it signals, stop it and read what it logged.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace mtm::test {

class ServerProcess {
 public:
  /// Another program to run the same way (e.g. nginx); it is not waited for.
  struct Program {
    std::filesystem::path path;
    std::vector<std::string> args;
  };

  ServerProcess(const Program& program, std::filesystem::path log_path);
  /// Run the mangetamain binary with args and the extra environment variables (NAME, value); stdout and stderr go to
  /// log_path. When wait_listening, blocks until the "listening on" line (at most timeout_s) and fails the test
  /// otherwise.
  ServerProcess(const std::vector<std::string>& args, const std::vector<std::pair<std::string, std::string>>& env,
                std::filesystem::path log_path, bool wait_listening = true, int timeout_s = 60);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] pid_t pid() const noexcept { return pid_; }
  /// Send a signal to the process.
  void signal(int sig) const;
  /// Wait for the process to end (at most timeout_s, then SIGKILL); returns its exit code, -1 when killed.
  int wait(int timeout_s = 30);
  /// SIGTERM then wait().
  int stop();
  /// Everything the process wrote so far.
  [[nodiscard]] std::string log() const;

 private:
  void spawn(const std::string& program, const std::vector<std::string>& args,
             const std::vector<std::pair<std::string, std::string>>& env);
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
};

}  // namespace mtm::test
