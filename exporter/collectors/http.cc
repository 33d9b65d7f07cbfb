// The HTTP collector: a GET per configured URL, with its status and latency
// (the flowchart's `curl /v1/health`). A failed probe is a value (success 0),
// not a collector failure.
#include <httplib.h>

#include <chrono>

#include "exporter/core/collector_registry.h"

namespace symptree {
namespace {

// "https://host:8443/v1/health?x=1" -> {"https://host:8443", "/v1/health?x=1"}.
std::pair<std::string, std::string> split_url(const std::string& url) {
  size_t scheme_end = url.find("://");
  size_t path_start = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (path_start == std::string::npos) return {url, "/"};
  return {url.substr(0, path_start), url.substr(path_start)};
}

class HttpCollector : public CollectorOf<CollectorId::http> {
 public:
  HttpCollector(std::vector<HttpProbe> probes, Duration timeout)
      // Leave a fifth of the collector's timeout for everything but the request.
      : probes_(std::move(probes)), request_timeout_(std::chrono::milliseconds(timeout.ms * 4 / 5)) {}

  void collect_into(ProbeContext& context, Out& out) override {
    for (const HttpProbe& probe : probes_) {
      if (!context.begin(probe.url)) continue;
      probe_one(probe, out);
    }
  }

 private:
  void probe_one(const HttpProbe& probe, Out& out) const {
    auto [base, path] = split_url(probe.url);
    httplib::Client client(base);
    client.set_connection_timeout(request_timeout_);
    client.set_read_timeout(request_timeout_);
    client.set_write_timeout(request_timeout_);
    client.set_keep_alive(false);
    auto begin = std::chrono::steady_clock::now();
    httplib::Result result = client.Get(path.c_str());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    int status = result ? result->status : 0;
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
