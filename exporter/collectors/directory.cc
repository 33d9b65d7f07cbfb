// The directory collector: size, file count, file ages, segment magic and
// writability of each configured directory (the WAL), from a DirectoryWatch:
// never a walk inside a scrape, and never success 1 for values that are not
// current or do not cover the whole tree.
#include <ctime>
#include <memory>

#include "exporter/core/collector_registry.h"
#include "exporter/collectors/directory_watch.h"
#include "exporter/collectors/path_permission.h"

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
  std::unique_ptr<DirectoryWatch> watch;
};

class DirectoryCollector : public CollectorOf<CollectorId::directory> {
 public:
  DirectoryCollector(const std::vector<DirectoryProbe>& probes, Duration rescan) {
    for (const DirectoryProbe& probe : probes) {
      auto watch = std::make_unique<DirectoryWatch>(probe.path, hex_to_bytes(probe.magic_hex), probe.segment_glob,
                                                    std::chrono::milliseconds(rescan.ms));
      directories_.push_back({probe, std::move(watch)});
    }
  }

  void collect_into(ProbeContext& context, Out& out) override {
    for (WatchedDirectory& dir : directories_) {
      if (!context.begin(dir.probe.path)) continue;
      collect_one(dir, context, out);
    }
  }

 private:
  static void collect_one(WatchedDirectory& dir, ProbeContext& context, Out& out) {
    const DirectoryProbe& probe = dir.probe;
    DirectoryWatch::View view = dir.watch->refresh();
    if (!view.complete) context.fail(probe.path, view.problem);
    out.add(metric::directory_complete, {probe.name}, view.complete ? 1 : 0);
    if (view.has_totals) {
      add_totals(out, probe, view.totals);
      out.add(metric::directory_index_timestamp_seconds, {probe.name}, now_seconds() - view.age_seconds);
    }
    if (probe.writable_by.empty()) return;
    std::string permission_error;
    std::optional<bool> writable = user_can_write(probe.path, probe.writable_by, permission_error);
    if (!writable) {
      context.fail(probe.path, "writable_by: " + permission_error);
      return;
    }
    out.add(metric::directory_writable, {probe.name}, *writable ? 1 : 0);
  }

  static void add_totals(Out& out, const DirectoryProbe& probe, const DirectoryTotals& totals) {
    out.add(metric::directory_size_bytes, {probe.name}, totals.bytes);
    out.add(metric::directory_files, {probe.name}, static_cast<double>(totals.files));
    if (totals.files > 0) {
      out.add(metric::directory_newest_file_timestamp_seconds, {probe.name}, totals.newest_mtime_ns / 1e9);
      out.add(metric::directory_oldest_file_timestamp_seconds, {probe.name}, totals.oldest_mtime_ns / 1e9);
    }
    if (!probe.magic_hex.empty()) {
      out.add(metric::directory_bad_magic_files, {probe.name}, static_cast<double>(totals.bad_magic));
    }
  }

  std::vector<WatchedDirectory> directories_;
};

const bool registered = register_collector(
    CollectorId::directory, Enabled::when_configured, [](const HostConfig& config, FileSystem&) {
      return std::make_shared<DirectoryCollector>(config.directories, config.rescan);
    });

}  // namespace
}  // namespace symptree
