// The filesystem collector: statvfs on each configured path (the flowchart's `df -h`).
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>

#include "exporter/collectors.h"

namespace symptree {
namespace {

class FilesystemCollector : public Collector {
 public:
  explicit FilesystemCollector(std::vector<FilesystemProbe> probes)
      : Collector("filesystem"), probes_(std::move(probes)) {}

  void collect(ProbeContext& context) override {
    for (const FilesystemProbe& probe : probes_) {
      if (!context.begin(probe.path)) continue;
      struct statvfs fs;
      if (statvfs(probe.path.c_str(), &fs) != 0) {
        context.fail(probe.path, std::strerror(errno));
        continue;
      }
      add(context.samples(), probe.name, fs);
    }
  }

 private:
  static void add(Samples& out, const std::string& name, const struct statvfs& fs) {
    double unit = static_cast<double>(fs.f_frsize);
    double size = static_cast<double>(fs.f_blocks) * unit;
    double free = static_cast<double>(fs.f_bfree) * unit;
    double avail = static_cast<double>(fs.f_bavail) * unit;
    double used = size - free;
    out.add("symptree_filesystem_size_bytes", {name}, size);
    out.add("symptree_filesystem_free_bytes", {name}, free);
    out.add("symptree_filesystem_avail_bytes", {name}, avail);
    out.add("symptree_filesystem_used_ratio", {name}, used + avail > 0 ? used / (used + avail) : 0);
    out.add("symptree_filesystem_files", {name}, static_cast<double>(fs.f_files));
    out.add("symptree_filesystem_files_free", {name}, static_cast<double>(fs.f_ffree));
    out.add("symptree_filesystem_readonly", {name}, (fs.f_flag & ST_RDONLY) ? 1 : 0);
  }

  std::vector<FilesystemProbe> probes_;
};

}  // namespace

std::shared_ptr<Collector> make_filesystem_collector(const std::vector<FilesystemProbe>& probes) {
  return std::make_shared<FilesystemCollector>(probes);
}

}  // namespace symptree
