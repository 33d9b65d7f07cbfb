// The process collector: whether each configured process runs, since when, and
// how many restarts the exporter has seen (the flowchart's `systemctl status`).
#include <map>

#include "exporter/core/collector_registry.h"
#include "exporter/collectors/proc_table.h"

namespace symptree {
namespace {

// What the collector remembers about one process name between scrapes.
struct ProcessHistory {
  double start_time = 0;  // of the oldest matching process at the last scrape that saw one
  double restarts = 0;
};

class ProcessCollector : public CollectorOf<CollectorId::process> {
 public:
  explicit ProcessCollector(std::vector<ProcessProbe> probes) : probes_(std::move(probes)) {}

  void collect_into(ProbeContext& context, Out& out) override {
    if (!context.begin("/proc")) return;
    std::vector<ProcessInfo> processes = list_processes();
    if (processes.empty()) {
      context.fail("/proc", "no processes listed");
      return;
    }
    for (const ProcessProbe& probe : probes_) report(out, probe, processes);
  }

 private:
  void report(Out& out, const ProcessProbe& probe, const std::vector<ProcessInfo>& processes) {
    double oldest = 0;
    for (const ProcessInfo& process : processes) {
      if ((oldest == 0 || process.start_time < oldest) && process_is_named(process, probe.name)) {
        oldest = process.start_time;
      }
    }
    ProcessHistory& history = history_[probe.name];
    // A start time other than the last one seen is a restart (the first sighting is not).
    if (oldest != 0 && history.start_time != 0 && oldest != history.start_time) history.restarts++;
    if (oldest != 0) history.start_time = oldest;
    out.add(metric::process_up, {probe.name}, oldest != 0 ? 1 : 0);
    if (oldest != 0) out.add(metric::process_start_time_seconds, {probe.name}, oldest);
    out.add(metric::process_restarts_total, {probe.name}, history.restarts);
  }

  std::vector<ProcessProbe> probes_;
  std::map<std::string, ProcessHistory> history_;
};

const bool registered = register_collector(
    CollectorId::process, Enabled::when_configured,
    [](const HostConfig& config, FileSystem&) { return std::make_shared<ProcessCollector>(config.processes); });

}  // namespace
}  // namespace symptree
