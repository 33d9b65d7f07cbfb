// The filesystem collector: statvfs on each configured path (the flowchart's `df -h`).
#include <cstring>

#include "exporter/core/collector_registry.h"

namespace symptree {
namespace {

class FilesystemCollector : public CollectorOf<CollectorId::filesystem> {
 public:
  FilesystemCollector(std::vector<FilesystemProbe> probes, FileSystem& file_system)
      : probes_(std::move(probes)), file_system_(file_system) {}

 protected:
  void collect_into(ProbeContext& context, Out& out) override {
    for (const FilesystemProbe& probe : probes_) {
      if (!context.begin(probe.path)) continue;
      struct statvfs fs;
      if (int error = file_system_.stat_fs(probe.path, fs)) {
        context.fail(probe.path, std::strerror(error));
        continue;
      }
      add(out, probe.name, fs);
    }
  }

 private:
  static void add(Out& out, const std::string& name, const struct statvfs& fs) {
    double unit = static_cast<double>(fs.f_frsize);
    double size = static_cast<double>(fs.f_blocks) * unit;
    double free = static_cast<double>(fs.f_bfree) * unit;
    double avail = static_cast<double>(fs.f_bavail) * unit;
    double used = size - free;
    out.add(metric::filesystem_size_bytes, {name}, size);
    out.add(metric::filesystem_free_bytes, {name}, free);
    out.add(metric::filesystem_avail_bytes, {name}, avail);
    out.add(metric::filesystem_used_ratio, {name}, used + avail > 0 ? used / (used + avail) : 0);
    out.add(metric::filesystem_files, {name}, static_cast<double>(fs.f_files));
    out.add(metric::filesystem_files_free, {name}, static_cast<double>(fs.f_ffree));
    out.add(metric::filesystem_readonly, {name}, (fs.f_flag & ST_RDONLY) ? 1 : 0);
  }

  std::vector<FilesystemProbe> probes_;
  FileSystem& file_system_;
};

const bool registered = register_collector(
    CollectorId::filesystem, Enabled::when_configured, [](const HostConfig& config, FileSystem& fs) {
      return std::make_shared<FilesystemCollector>(config.filesystems, fs);
    });

}  // namespace
}  // namespace symptree
