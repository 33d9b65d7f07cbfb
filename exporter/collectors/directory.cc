// The directory collector: size, file count, file ages, segment magic and
// writability of each configured directory (the WAL), from a DirectoryIndex.
#include <ctime>
#include <memory>

#include "exporter/collectors.h"
#include "exporter/directory_index.h"
#include "exporter/path_permission.h"

namespace symptree {
namespace {

// "53544d57" -> "STMW".
std::string hex_to_bytes(const std::string& hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return bytes;
}

double now_seconds() {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<double>(now.tv_sec) + now.tv_nsec / 1e9;
}

// One configured directory with its index.
struct WatchedDirectory {
  DirectoryProbe probe;
  std::unique_ptr<DirectoryIndex> index;
};

class DirectoryCollector : public Collector {
 public:
  DirectoryCollector(const std::vector<DirectoryProbe>& probes, Duration rescan) : Collector("directory") {
    for (const DirectoryProbe& probe : probes) {
      auto index = std::make_unique<DirectoryIndex>(probe.path, hex_to_bytes(probe.magic_hex), probe.segment_glob,
                                                    std::chrono::milliseconds(rescan.ms));
      directories_.push_back({probe, std::move(index)});
    }
  }

  void collect(ProbeContext& context) override {
    for (WatchedDirectory& dir : directories_) {
      if (!context.begin(dir.probe.path)) continue;
      collect_one(dir, context);
    }
  }

 private:
  static void collect_one(WatchedDirectory& dir, ProbeContext& context) {
    const DirectoryProbe& probe = dir.probe;
    std::string error;
    bool complete = dir.index->refresh(error);
    if (!complete) context.fail(probe.path, error);
    Samples& out = context.samples();
    if (complete || dir.index->totals().files > 0) add_totals(out, probe, dir.index->totals());
    if (probe.writable_by.empty()) return;
    std::string permission_error;
    std::optional<bool> writable = user_can_write(probe.path, probe.writable_by, permission_error);
    if (!writable) {
      context.fail(probe.path, "writable_by: " + permission_error);
      return;
    }
    out.add("symptree_directory_writable", {probe.name}, *writable ? 1 : 0);
  }

  static void add_totals(Samples& out, const DirectoryProbe& probe, const DirectoryTotals& totals) {
    out.add("symptree_directory_size_bytes", {probe.name}, totals.bytes);
    out.add("symptree_directory_files", {probe.name}, static_cast<double>(totals.files));
    if (totals.files > 0) {
      double now = now_seconds();
      out.add("symptree_directory_newest_file_age_seconds", {probe.name}, now - totals.newest_mtime_ns / 1e9);
      out.add("symptree_directory_oldest_file_age_seconds", {probe.name}, now - totals.oldest_mtime_ns / 1e9);
    }
    if (!probe.magic_hex.empty()) {
      out.add("symptree_directory_bad_magic_files", {probe.name}, static_cast<double>(totals.bad_magic));
    }
  }

  std::vector<WatchedDirectory> directories_;
};

}  // namespace

std::shared_ptr<Collector> make_directory_collector(const std::vector<DirectoryProbe>& probes, Duration rescan) {
  return std::make_shared<DirectoryCollector>(probes, rescan);
}

}  // namespace symptree
