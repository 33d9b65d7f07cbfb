// DirectoryWatch: full walks on a background thread; scrapes follow inotify.
#include "exporter/collectors/directory_watch.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace symptree {
namespace {

constexpr int kWalkerNice = 19;

}  // namespace

DirectoryWatch::DirectoryWatch(std::string root, std::string magic, std::string segment_glob,
                               std::chrono::milliseconds rescan)
    : root_(std::move(root)),
      magic_(std::move(magic)),
      segment_glob_(std::move(segment_glob)),
      rescan_(rescan),
      thread_([this] { walker_loop(); }) {
  std::lock_guard<std::mutex> lock(mutex_);
  request_walk(Clock::now());  // the first walk starts with the exporter, not with the first scrape
}

DirectoryWatch::~DirectoryWatch() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    cancel_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

// Under mutex_: asks the walker for a walk unless one is running or asked for.
void DirectoryWatch::request_walk(Clock::time_point now) {
  if (walking_ || requested_) return;
  requested_ = true;
  last_walk_requested_ = now;
  wake_.notify_all();
}

void DirectoryWatch::walker_loop() {
  pthread_setname_np(pthread_self(), "exporter-walk");
  // The walk is background upkeep: at the lowest priority (this thread only) it
  // takes the CPU the host leaves idle, neither the monitored service's nor a
  // scrape's (a scrape thread that wakes preempts it at once instead of
  // waiting out its time slice). On a saturated host it walks slower, and
  // symptree_directory_index_timestamp_seconds says how old the values are.
  // Best effort: an error leaves the thread at the process's priority.
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kWalkerNice);
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || requested_ || retired_; });
    if (retired_) {
      std::unique_ptr<DirectoryIndex> old = std::move(retired_);
      lock.unlock();
      old.reset();  // freeing a million files' index takes a while: here, not in a scrape
      lock.lock();
      continue;
    }
    if (stop_) return;
    requested_ = false;
    walking_ = true;
    Clock::time_point started = Clock::now();
    lock.unlock();
    auto index = std::make_unique<DirectoryIndex>(root_, magic_, segment_glob_, rescan_);
    index->set_cancel(&cancel_);
    std::string error;
    index->full_scan(error);
    lock.lock();
    walking_ = false;
    finished_ = std::move(index);
    finished_started_ = started;
    walks_++;
  }
}

DirectoryWatch::View DirectoryWatch::refresh() {
  Clock::time_point now = Clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  if (finished_) {
    retired_ = std::move(current_);
    if (retired_) wake_.notify_all();
    current_ = std::move(finished_);
    current_since_ = finished_started_;  // its inotify queue holds every change since the walk began
    stale_ = false;
  }
  lock.unlock();

  if (current_ && !stale_) {
    std::string error;
    if (current_->follow_events(error)) {
      current_since_ = now;
    } else {
      stale_ = true;
    }
  }
  lock.lock();
  bool due = !current_ || stale_ || !current_->complete() || now - last_walk_requested_ >= rescan_;
  if (due) request_walk(now);
  return view(now);
}

DirectoryWatch::View DirectoryWatch::view(Clock::time_point now) const {
  View view;
  if (!current_) {
    view.problem = "the first walk of the tree has not finished yet";
    return view;
  }
  view.totals = current_->totals();
  view.age_seconds = std::chrono::duration<double>(now - current_since_).count();
  view.complete = !stale_ && current_->complete();
  view.has_totals = view.complete || view.totals.files > 0;
  if (stale_) {
    view.problem = "inotify events could not be trusted (queue overflow, a directory moved or changed permission); "
                   "values are from before, a walk is running";
  } else if (!view.complete) {
    view.problem = current_->error();
  }
  return view;
}

}  // namespace symptree
