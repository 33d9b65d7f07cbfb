// DirectoryIndex: totals of the regular files under one directory tree (the
// flowchart's `du -sh data/wal/` and `ls -la data/wal/`), kept current from
// inotify events so a scrape does not walk 100,000 files. A full walk at the
// start, after an inotify queue overflow and every `rescan` corrects drift.
// One thread at a time: DirectoryWatch walks a fresh index on its own thread
// and hands it over.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "exporter/collectors/directory_entries.h"
#include "exporter/collectors/directory_listing.h"

namespace symptree {

// The aggregates a scrape reports.
struct DirectoryTotals {
  double bytes = 0;
  uint64_t files = 0;
  int64_t newest_mtime_ns = 0;  // 0 when there are no files
  int64_t oldest_mtime_ns = 0;
  uint64_t bad_magic = 0;
};

class DirectoryIndex {
 public:
  // `magic` is the expected first bytes of files whose name matches
  // `segment_glob`; empty: not checked.
  DirectoryIndex(std::string root, std::string magic, std::string segment_glob, std::chrono::milliseconds rescan);
  ~DirectoryIndex();
  DirectoryIndex(const DirectoryIndex&) = delete;
  DirectoryIndex& operator=(const DirectoryIndex&) = delete;

  // Brings the totals up to date, walking when due. False with `error` when the
  // tree could not be read completely (the totals then cover what could be read).
  bool refresh(std::string& error);
  // Walks the whole tree afresh. False with `error` as refresh().
  bool full_scan(std::string& error);
  // Applies the inotify events since the last call. False when they cannot be
  // trusted (queue overflow, the root or a subdirectory moved away or changed
  // permission, no inotify): only a full walk can tell. complete() then says
  // whether everything new could be read.
  bool follow_events(std::string& error);
  // The last walk and events read the whole tree.
  bool complete() const { return complete_; }
  // Why not complete: the first path that could not be read, and why.
  const std::string& error() const { return error_; }
  // A walk stops early (incomplete) once `cancel` becomes true.
  void set_cancel(const std::atomic<bool>* cancel) { cancel_ = cancel; }
  DirectoryTotals totals() const;
  // Full walks done so far (for tests and the benchmark).
  uint64_t full_scans() const { return full_scans_; }

 private:
  void scan_subtree(const std::string& relative, std::string& error);
  bool drain_events(std::unordered_set<std::string>& dirty, std::vector<std::string>& new_dirs);
  void update_file(const std::string& relative);
  DirectoryListing& files_in(const std::string& dir);
  DirectoryListing* existing_files_in(const std::string& dir);
  void insert(DirectoryListing& files, std::string_view name, const FileEntry& entry);
  void erase(const std::string& relative);
  void count_in(const FileEntry& entry);
  void count_out(const FileEntry& entry);
  void recount_mtimes_if_needed();
  bool check_magic(int dir_fd, const char* name, int64_t size) const;
  bool is_segment(const char* name) const;
  std::string full_path(const std::string& relative) const;
  void reset();

  std::string root_;
  std::string magic_;
  std::string segment_glob_;
  std::chrono::milliseconds rescan_;
  int inotify_fd_ = -1;
  std::chrono::steady_clock::time_point last_scan_;
  uint64_t full_scans_ = 0;
  bool complete_ = false;  // the last refresh read everything; otherwise walk again
  const std::atomic<bool>* cancel_ = nullptr;
  std::string error_;

  DirectoryEntries entries_;  // the directory being walked; one buffer for every directory
  // The files, one compact listing per directory (no allocation per file).
  std::vector<DirectoryListing> listings_;
  std::unordered_map<std::string, uint32_t> listing_of_;  // directory, relative -> listings_ index
  std::unordered_map<int, std::string> watches_;          // watch descriptor -> directory, relative
  uint64_t files_ = 0;
  int64_t bytes_ = 0;
  uint64_t bad_magic_ = 0;
  int64_t oldest_mtime_ns_ = 0;
  int64_t newest_mtime_ns_ = 0;
  bool mtimes_stale_ = false;  // a file with the oldest or newest mtime went: recount before totals()
};

}  // namespace symptree
