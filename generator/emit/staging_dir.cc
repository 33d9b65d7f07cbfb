// The staging directory beside the outputs.
#include "generator/emit/staging_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <mutex>
#include <set>

namespace symptree {
namespace fs = std::filesystem;
namespace {

// The staging folders of this process that are still there. Never destroyed:
// the signal thread may use it while the process exits.
struct LiveFolders {
  std::mutex mutex;
  std::set<std::string> roots;
};
LiveFolders& live_folders() {
  static LiveFolders* live = new LiveFolders;
  return *live;
}

// Removes `root` though other threads may still be writing in it: a round
// that fails (a file appeared in a folder being removed) is followed by
// another, and since a removed folder takes no new entries, few are needed.
void remove_folder(const std::string& root) {
  std::error_code error;
  for (int round = 0; round < 100 && fs::symlink_status(root, error).type() != fs::file_type::not_found; ++round) {
    fs::remove_all(root, error);
  }
}

// Writes all of `content` to `fd`, then closes it; false with errno set.
bool write_and_close(int fd, const std::string& content) {
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t written = ::write(fd, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      int saved = errno;
      ::close(fd);
      errno = saved;
      return false;
    }
    data += written;
    left -= static_cast<size_t>(written);
  }
  return ::close(fd) == 0;
}

bool all_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

bool write_whole_file(const std::string& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  return write_and_close(fd, content);
}

std::shared_ptr<StagingDir> StagingDir::beside(const std::string& out_dir) {
  static std::atomic<int> count{0};  // several compiles in one process each stage apart
  fs::path parent;
  std::string out_name;
  if (!staging_place(out_dir, parent, out_name)) return nullptr;
  std::string name = "." + out_name + ".staging-" + std::to_string(::getpid()) + "-" + std::to_string(count++);
  fs::path root = parent / name;
  if (::mkdir(root.c_str(), 0755) != 0) return nullptr;
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    ::rmdir(root.c_str());
    return nullptr;
  }
  LiveFolders& live = live_folders();
  std::lock_guard<std::mutex> lock(live.mutex);
  live.roots.insert(root.string());
  return std::shared_ptr<StagingDir>(new StagingDir(root.string(), fd, out_dir));
}

StagingDir::~StagingDir() {
  LiveFolders& live = live_folders();
  std::lock_guard<std::mutex> lock(live.mutex);
  if (live.roots.erase(root_)) remove_folder(root_);
  ::close(root_fd_);
}

void StagingDir::remove_all_live() {
  LiveFolders& live = live_folders();
  std::lock_guard<std::mutex> lock(live.mutex);
  for (const std::string& root : live.roots) remove_folder(root);
  live.roots.clear();
}

bool StagingDir::write(const std::string& relative_path, const std::string& content) const {
  // Folders and file are made relative to the folder's descriptor, not its
  // path: once remove_all_live() removed the folder, a write still in flight
  // fails (ENOENT: a removed folder takes no new entries) instead of making
  // the folder again beside the outputs.
  for (size_t slash = relative_path.find('/'); slash != std::string::npos; slash = relative_path.find('/', slash + 1)) {
    if (::mkdirat(root_fd_, relative_path.substr(0, slash).c_str(), 0755) != 0 && errno != EEXIST) return false;
  }
  int fd = ::openat(root_fd_, relative_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  return write_and_close(fd, content);
}

bool staging_place(const std::string& out_dir, fs::path& parent, std::string& out_name) {
  fs::path out = fs::path(out_dir).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();  // "out/" -> "out"
  parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  out_name = out.filename().string();
  return !out_name.empty() && out_name != "." && out_name != "..";
}

pid_t staging_dir_pid(const std::string& name, const std::string& out_name) {
  const std::string prefix = "." + out_name + ".staging-";
  if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return 0;
  size_t dash = name.find('-', prefix.size());
  if (dash == std::string::npos) return 0;
  std::string pid = name.substr(prefix.size(), dash - prefix.size());
  if (!all_digits(pid) || !all_digits(name.substr(dash + 1)) || pid.size() > 9) return 0;
  return static_cast<pid_t>(std::stol(pid));  // 0 for "0", which names no process
}

}  // namespace symptree
