// What a collector's worker thread shares with its runner: the run requested
// and finished, the last result, and the item the run is on. It is the
// ItemTracker the collector's ProbeContext reports to, so only the runner's
// code reads or writes it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "exporter/core/collector.h"

namespace symptree {

using Clock = std::chrono::steady_clock;

// What one run produced. `finished` is false when the run did not end in time.
struct RunResult {
  bool finished = false;
  std::vector<Sample> samples;
  std::vector<std::string> failures;
  double seconds = 0;

  bool success() const { return finished && failures.empty(); }
};

// Items whose call hung, shared by a collector's current and abandoned workers.
class StuckItems {
 public:
  explicit StuckItems(std::string collector) : collector_(std::move(collector)) {}
  void add(const std::string& item);
  void remove(const std::string& item);
  bool contains(const std::string& item) const;

 private:
  std::string collector_;
  mutable std::mutex mutex_;
  std::set<std::string> items_;
};

// State shared by a worker thread and its runner, under one mutex.
class WorkerState : public ItemTracker {
 public:
  explicit WorkerState(std::shared_ptr<StuckItems> stuck_items) : stuck(std::move(stuck_items)) {}

  // ItemTracker: a stuck item is refused; an abandoned run stops, and the item
  // it hung on, having returned, may be tried again by later runs.
  Admission enter(const std::string& item) override;
  void leave() override;

  std::mutex mutex;
  std::condition_variable cv;
  uint64_t requested = 0;  // generation of the newest requested run
  uint64_t finished = 0;   // generation of the newest finished run
  bool stop = false;
  bool abandoned = false;  // the runner gave up on this worker after a timeout
  std::string current_item;
  RunResult last;
  const std::shared_ptr<StuckItems> stuck;
};

}  // namespace symptree
