// The database file an ingest replaces, and only as a whole: a lock so two ingests into one target never
// interleave, a temp file of this process's own (leftovers of a killed ingest removed first, under the
// lock), removed on failure or SIGINT/SIGTERM, and an atomic rename at the end.
#pragma once

#include <filesystem>

namespace mtm::data::ingest {

/// Holds the exclusive lock on a target for its lifetime; refuses (DatabaseError naming the holder's pid)
/// when another process holds it.
class TargetLock {
 public:
  explicit TargetLock(const std::filesystem::path& target);
  ~TargetLock();
  TargetLock(const TargetLock&) = delete;
  TargetLock& operator=(const TargetLock&) = delete;

 private:
  int fd_ = -1;
};

/// Remove every leftover temp file of target (names starting with target + ".ingest-tmp"); call under the lock.
void remove_leftovers(const std::filesystem::path& target);

/// Owns this ingest's temporary database file: removed unless committed, also on SIGINT and SIGTERM.
class TempDatabaseFile {
 public:
  explicit TempDatabaseFile(std::filesystem::path path);
  ~TempDatabaseFile();
  TempDatabaseFile(const TempDatabaseFile&) = delete;
  TempDatabaseFile& operator=(const TempDatabaseFile&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

  /// Atomically replace target with the finished temp file.
  void commit(const std::filesystem::path& target);

 private:
  void remove_files();
  std::filesystem::path path_;
  std::filesystem::path wal_;
  bool committed_ = false;
  void (*old_int_)(int) = nullptr;
  void (*old_term_)(int) = nullptr;
};

}  // namespace mtm::data::ingest
