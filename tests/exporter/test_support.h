// Helpers for the exporter tests: temporary trees, collector runs as a map of
// series, free ports, child processes stopped by PID, certificates.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/host_config.h"
#include "exporter/core/collector.h"
#include "exporter/core/file_system.h"
#include "exporter/runner/collector_runner.h"

namespace symptree::testing {

// A temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  // A fresh directory under `parent` (tmpfs, e.g. /dev/shm, for trees of many files).
  explicit TempDir(const std::string& parent = "/tmp");
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& content);

// Series of one collector run, as `name{label="value",...}` -> value, plus its failures.
struct Collected {
  std::map<std::string, double> series;
  std::vector<std::string> failures;
  bool has(const std::string& key) const { return series.count(key) != 0; }
  double at(const std::string& key) const;
};
Collected collect_once(Collector& collector);
// `samples` as `name{label="value",...}` -> value, as Collected::series.
std::map<std::string, double> series_of(const std::vector<Sample>& samples);

// Runs `runner` again and again (every 20 ms, for at most 10 s) until a run's
// failures contain `text`; that run, or the last one.
RunResult run_until_failure(CollectorRunner& runner, const std::string& text);
// Waits (bounded: 10 s) until no abandoned worker is left, i.e. a released hung call has returned.
bool wait_for_abandoned_workers();

// A host config whose only probes are `probes` under `list`, e.g. host_config(&HostConfig::ports, {...}).
template <typename Probe>
HostConfig host_config(std::vector<Probe> HostConfig::*list, std::vector<Probe> probes) {
  HostConfig config;
  config.*list = std::move(probes);
  return config;
}

// The registered collector `name`, built from `config` as the exporter builds it.
std::shared_ptr<Collector> make_collector(const std::string& name, const HostConfig& config,
                                          FileSystem& file_system = real_file_system());

// Parses a text exposition into `name{labels}` -> value (comments skipped).
std::map<std::string, double> parse_exposition(const std::string& text);

// A TCP port nobody listens on right now.
int free_port();

// A child process, stopped by its PID (SIGTERM, then SIGKILL) when destroyed.
class ChildProcess {
 public:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  pid_t pid() const { return pid_; }
  // SIGTERM and wait (bounded); the exit status, or -1 when it had to be killed.
  int stop();
  // Waits (bounded) for the child to exit on its own; its exit code or -1.
  int wait_exit(int timeout_ms);

 private:
  pid_t pid_;
};

// Forks a child that renames itself `comm` and listens on 127.0.0.1:`port`.
std::unique_ptr<ChildProcess> spawn_listener(const std::string& comm, int port);

// Runs the exporter binary with `args`; stderr goes to `log_path`. With
// `as_nobody` and when the tests run as root, the exporter runs as nobody, so
// that a chmod 000 path is really unreadable to it.
std::unique_ptr<ChildProcess> spawn_exporter(const std::vector<std::string>& args, const std::string& log_path,
                                             bool as_nobody = false);
// Waits (bounded) until GET /healthz answers on the port.
bool wait_until_serving(int port, int timeout_ms = 30000);

// Runs a command line through the shell; its exit code and output (stdout+stderr).
int run_command(const std::string& command, std::string* output = nullptr);

// Writes a self-signed EC certificate and its key, valid from now+from_days to now+to_days.
void make_certificate(const std::string& cert_path, const std::string& key_path, int from_days, int to_days);

std::string read_file(const std::string& path);

// A "$2b$" bcrypt hash of `password` at the lowest cost, made with libxcrypt.
std::string bcrypt_hash(const std::string& password);

}  // namespace symptree::testing
