// Finding and removing the staging folders dead compiles left.
#include "generator/emit/stale_staging.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "generator/emit/staging_dir.h"

namespace symptree {
namespace fs = std::filesystem;
namespace {

bool process_gone(pid_t pid) { return ::kill(pid, 0) == -1 && errno == ESRCH; }

// Whether `folder` and everything in it is older than `age` (links not followed).
bool unchanged_for(const fs::path& folder, std::chrono::seconds age) {
  const fs::file_time_type since = fs::file_time_type::clock::now() - age;
  std::error_code error;
  if (fs::last_write_time(folder, error) > since || error) return false;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    std::error_code entry_error;
    if (it->is_symlink(entry_error)) continue;
    if (it->last_write_time(entry_error) > since) return false;
  }
  return !error;
}

}  // namespace

std::vector<std::string> stale_staging_dirs(const std::string& out_dir, std::chrono::seconds pid_reused_after) {
  std::vector<std::string> stale;
  fs::path parent;
  std::string out_name;
  if (!staging_place(out_dir, parent, out_name)) return stale;
  std::error_code error;
  for (fs::directory_iterator it(parent, error), end; !error && it != end; it.increment(error)) {
    pid_t pid = staging_dir_pid(it->path().filename().string(), out_name);
    std::error_code entry_error;
    if (pid <= 0 || pid == ::getpid() || it->is_symlink(entry_error) || !it->is_directory(entry_error)) continue;
    if (process_gone(pid) || unchanged_for(it->path(), pid_reused_after)) stale.push_back(it->path().string());
  }
  std::sort(stale.begin(), stale.end());
  return stale;
}

std::vector<std::string> remove_stale_staging_dirs(const std::string& out_dir) {
  std::vector<std::string> removed;
  for (const std::string& folder : stale_staging_dirs(out_dir)) {
    std::error_code error;
    fs::remove_all(folder, error);
    if (!error) removed.push_back(folder);
  }
  return removed;
}

}  // namespace symptree
