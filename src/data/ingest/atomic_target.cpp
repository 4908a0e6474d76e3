#include "data/ingest/atomic_target.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <string>

#include "core/errors.hpp"
#include "data/ingest.hpp"

namespace mtm::data::ingest {

namespace {

namespace fs = std::filesystem;

// Paths removed by the signal handler; fixed-size so the handler only calls async-signal-safe unlink().
char g_temp_path[4096];
char g_temp_wal[4100];

extern "C" void on_signal(int sig) {
  if (g_temp_path[0] != '\0') {
    unlink(g_temp_path);
    unlink(g_temp_wal);
  }
  _exit(128 + sig);
}

std::string lock_holder(const fs::path& lock) {
  std::ifstream in(lock);
  std::string pid;
  std::getline(in, pid);
  return pid.empty() ? std::string("unknown pid") : "pid " + pid;
}

}  // namespace

TargetLock::TargetLock(const fs::path& target) {
  const fs::path lock = ingest_lock_path(target);
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw DatabaseError(fmt::format("cannot create the lock file '{}': {}", lock.string(), std::strerror(errno)));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    fd_ = -1;
    throw DatabaseError(fmt::format("another ingest ({}) is writing '{}'; wait for it to end or stop it",
                                    lock_holder(lock), target.string()));
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::write(fd_, pid.data(), pid.size()) < 0) {
    // The pid is only shown to a second ingest; the lock itself holds without it.
  }
}

TargetLock::~TargetLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

void remove_leftovers(const fs::path& target) {
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string prefix = target.filename().string() + ".ingest-tmp";
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(prefix)) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

TempDatabaseFile::TempDatabaseFile(fs::path path) : path_(std::move(path)), wal_(path_.string() + ".wal") {
  remove_files();
  const std::string p = path_.string();
  old_int_ = SIG_DFL;
  old_term_ = SIG_DFL;
  if (p.size() < sizeof g_temp_path) {
    std::memcpy(g_temp_path, p.c_str(), p.size() + 1);
    std::memcpy(g_temp_wal, wal_.c_str(), wal_.string().size() + 1);
    old_int_ = std::signal(SIGINT, on_signal);
    old_term_ = std::signal(SIGTERM, on_signal);
  }
}

TempDatabaseFile::~TempDatabaseFile() {
  if (!committed_) remove_files();
  std::signal(SIGINT, old_int_);
  std::signal(SIGTERM, old_term_);
  g_temp_path[0] = '\0';
}

void TempDatabaseFile::commit(const fs::path& target) {
  std::error_code ec;
  fs::remove(wal_, ec);
  // A WAL left by the previous database would be replayed against the new file: drop it.
  fs::remove(target.string() + ".wal", ec);
  fs::rename(path_, target, ec);
  if (ec) {
    throw DatabaseError(fmt::format("cannot move '{}' to '{}': {}", path_.string(), target.string(), ec.message()));
  }
  committed_ = true;
}

void TempDatabaseFile::remove_files() {
  std::error_code ec;
  fs::remove(path_, ec);
  fs::remove(wal_, ec);
}

}  // namespace mtm::data::ingest
