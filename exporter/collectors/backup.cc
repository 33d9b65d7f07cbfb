// The backup collector: how many backups match the glob, the newest one's age,
// and its metadata file's numeric fields (the flowchart's `ls backups/` and
// `cat metadata.json`). The metadata is an item of its own: when it cannot be
// read (a FIFO, permission denied, a hung mount) that item fails and its
// values are absent, while the count and the newest backup's time, which do
// not need it, are still reported.
#include <fnmatch.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "exporter/core/collector_registry.h"
#include "exporter/core/regular_file.h"

namespace symptree {
namespace {

// The backups found in one folder.
struct BackupListing {
  int count = 0;
  std::string newest;  // name
  double newest_mtime = 0;
  bool newest_is_dir = false;
};

bool list_backups(FileSystem& file_system, const BackupProbe& probe, BackupListing& listing, std::string& error) {
  std::vector<std::string> names;
  if (int code = file_system.list_directory(probe.dir, names)) {
    error = std::strerror(code);
    return false;
  }
  for (const std::string& name : names) {
    if (fnmatch(probe.glob.c_str(), name.c_str(), FNM_PERIOD) != 0) continue;
    struct stat st;
    if (file_system.stat(probe.dir + "/" + name, st) != 0) continue;  // vanished since the listing
    listing.count++;
    double mtime = static_cast<double>(st.st_mtim.tv_sec) + st.st_mtim.tv_nsec / 1e9;
    if (listing.newest.empty() || mtime > listing.newest_mtime) {
      listing.newest = name;
      listing.newest_mtime = mtime;
      listing.newest_is_dir = S_ISDIR(st.st_mode);
    }
  }
  return true;
}

// A field by dotted path ("stats.assertions"); null when absent.
const nlohmann::json* find_field(const nlohmann::json& root, const std::string& path) {
  const nlohmann::json* node = &root;
  for (size_t start = 0; start <= path.size();) {
    size_t dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return node;
}

class BackupCollector : public CollectorOf<CollectorId::backup> {
 public:
  BackupCollector(std::vector<BackupProbe> probes, FileSystem& file_system)
      : probes_(std::move(probes)), file_system_(file_system) {}

  void collect_into(ProbeContext& context, Out& out) override {
    for (const BackupProbe& probe : probes_) {
      if (!context.begin(probe.dir)) continue;
      BackupListing listing;
      std::string error;
      if (!list_backups(file_system_, probe, listing, error)) {
        context.fail(probe.dir, error);
        continue;
      }
      out.add(metric::backup_found, {probe.name}, listing.count);
      if (listing.count == 0) continue;
      out.add(metric::backup_newest_timestamp_seconds, {probe.name}, listing.newest_mtime);
      if (!probe.metadata.empty()) read_metadata(probe, listing, context, out);
    }
  }

 private:
  // The metadata file inside the newest backup (a directory), or beside it
  // named "<backup>.<metadata>" when the backup is a single file. metadata_ok
  // is 0 when the file does not exist or does not parse, and absent when it
  // could not be read (the item then fails).
  void read_metadata(const BackupProbe& probe, const BackupListing& listing, ProbeContext& context, Out& out) {
    std::string path = probe.dir + "/" + listing.newest + (listing.newest_is_dir ? "/" : ".") + probe.metadata;
    if (!context.begin(path)) return;
    OpenProblem problem;
    FilePtr file = open_regular_file(file_system_, path, problem);
    if (!file && problem.error != ENOENT) {
      context.fail(path, "the metadata " + problem.text);
      return;
    }
    nlohmann::json metadata;
    if (file) metadata = nlohmann::json::parse(read_all(file.get()), nullptr, /*allow_exceptions=*/false);
    bool ok = file && !metadata.is_discarded();
    out.add(metric::backup_metadata_ok, {probe.name}, ok ? 1 : 0);
    if (!ok) return;
    for (const std::string& field : probe.fields) {
      const nlohmann::json* value = find_field(metadata, field);
      if (value && value->is_number()) out.add(metric::backup_metadata_field, {probe.name, field}, value->get<double>());
    }
  }

  std::vector<BackupProbe> probes_;
  FileSystem& file_system_;
};

const bool registered = register_collector(
    CollectorId::backup, Enabled::when_configured, [](const HostConfig& config, FileSystem& fs) {
      return std::make_shared<BackupCollector>(config.backups, fs);
    });

}  // namespace
}  // namespace symptree
