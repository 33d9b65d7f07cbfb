// WorkerState as the ItemTracker of its runs; StuckItems.
#include "exporter/runner/worker_state.h"

#include "exporter/core/log.h"

namespace symptree {

void StuckItems::add(const std::string& item) {
  std::lock_guard<std::mutex> lock(mutex_);
  items_.insert(item);
}

void StuckItems::remove(const std::string& item) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (items_.erase(item)) log_info("collector " + collector_ + ": '" + item + "' answered again; checking it again");
}

bool StuckItems::contains(const std::string& item) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_.count(item) != 0;
}

ItemTracker::Admission WorkerState::enter(const std::string& item) {
  std::lock_guard<std::mutex> lock(mutex);
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
  return Admission::go;
}

void WorkerState::leave() {
  std::lock_guard<std::mutex> lock(mutex);
  if (abandoned && !current_item.empty()) stuck->remove(current_item);
  current_item.clear();
}

}  // namespace symptree
