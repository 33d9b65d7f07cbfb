// DirectoryWatch: a DirectoryIndex kept current for scrapes, with every full
// walk (at start, every `rescan`, after inotify events could not be trusted,
// while the tree could not be read completely) on its own background thread,
// never inside a scrape. A scrape applies the inotify events since the last
// one and answers from the last walked index, saying how old and how complete
// its values are. The walker thread also frees the index a newer walk
// replaced, so no scrape pays for freeing a million files' index.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "exporter/collectors/directory_index.h"

namespace symptree {

class DirectoryWatch {
 public:
  using Clock = std::chrono::steady_clock;

  // What a scrape reports about the tree.
  struct View {
    bool has_totals = false;  // false until a first walk has finished
    DirectoryTotals totals;
    double age_seconds = 0;  // since the totals were last known current
    bool complete = false;   // current and covering the whole tree
    std::string problem;     // why not complete, naming the path when there is one
  };

  DirectoryWatch(std::string root, std::string magic, std::string segment_glob, std::chrono::milliseconds rescan);
  ~DirectoryWatch();
  DirectoryWatch(const DirectoryWatch&) = delete;
  DirectoryWatch& operator=(const DirectoryWatch&) = delete;

  // Takes a finished walk's index, applies the events since the last call,
  // starts a walk when one is due, and says what the values are. Never walks.
  View refresh();
  // Full walks finished so far (for tests and the benchmark).
  uint64_t walks() const { return walks_.load(); }

 private:
  void walker_loop();
  void request_walk(Clock::time_point now);
  View view(Clock::time_point now) const;

  const std::string root_;
  const std::string magic_;
  const std::string segment_glob_;
  const std::chrono::milliseconds rescan_;

  // Used only by refresh()'s caller (the collector's worker).
  std::unique_ptr<DirectoryIndex> current_;
  Clock::time_point current_since_;  // when current_'s values were last known current
  bool stale_ = false;               // its events could not be trusted; a walk will replace it

  // Shared with the walker thread, under mutex_.
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool walking_ = false;
  bool stop_ = false;
  Clock::time_point walk_started_;
  Clock::time_point last_walk_requested_;
  std::unique_ptr<DirectoryIndex> finished_;
  std::unique_ptr<DirectoryIndex> retired_;  // replaced by a newer walk; freed by the walker, not by a scrape
  Clock::time_point finished_started_;
  std::atomic<bool> cancel_{false};
  std::atomic<uint64_t> walks_{0};
  std::thread thread_;  // last: starts once the members it reads exist
};

}  // namespace symptree
