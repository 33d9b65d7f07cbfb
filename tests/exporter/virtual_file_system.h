// VirtualFileSystem: an in-memory FileSystem for the collectors' unit tests
// (ninja's VirtualFileSystem in src/test.h plays the same part). Besides files
// and directories it can make any call on a path fail with an errno, list a
// name whose stat then finds it gone, and hold every call on a path until the
// test releases it, so hung, vanishing and forbidden paths are deterministic.
#pragma once

#include <condition_variable>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "exporter/core/file_system.h"

namespace symptree::testing {

class VirtualFileSystem : public FileSystem {
 public:
  ~VirtualFileSystem() override;

  // A regular file (its parent directories appear in listings implicitly).
  void add_file(const std::string& path, const std::string& content, time_t mtime = time(nullptr));
  void add_directory(const std::string& path, time_t mtime = time(nullptr));
  // What statvfs reports for `path`.
  void set_statvfs(const std::string& path, const struct statvfs& result);
  // Every call on `path` fails with `error` (EACCES, EIO, ...).
  void fail(const std::string& path, int error);
  // `path` is listed by its directory, but gone when stat'ed or opened.
  void add_vanishing(const std::string& path);
  // Every call on `path` blocks until release(path).
  void hang(const std::string& path);
  void release(const std::string& path);
  // Calls made on `path` so far (counted on entry, also while hung).
  int calls(const std::string& path) const;

  int stat_fs(const std::string& path, struct statvfs& out) override;
  int stat(const std::string& path, struct stat& out) override;
  int list_directory(const std::string& path, std::vector<std::string>& names) override;
  FilePtr open_read(const std::string& path, int& error) override;

 private:
  // A file or directory.
  struct Node {
    bool directory = false;
    std::string content;
    time_t mtime = 0;
  };
  // Counts the call, waits while `path` hangs, then returns its injected errno (0: none).
  int enter(const std::string& path, std::unique_lock<std::mutex>& lock);

  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::map<std::string, Node> nodes_;
  std::map<std::string, struct statvfs> statvfs_;
  std::map<std::string, int> errors_;
  std::set<std::string> vanishing_;
  std::set<std::string> hung_;
  std::map<std::string, int> calls_;
};

}  // namespace symptree::testing
