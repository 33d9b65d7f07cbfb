// check_configured_paths: a stat per path, then whether the running user may read it.
#include "exporter/core/configured_paths.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "exporter/core/file_system.h"
#include "exporter/core/regular_file.h"

namespace symptree {
namespace {

// What a probe needs its path to be.
enum class PathKind {
  any,           // statvfs works on whatever exists (filesystems)
  directory,     // listed or walked (directories, backups)
  regular_file,  // read (certificates, keys)
};

// What is wrong with `path` for `kind`, in regular_file.h's words; empty when nothing.
std::string problem_with(const std::string& path, PathKind kind) {
  struct stat st;
  if (int error = real_file_system().stat(path, st)) return path_error_text(error);
  if (kind == PathKind::directory) {
    if (!S_ISDIR(st.st_mode)) return file_type_text(st.st_mode, "directory");
    // Listing needs read, entering needs search permission (as the effective user, as the start).
    return faccessat(AT_FDCWD, path.c_str(), R_OK | X_OK, AT_EACCESS) == 0 ? "" : path_error_text(errno);
  }
  if (kind == PathKind::regular_file) {
    OpenProblem problem;
    if (!open_regular_file(real_file_system(), path, problem)) return problem.text;
  }
  return "";
}

// Adds a warning when `path` has a problem; `what` names the probe and key ("certificate 'api': key").
void check(std::vector<PathWarning>& warnings, const SourcePosition& where, const std::string& what,
           const std::string& path, PathKind kind) {
  if (path.empty()) return;
  std::string problem = problem_with(path, kind);
  if (!problem.empty()) warnings.push_back({where, what + " '" + path + "' " + problem});
}

}  // namespace

std::vector<PathWarning> check_configured_paths(const HostConfig& config) {
  std::vector<PathWarning> warnings;
  for (const FilesystemProbe& probe : config.filesystems) {
    check(warnings, probe.where, "filesystem '" + probe.name + "': path", probe.path, PathKind::any);
  }
  for (const DirectoryProbe& probe : config.directories) {
    check(warnings, probe.where, "directory '" + probe.name + "': path", probe.path, PathKind::directory);
  }
  for (const CertificateProbe& probe : config.certificates) {
    check(warnings, probe.where, "certificate '" + probe.name + "': path", probe.path, PathKind::regular_file);
    check(warnings, probe.where, "certificate '" + probe.name + "': key", probe.key_path, PathKind::regular_file);
  }
  for (const BackupProbe& probe : config.backups) {
    check(warnings, probe.where, "backup '" + probe.name + "': dir", probe.dir, PathKind::directory);
  }
  return warnings;
}

std::string format_path_warnings(const std::vector<PathWarning>& warnings) {
  std::string text;
  for (const PathWarning& warning : warnings) text += warning.where.to_string() + ": warning: " + warning.message + "\n";
  return text;
}

}  // namespace symptree
