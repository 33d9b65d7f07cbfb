// The memory collector: MemTotal and MemAvailable from /proc/meminfo (the flowchart's `free -h`).
#include <fstream>
#include <sstream>

#include "exporter/collectors.h"

namespace symptree {
namespace {

class MemoryCollector : public Collector {
 public:
  explicit MemoryCollector(std::string path) : Collector("memory"), path_(std::move(path)) {}

  void collect(ProbeContext& context) override {
    if (!context.begin(path_)) return;
    std::ifstream in(path_);
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
      context.fail(path_, "no MemTotal or MemAvailable");
      return;
    }
    context.samples().add("symptree_memory_total_bytes", {}, total);
    context.samples().add("symptree_memory_available_bytes", {}, available);
    context.samples().add("symptree_memory_used_ratio", {}, 1 - available / total);
  }

 private:
  std::string path_;
};

}  // namespace

std::shared_ptr<Collector> make_memory_collector(const std::string& meminfo_path) {
  return std::make_shared<MemoryCollector>(meminfo_path);
}

}  // namespace symptree
