// Runs one collector on its own worker thread with a timeout, so that a hung
// system call (a stale NFS mount, a FIFO, a process stuck in D state) or a
// slow item (an HTTP target that never answers) never delays a scrape: an item
// that takes longer than a fraction of the timeout is "slow", and a scrape that
// finds the run on a slow item answers at once with the last complete run's
// values and that item failed, while the run goes on in the background. A run
// longer than the timeout is abandoned; its hung item is skipped by later runs
// until the call returns.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "exporter/runner/worker_state.h"

namespace symptree {

// Owns the worker thread of one collector.
class CollectorRunner {
 public:
  CollectorRunner(std::shared_ptr<Collector> collector, std::chrono::milliseconds timeout);
  ~CollectorRunner();
  CollectorRunner(const CollectorRunner&) = delete;
  CollectorRunner& operator=(const CollectorRunner&) = delete;

  // A run to wait for: a new one, or the one in flight.
  struct Ticket {
    std::shared_ptr<WorkerState> worker;
    uint64_t generation = 0;
  };
  Ticket start();
  // Waits for the ticket's run until `deadline`, or less: while the run is on a
  // slow item it answers from the last complete run. When the run has taken
  // the whole timeout, abandons the worker (its hung item is marked stuck) and
  // starts a fresh one for later runs.
  RunResult wait(const Ticket& ticket, Clock::time_point deadline);
  // start() then wait() with the collector's own timeout.
  RunResult run();

  const Collector& collector() const { return *collector_; }
  std::chrono::milliseconds timeout() const { return timeout_; }
  // How long an item may take before scrapes stop waiting for it.
  std::chrono::milliseconds slow_after() const { return slow_after_; }
  // Worker threads given up on whose call has not returned yet (all runners).
  static int abandoned_workers();

 private:
  void spawn_worker();
  void note_failures(const RunResult& result);
  RunResult abandon(const Ticket& ticket);


  std::shared_ptr<Collector> collector_;
  std::chrono::milliseconds timeout_;
  std::chrono::milliseconds slow_after_;
  std::shared_ptr<ItemSet> stuck_;
  std::shared_ptr<ItemSet> slow_;
  std::mutex mutex_;  // guards worker_, thread_, logged_failures_
  std::shared_ptr<WorkerState> worker_;
  std::thread thread_;
  std::set<std::string> logged_failures_;
};

}  // namespace symptree
