// The HTTP collector: a GET per configured URL, with its status and latency
// (the flowchart's `curl /v1/health`). A failed probe is a value (success 0),
// not a collector failure. A run's requests have a total deadline.
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

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

// Stops a client's request at a deadline unless it ends first: a total
// deadline, which httplib's per-read timeouts do not give (a target that
// trickles a byte every 2 s never times out a read).
class RequestDeadline {
 public:
  RequestDeadline(httplib::Client& client, std::chrono::steady_clock::time_point deadline)
      : client_(client), deadline_(deadline), thread_([this] { watch(); }) {}
  ~RequestDeadline() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    ended_.notify_all();
    thread_.join();
  }

 private:
  void watch() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (ended_.wait_until(lock, deadline_, [this] { return done_; })) return;
    // Stop again until the request returns: a stop() before the socket exists has nothing to shut down.
    while (!ended_.wait_for(lock, std::chrono::milliseconds(50), [this] { return done_; })) client_.stop();
  }

  httplib::Client& client_;
  std::chrono::steady_clock::time_point deadline_;
  std::mutex mutex_;
  std::condition_variable ended_;
  bool done_ = false;
  std::thread thread_;  // last: starts once the members it reads exist
};

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
    auto [base, path] = split_url(probe.url);
    httplib::Client client(base);
    client.set_connection_timeout(request_timeout_);
    client.set_read_timeout(request_timeout_);
    client.set_write_timeout(request_timeout_);
    client.set_keep_alive(false);
    auto begin = std::chrono::steady_clock::now();
    httplib::Result result = [&] {
      RequestDeadline stop_at(client, deadline);
      return client.Get(path.c_str());
    }();
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
