// ProbeContext: a run's samples and failures, and its announcements to the tracker.
#include "exporter/core/collector.h"

namespace symptree {

ProbeContext::ProbeContext(const ProbeKind& kind, ItemTracker* tracker) : samples_(kind), tracker_(tracker) {}

bool ProbeContext::begin(const std::string& item) {
  if (!tracker_) return true;
  switch (tracker_->enter(item)) {
    case ItemTracker::Admission::go:
      return true;
    case ItemTracker::Admission::stuck:
      failures_.push_back("'" + item + "' is skipped: an earlier check of it has not returned");
      return false;
    case ItemTracker::Admission::stopped:
      break;
  }
  return false;
}

void ProbeContext::fail(const std::string& item, const std::string& message) {
  failures_.push_back(item.empty() ? message : "'" + item + "': " + message);
}

void ProbeContext::end() {
  if (tracker_) tracker_->leave();
}

}  // namespace symptree
