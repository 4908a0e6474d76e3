#include "support/server_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

#include "support/temp_dir.hpp"

namespace mtm::test {

void ServerProcess::spawn(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::pair<std::string, std::string>>& env) {
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(0);
    const int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    // A test process may block signals in its threads; the child starts with none blocked.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    // Log files go next to the output log unless the test chose a place, never into the build tree's cwd.
    const std::string log_dir = (log_path_.parent_path() / "logs").string();
    ::setenv("MANGETAMAIN_LOG_DIR", log_dir.c_str(), 1);
    for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
}

ServerProcess::ServerProcess(const Program& program, std::filesystem::path log_path) : log_path_(std::move(log_path)) {
  spawn(program.path.string(), program.args, {});
}

ServerProcess::ServerProcess(const std::vector<std::string>& args,
                             const std::vector<std::pair<std::string, std::string>>& env,
                             std::filesystem::path log_path, bool wait_listening, int timeout_s)
    : log_path_(std::move(log_path)) {
  spawn(binary_path(), args, env);
  if (!wait_listening) return;
  const std::regex listening(R"(listening on http://[^:]+:(\d+)/)");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    const std::string text = log();
    if (std::regex_search(text, m, listening)) {
      port_ = std::stoi(m[1].str());
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      pid_ = -1;
      ADD_FAILURE() << "the server exited with " << exit_code_ << " before listening:\n" << log();
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "the server did not print its port within " << timeout_s << " s:\n" << log();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop();
}

void ServerProcess::signal(int sig) const {
  if (pid_ > 0) ::kill(pid_, sig);
}

int ServerProcess::wait(int timeout_s) {
  if (pid_ <= 0) return exit_code_;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) != pid_) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return exit_code_;
}

int ServerProcess::stop() {
  signal(SIGTERM);
  return wait();
}

std::string ServerProcess::log() const {
  // The child creates the file; right after fork() it may not exist yet.
  return std::filesystem::exists(log_path_) ? read_file(log_path_) : std::string();
}

}  // namespace mtm::test
