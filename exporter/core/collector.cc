// ProbeContext: the per-run view a collector gets of its worker.
#include "exporter/collector.h"

#include "exporter/collector_runner.h"

namespace symptree {

ProbeContext::ProbeContext(const ProbeKind& kind, WorkerState* worker) : samples_(kind), worker_(worker) {}

bool ProbeContext::begin(const std::string& item) {
  if (!worker_) return true;
  std::lock_guard<std::mutex> lock(worker_->mutex);
  if (worker_->abandoned) {
    // The call that hung has returned: the item may be tried again.
    if (!worker_->current_item.empty()) worker_->stuck->remove(worker_->current_item);
    worker_->current_item.clear();
    return false;
  }
  if (worker_->stuck->contains(item)) {
    failures_.push_back("'" + item + "' is skipped: an earlier check of it has not returned");
    worker_->current_item.clear();
    return false;
  }
  worker_->current_item = item;
  return true;
}

void ProbeContext::fail(const std::string& item, const std::string& message) {
  failures_.push_back(item.empty() ? message : "'" + item + "': " + message);
}

void ProbeContext::end() {
  if (!worker_) return;
  std::lock_guard<std::mutex> lock(worker_->mutex);
  if (worker_->abandoned && !worker_->current_item.empty()) worker_->stuck->remove(worker_->current_item);
  worker_->current_item.clear();
}

}  // namespace symptree
