// The Collector interface: one implementation per probe kind, each turning one
// of the flowchart's shell diagnostics into samples.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "exporter/samples.h"

namespace symptree {

class WorkerState;

// What one collector run sees: where samples go, and which items (paths, URLs,
// /proc) it may touch. An item that hung in an earlier run is skipped until the
// hung call returns, as node_exporter does for stale mounts.
class ProbeContext {
 public:
  // `worker` is null outside a CollectorRunner (in unit tests): nothing is skipped.
  ProbeContext(const ProbeKind& kind, WorkerState* worker);

  // Announces work on `item`. False when the item must be skipped: it is still
  // hung from an earlier run, or this run was abandoned after its timeout.
  bool begin(const std::string& item);
  // Records that `item` could not be checked; the run then counts as failed.
  void fail(const std::string& item, const std::string& message);
  // Marks the end of the run: the last item is no longer in progress.
  void end();

  Samples& samples() { return samples_; }
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  Samples samples_;
  WorkerState* worker_;
  std::vector<std::string> failures_;
};

// One kind of probe (filesystems, ports, ...). collect() runs on a worker thread,
// never concurrently with itself for the same item.
class Collector {
 public:
  explicit Collector(const std::string& collector_name) : kind_(probe_kind_for_collector(collector_name)) {}
  virtual ~Collector() = default;

  const ProbeKind& kind() const { return kind_; }
  const std::string& name() const { return kind_.collector; }
  virtual void collect(ProbeContext& context) = 0;

 private:
  const ProbeKind& kind_;
};

}  // namespace symptree
