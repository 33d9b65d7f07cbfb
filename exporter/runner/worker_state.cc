// WorkerState as the ItemTracker of its runs; ItemSet.
#include "exporter/runner/worker_state.h"

#include "exporter/core/log.h"

namespace symptree {

void ItemSet::add(const std::string& item) {
  std::lock_guard<std::mutex> lock(mutex_);
  items_.insert(item);
}

void ItemSet::remove(const std::string& item) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (items_.erase(item) && !recovered_.empty()) log_info("collector " + collector_ + ": '" + item + "' " + recovered_);
}

bool ItemSet::contains(const std::string& item) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_.count(item) != 0;
}

void WorkerState::finish_item(Clock::time_point now) {
  if (current_item.empty()) return;
  if (now - item_started >= slow_after_) {
    slow->add(current_item);
  } else {
    slow->remove(current_item);
  }
}

ItemTracker::Admission WorkerState::enter(const std::string& item) {
  std::lock_guard<std::mutex> lock(mutex);
  Clock::time_point now = Clock::now();
  finish_item(now);
  if (abandoned) {
    // The call that hung has returned: the item may be tried again.
    if (!current_item.empty()) stuck->remove(current_item);
    current_item.clear();
    return Admission::stopped;
  }
  if (stuck->contains(item)) {
    current_item.clear();
    return Admission::stuck;
  }
  current_item = item;
  item_started = now;
  cv.notify_all();  // a waiting scrape judges the new item
  return Admission::go;
}

void WorkerState::leave() {
  std::lock_guard<std::mutex> lock(mutex);
  finish_item(Clock::now());
  if (abandoned && !current_item.empty()) stuck->remove(current_item);
  current_item.clear();
}

}  // namespace symptree
