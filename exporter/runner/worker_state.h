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

// A set of items, shared by a collector's current and abandoned workers and
// its scrapes: those whose call hung (skipped until it returns), or those whose
// check was slow (scrapes answer from the last run instead of waiting for them).
// `recovered` is logged when an item leaves the set; empty: nothing is logged.
class ItemSet {
 public:
  ItemSet(std::string collector, std::string recovered)
      : collector_(std::move(collector)), recovered_(std::move(recovered)) {}
  void add(const std::string& item);
  void remove(const std::string& item);
  bool contains(const std::string& item) const;

 private:
  std::string collector_;
  std::string recovered_;
  mutable std::mutex mutex_;
  std::set<std::string> items_;
};

// State shared by a worker thread and its runner, under one mutex.
class WorkerState : public ItemTracker {
 public:
  // An item whose check takes `slow_after` or longer joins `slow_items`; one
  // checked faster leaves it.
  WorkerState(std::shared_ptr<ItemSet> stuck_items, std::shared_ptr<ItemSet> slow_items,
              std::chrono::milliseconds slow_after)
      : stuck(std::move(stuck_items)), slow(std::move(slow_items)), slow_after_(slow_after) {}

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
  Clock::time_point run_started;   // when the run in progress began
  Clock::time_point item_started;  // when current_item began
  RunResult last;
  const std::shared_ptr<ItemSet> stuck;
  const std::shared_ptr<ItemSet> slow;

 private:
  // Judges how long current_item took (called under `mutex` when it ends).
  void finish_item(Clock::time_point now);

  const std::chrono::milliseconds slow_after_;
};

}  // namespace symptree
