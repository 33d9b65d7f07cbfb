// CollectorRunner: a worker thread per collector, runs bounded by a deadline.
#include "exporter/runner/collector_runner.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>

#include "exporter/core/log.h"

namespace symptree {
namespace {

std::atomic<int> g_abandoned_workers{0};

std::string seconds_text(std::chrono::milliseconds ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3gs", ms.count() / 1000.0);
  return buffer;
}

// The last complete run's values with `failure` added: what a scrape reports
// when it does not wait for the run in progress.
RunResult from_last(const WorkerState& state, const std::string& failure) {
  RunResult result = state.last;
  result.finished = false;
  result.failures.push_back(failure);
  return result;
}

// A fraction of the timeout, at most a second: how long a scrape waits for one item.
std::chrono::milliseconds slow_budget(std::chrono::milliseconds timeout) {
  return std::min(timeout / 4, std::chrono::milliseconds(1000));
}

// Runs one collection and returns what it produced.
RunResult run_once(Collector& collector, WorkerState& state) {
  Clock::time_point begin = Clock::now();
  ProbeContext context(collector.kind(), &state);
  try {
    collector.collect(context);
  } catch (const std::exception& e) {
    context.fail("", std::string("internal error: ") + e.what());
  }
  context.end();
  RunResult result;
  result.finished = true;
  result.samples = context.samples().all();
  result.failures = context.failures();
  result.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  return result;
}

// The worker thread's loop: run each requested generation until stopped or abandoned.
void worker_loop(std::shared_ptr<Collector> collector, std::shared_ptr<WorkerState> state) {
  pthread_setname_np(pthread_self(), ("collect-" + collector->name()).substr(0, 15).c_str());
  std::unique_lock<std::mutex> lock(state->mutex);
  while (true) {
    state->cv.wait(lock, [&] { return state->stop || state->requested > state->finished; });
    if (state->stop) return;
    uint64_t generation = state->requested;
    state->run_started = Clock::now();
    lock.unlock();
    RunResult result = run_once(*collector, *state);
    lock.lock();
    if (state->abandoned) {
      g_abandoned_workers--;
      return;
    }
    state->last = std::move(result);
    state->finished = generation;
    state->cv.notify_all();
  }
}

}  // namespace

CollectorRunner::CollectorRunner(std::shared_ptr<Collector> collector, std::chrono::milliseconds timeout)
    : collector_(std::move(collector)),
      timeout_(timeout),
      slow_after_(slow_budget(timeout)),
      stuck_(std::make_shared<ItemSet>(collector_->name(), "answered again; checking it again")),
      slow_(std::make_shared<ItemSet>(collector_->name(), "")) {
  spawn_worker();
}

CollectorRunner::~CollectorRunner() {
  std::lock_guard<std::mutex> lock(mutex_);
  {
    std::lock_guard<std::mutex> state_lock(worker_->mutex);
    worker_->stop = true;
    worker_->cv.notify_all();
  }
  // A run in progress finishes first; runs are bounded by the timeout unless hung,
  // and a hung worker has already been abandoned and detached.
  if (thread_.joinable()) thread_.join();
}

void CollectorRunner::spawn_worker() {
  worker_ = std::make_shared<WorkerState>(stuck_, slow_, slow_after_);
  thread_ = std::thread(worker_loop, collector_, worker_);
}

CollectorRunner::Ticket CollectorRunner::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::lock_guard<std::mutex> state_lock(worker_->mutex);
  if (worker_->requested == worker_->finished) {
    worker_->requested++;
    worker_->run_started = Clock::now();
    worker_->cv.notify_all();
  }
  return {worker_, worker_->requested};
}

RunResult CollectorRunner::wait(const Ticket& ticket, Clock::time_point deadline) {
  WorkerState& state = *ticket.worker;
  std::unique_lock<std::mutex> state_lock(state.mutex);
  // A run is never waited for beyond its own timeout, whichever scrape started it.
  deadline = std::min(deadline, state.run_started + timeout_);
  while (state.finished < ticket.generation) {
    Clock::time_point now = Clock::now();
    if (now >= deadline) break;
    Clock::time_point wake = deadline;
    if (!state.current_item.empty()) {
      Clock::time_point item_slow_at = state.item_started + slow_after_;
      if (slow_->contains(state.current_item) || now >= item_slow_at) {
        slow_->add(state.current_item);
        RunResult result = from_last(state, "'" + state.current_item + "' is slow (no answer within " +
                                                seconds_text(slow_after_) + "); values are from the last complete run");
        result.seconds = std::chrono::duration<double>(now - state.run_started).count();  // the run so far
        state_lock.unlock();
        note_failures(result);
        return result;
      }
      wake = std::min(wake, item_slow_at);
    }
    state.cv.wait_until(state_lock, wake);
  }
  if (state.finished >= ticket.generation) {
    RunResult result = state.last;
    state_lock.unlock();
    note_failures(result);
    return result;
  }
  state_lock.unlock();
  return abandon(ticket);
}

// The ticket's run has taken the whole timeout: gives up on its worker.
RunResult CollectorRunner::abandon(const Ticket& ticket) {
  WorkerState& state = *ticket.worker;
  std::lock_guard<std::mutex> lock(mutex_);
  std::lock_guard<std::mutex> state_lock(state.mutex);
  if (state.finished >= ticket.generation) return state.last;  // finished just now
  std::string item = state.current_item.empty() ? collector_->name() : state.current_item;
  RunResult timed_out = from_last(state, "'" + item + "' did not answer within " + seconds_text(timeout_));
  timed_out.seconds = std::chrono::duration<double>(timeout_).count();
  if (worker_ != ticket.worker) return timed_out;  // another scrape already gave up on it
  state.abandoned = true;
  if (!state.current_item.empty()) stuck_->add(state.current_item);
  log_warn("collector " + collector_->name() + ": '" + item + "' did not answer within " + seconds_text(timeout_) +
           "; skipping it until it does");
  g_abandoned_workers++;
  thread_.detach();
  spawn_worker();
  return timed_out;
}

RunResult CollectorRunner::run() { return wait(start(), Clock::now() + timeout_); }

void CollectorRunner::note_failures(const RunResult& result) {
  std::set<std::string> now(result.failures.begin(), result.failures.end());
  std::lock_guard<std::mutex> lock(mutex_);
  for (const std::string& failure : now) {
    if (!logged_failures_.count(failure)) log_warn("collector " + collector_->name() + ": " + failure);
  }
  if (now.empty() && !logged_failures_.empty()) log_info("collector " + collector_->name() + " succeeds again");
  logged_failures_ = std::move(now);
}

int CollectorRunner::abandoned_workers() { return g_abandoned_workers.load(); }

}  // namespace symptree
