// The HTTP collector: a GET per configured URL, with its status and latency
// (the flowchart's `curl /v1/health`). A failed probe is a value (success 0),
// not a collector failure. A run's requests have a total deadline.
#include "exporter/collectors/http_get.h"
#include "exporter/core/collector_registry.h"

namespace symptree {
namespace {

class HttpCollector : public CollectorOf<CollectorId::http> {
 public:
  HttpCollector(std::vector<HttpProbe> probes, Duration timeout)
      // Leave a fifth of the collector's timeout for everything but the request.
      : probes_(std::move(probes)), request_timeout_(std::chrono::milliseconds(timeout.ms * 4 / 5)) {}

  // All probes of a run share one deadline, so that several hung targets
  // cannot make the run outlast the collector's timeout.
  void collect_into(ProbeContext& context, Out& out) override {
    auto deadline = std::chrono::steady_clock::now() + request_timeout_;
    for (const HttpProbe& probe : probes_) {
      if (!context.begin(probe.url)) continue;
      if (std::chrono::steady_clock::now() >= deadline) {
        context.fail(probe.url, "not probed: earlier probes used up this run's deadline");
        continue;
      }
      probe_one(probe, deadline, out);
    }
  }

 private:
  void probe_one(const HttpProbe& probe, std::chrono::steady_clock::time_point deadline, Out& out) const {
    auto begin = std::chrono::steady_clock::now();
    std::string error;  // a failed probe is a value, not a collector failure
    int status = http_get_status(probe.url, deadline, error);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    out.add(metric::http_probe_success, {probe.name}, status == probe.expect_status ? 1 : 0);
    out.add(metric::http_probe_status_code, {probe.name}, status);
    out.add(metric::http_probe_duration_seconds, {probe.name}, seconds);
  }

  std::vector<HttpProbe> probes_;
  std::chrono::milliseconds request_timeout_;
};

const bool registered = register_collector(
    CollectorId::http, Enabled::when_configured, [](const HostConfig& config, FileSystem&) {
      return std::make_shared<HttpCollector>(config.http, config.timeout);
    });

}  // namespace
}  // namespace symptree
