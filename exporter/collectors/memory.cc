// The memory collector: MemTotal and MemAvailable from /proc/meminfo (the flowchart's `free -h`).
#include <cstring>
#include <sstream>

#include "exporter/core/collector_registry.h"

namespace symptree {
namespace {

constexpr const char* kMeminfo = "/proc/meminfo";

class MemoryCollector : public CollectorOf<CollectorId::memory> {
 public:
  explicit MemoryCollector(FileSystem& file_system) : file_system_(file_system) {}

 protected:
  void collect_into(ProbeContext& context, Out& out) override {
    if (!context.begin(kMeminfo)) return;
    int error = 0;
    FilePtr file = file_system_.open_read(kMeminfo, error);
    if (!file) {
      context.fail(kMeminfo, std::strerror(error));
      return;
    }
    std::istringstream in(read_all(file.get()));
    double total = -1, available = -1;
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string key;
      double kib = 0;
      if (!(fields >> key >> kib)) continue;
      if (key == "MemTotal:") total = kib * 1024;
      if (key == "MemAvailable:") available = kib * 1024;
    }
    if (total <= 0 || available < 0) {
      context.fail(kMeminfo, "no MemTotal or MemAvailable");
      return;
    }
    out.add(metric::memory_total_bytes, {}, total);
    out.add(metric::memory_available_bytes, {}, available);
    out.add(metric::memory_used_ratio, {}, 1 - available / total);
  }

 private:
  FileSystem& file_system_;
};

const bool registered = register_collector(
    CollectorId::memory, Enabled::when_configured,
    [](const HostConfig&, FileSystem& fs) { return std::make_shared<MemoryCollector>(fs); });

}  // namespace
}  // namespace symptree
