// CollectorRunner: a worker thread per collector, runs bounded by a deadline.
#include "exporter/runner/collector_runner.h"

#include <atomic>
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
  std::unique_lock<std::mutex> lock(state->mutex);
  while (true) {
    state->cv.wait(lock, [&] { return state->stop || state->requested > state->finished; });
    if (state->stop) return;
    uint64_t generation = state->requested;
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
    : collector_(std::move(collector)), timeout_(timeout), stuck_(std::make_shared<StuckItems>(collector_->name())) {
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
  worker_ = std::make_shared<WorkerState>(stuck_);
  thread_ = std::thread(worker_loop, collector_, worker_);
}

CollectorRunner::Ticket CollectorRunner::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::lock_guard<std::mutex> state_lock(worker_->mutex);
  if (worker_->requested == worker_->finished) {
    worker_->requested++;
    worker_->cv.notify_all();
  }
  return {worker_, worker_->requested};
}

RunResult CollectorRunner::wait(const Ticket& ticket, Clock::time_point deadline) {
  WorkerState& state = *ticket.worker;
  std::unique_lock<std::mutex> state_lock(state.mutex);
  if (state.cv.wait_until(state_lock, deadline, [&] { return state.finished >= ticket.generation; })) {
    RunResult result = state.last;
    state_lock.unlock();
    note_failures(result);
    return result;
  }
  std::string item = state.current_item.empty() ? collector_->name() : state.current_item;
  state_lock.unlock();

  RunResult timed_out;
  timed_out.seconds = std::chrono::duration<double>(timeout_).count();
  timed_out.failures.push_back("'" + item + "' did not answer within " + seconds_text(timeout_));
  std::lock_guard<std::mutex> lock(mutex_);
  if (worker_ != ticket.worker) return timed_out;  // another scrape already gave up on it
  {
    std::lock_guard<std::mutex> relock(state.mutex);
    if (state.finished >= ticket.generation) return state.last;  // finished just now
    state.abandoned = true;
    if (!state.current_item.empty()) stuck_->add(state.current_item);
  }
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
