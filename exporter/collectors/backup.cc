// The backup collector: how many backups match the glob, the newest one's age,
// and its metadata file's numeric fields (the flowchart's `ls backups/` and
// `cat metadata.json`).
#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "exporter/collectors.h"

namespace symptree {
namespace {

// The backups found in one folder.
struct BackupListing {
  int count = 0;
  std::string newest;  // name
  double newest_mtime = 0;
  bool newest_is_dir = false;
};

bool list_backups(const BackupProbe& probe, BackupListing& listing, std::string& error) {
  DIR* dir = opendir(probe.dir.c_str());
  if (!dir) {
    error = std::strerror(errno);
    return false;
  }
  while (struct dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name == "." || name == ".." || fnmatch(probe.glob.c_str(), name.c_str(), FNM_PERIOD) != 0) continue;
    struct stat st;
    if (fstatat(dirfd(dir), name.c_str(), &st, 0) != 0) continue;
    listing.count++;
    double mtime = static_cast<double>(st.st_mtim.tv_sec) + st.st_mtim.tv_nsec / 1e9;
    if (listing.newest.empty() || mtime > listing.newest_mtime) {
      listing.newest = name;
      listing.newest_mtime = mtime;
      listing.newest_is_dir = S_ISDIR(st.st_mode);
    }
  }
  closedir(dir);
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

class BackupCollector : public Collector {
 public:
  explicit BackupCollector(std::vector<BackupProbe> probes) : Collector("backup"), probes_(std::move(probes)) {}

  void collect(ProbeContext& context) override {
    for (const BackupProbe& probe : probes_) {
      if (!context.begin(probe.dir)) continue;
      BackupListing listing;
      std::string error;
      if (!list_backups(probe, listing, error)) {
        context.fail(probe.dir, error);
        continue;
      }
      Samples& out = context.samples();
      out.add("symptree_backup_found", {probe.name}, listing.count);
      if (listing.count == 0) continue;
      out.add("symptree_backup_newest_age_seconds", {probe.name}, static_cast<double>(std::time(nullptr)) - listing.newest_mtime);
      if (!probe.metadata.empty()) read_metadata(probe, listing, out);
    }
  }

 private:
  // The metadata file inside the newest backup (a directory), or beside it
  // named "<backup>.<metadata>" when the backup is a single file.
  static void read_metadata(const BackupProbe& probe, const BackupListing& listing, Samples& out) {
    std::string path = probe.dir + "/" + listing.newest + (listing.newest_is_dir ? "/" : ".") + probe.metadata;
    std::ifstream in(path);
    nlohmann::json metadata;
    if (in.is_open()) metadata = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    bool ok = in.is_open() && !metadata.is_discarded();
    out.add("symptree_backup_metadata_ok", {probe.name}, ok ? 1 : 0);
    if (!ok) return;
    for (const std::string& field : probe.fields) {
      const nlohmann::json* value = find_field(metadata, field);
      if (value && value->is_number()) out.add("symptree_backup_metadata_field", {probe.name, field}, value->get<double>());
    }
  }

  std::vector<BackupProbe> probes_;
};

}  // namespace

std::shared_ptr<Collector> make_backup_collector(const std::vector<BackupProbe>& probes) {
  return std::make_shared<BackupCollector>(probes);
}

}  // namespace symptree
