// DirectoryIndex: a full walk once, then inotify events applied at each refresh.
#include "exporter/collectors/directory_index.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace symptree {
namespace {

constexpr uint32_t kWatchMask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_MOVED_FROM |
                                IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK;
constexpr size_t kMaxDepth = 64;

int64_t mtime_ns(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

std::string base_name(const std::string& relative) {
  size_t slash = relative.rfind('/');
  return slash == std::string::npos ? relative : relative.substr(slash + 1);
}

}  // namespace

DirectoryIndex::DirectoryIndex(std::string root, std::string magic, std::string segment_glob,
                               std::chrono::milliseconds rescan)
    : root_(std::move(root)), magic_(std::move(magic)), segment_glob_(std::move(segment_glob)), rescan_(rescan) {}

DirectoryIndex::~DirectoryIndex() {
  if (inotify_fd_ >= 0) close(inotify_fd_);
}

std::string DirectoryIndex::full_path(const std::string& relative) const {
  return relative.empty() ? root_ : root_ + "/" + relative;
}

bool DirectoryIndex::is_segment(const std::string& relative) const {
  return !magic_.empty() && fnmatch(segment_glob_.c_str(), base_name(relative).c_str(), 0) == 0;
}

void DirectoryIndex::reset() {
  if (inotify_fd_ >= 0) close(inotify_fd_);
  inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);  // -1: walk at every refresh instead
  files_.clear();
  watches_.clear();
  mtimes_.clear();
  bytes_ = 0;
  bad_magic_ = 0;
}

bool DirectoryIndex::refresh(std::string& error) {
  bool due = std::chrono::steady_clock::now() - last_scan_ >= rescan_;
  if (inotify_fd_ < 0 || due || !complete_) return full_scan(error);
  if (!follow_events(error)) return full_scan(error);
  return complete_;
}

bool DirectoryIndex::follow_events(std::string& error) {
  if (inotify_fd_ < 0) return false;
  std::unordered_set<std::string> dirty;
  std::vector<std::string> new_dirs;
  if (!drain_events(dirty, new_dirs)) return false;
  for (const std::string& dir : new_dirs) scan_subtree(dir, error);
  for (const std::string& file : dirty) update_file(file);
  complete_ = complete_ && error.empty();
  if (!error.empty()) error_ = error;
  return true;
}

bool DirectoryIndex::full_scan(std::string& error) {
  reset();
  complete_ = false;
  full_scans_++;
  last_scan_ = std::chrono::steady_clock::now();
  struct stat st;
  if (stat(root_.c_str(), &st) != 0) {
    error = error_ = std::strerror(errno);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    error = error_ = "not a directory";
    return false;
  }
  scan_subtree("", error);
  complete_ = error.empty();
  error_ = error;
  return complete_;
}

// Watches and walks `relative` and everything below it, without following symlinks.
void DirectoryIndex::scan_subtree(const std::string& relative, std::string& error) {
  std::vector<std::string> pending = {relative};
  while (!pending.empty()) {
    if (cancel_ && cancel_->load()) {
      if (error.empty()) error = "the walk was stopped before it finished";
      return;
    }
    std::string dir = pending.back();
    pending.pop_back();
    std::string path = full_path(dir);
    int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (dir.empty() ? 0 : O_NOFOLLOW);
    // Watch before listing, so a file created during the listing is not missed.
    if (inotify_fd_ >= 0) {
      int wd = inotify_add_watch(inotify_fd_, path.c_str(), kWatchMask | (dir.empty() ? 0 : IN_DONT_FOLLOW));
      if (wd >= 0) {
        watches_[wd] = dir;
      } else if (errno == ENOSPC || errno == ENOMEM) {
        // out of watches (fs.inotify.max_user_watches): walk at every refresh instead
        close(inotify_fd_);
        inotify_fd_ = -1;
      }
    }
    int fd = open(path.c_str(), flags);
    DIR* listing = fd >= 0 ? fdopendir(fd) : nullptr;
    if (!listing) {
      if (fd >= 0) close(fd);
      if (error.empty()) error = "'" + path + "': " + std::strerror(errno);
      continue;
    }
    size_t depth = dir.empty() ? 0 : 1 + std::count(dir.begin(), dir.end(), '/');
    std::string child;  // reused: the only allocation per file is the index's own key
    while (struct dirent* entry = readdir(listing)) {
      const char* name = entry->d_name;
      if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]))) continue;
      // Only regular files need a stat; directories are known from d_type on most file systems.
      unsigned char type = entry->d_type;
      if (type != DT_REG && type != DT_DIR && type != DT_UNKNOWN) continue;
      struct stat st;
      if (type != DT_DIR && fstatat(dirfd(listing), name, &st, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT) != 0) {
        continue;  // vanished meanwhile
      }
      child.assign(dir).append(dir.empty() ? "" : "/").append(name);
      if (type == DT_DIR || S_ISDIR(st.st_mode)) {
        if (depth < kMaxDepth) {
          pending.push_back(child);
        } else if (error.empty()) {
          error = "'" + full_path(child) + "' is deeper than " + std::to_string(kMaxDepth) + " levels; not counted";
        }
        continue;
      }
      if (!S_ISREG(st.st_mode)) continue;
      FileEntry file{st.st_size, mtime_ns(st), false};
      if (is_segment(child)) file.bad_magic = check_magic(dirfd(listing), name, st.st_size);
      insert(child, file);
    }
    closedir(listing);
  }
}

// Reads pending events; false when they cannot be trusted (overflow, root gone).
bool DirectoryIndex::drain_events(std::unordered_set<std::string>& dirty, std::vector<std::string>& new_dirs) {
  alignas(struct inotify_event) char buffer[64 * 1024];
  while (true) {
    ssize_t length = read(inotify_fd_, buffer, sizeof buffer);
    if (length <= 0) return length == 0 || errno == EAGAIN || errno == EINTR;
    for (char* p = buffer; p < buffer + length;) {
      const auto* event = reinterpret_cast<const struct inotify_event*>(p);
      p += sizeof(struct inotify_event) + event->len;
      if (event->mask & IN_Q_OVERFLOW) return false;
      auto watch = watches_.find(event->wd);
      if (watch == watches_.end()) continue;
      std::string dir = watch->second;
      if (event->mask & IN_IGNORED) watches_.erase(watch);
      bool root_event = dir.empty() && (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED));
      if (root_event) return false;
      // A directory whose permission changed may have become (un)readable: only a walk can tell.
      bool directory_attrib = (event->mask & IN_ATTRIB) && ((event->mask & IN_ISDIR) || event->len == 0);
      if (directory_attrib) return false;
      if (event->len == 0 || !event->name[0]) continue;
      std::string child = join(dir, event->name);
      if (!(event->mask & IN_ISDIR)) {
        dirty.insert(child);
      } else if (event->mask & IN_MOVED_FROM) {
        return false;  // its files moved with it; only a walk can tell which
      } else if (event->mask & (IN_CREATE | IN_MOVED_TO)) {
        new_dirs.push_back(child);
      }
    }
  }
}

void DirectoryIndex::update_file(const std::string& relative) {
  std::string path = full_path(relative);
  struct stat st;
  if (lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    erase(relative);
    return;
  }
  FileEntry entry{st.st_size, mtime_ns(st), false};
  auto old = files_.find(relative);
  if (is_segment(relative)) {
    bool header_written = old != files_.end() && !old->second.bad_magic &&
                          old->second.size >= static_cast<int64_t>(magic_.size()) && st.st_size >= old->second.size;
    entry.bad_magic = header_written ? false : check_magic(AT_FDCWD, path, st.st_size);
  }
  erase(relative);
  insert(relative, entry);
}

// True when a non-empty file's first bytes differ from the magic (or it is shorter).
bool DirectoryIndex::check_magic(int dir_fd, const std::string& name, int64_t size) const {
  if (size == 0) return false;  // just created, header not written yet
  int fd = openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;  // vanished meanwhile
  std::string head(magic_.size(), '\0');
  ssize_t got = pread(fd, head.data(), head.size(), 0);
  close(fd);
  return got != static_cast<ssize_t>(magic_.size()) || head != magic_;
}

void DirectoryIndex::insert(const std::string& relative, FileEntry entry) {
  files_[relative] = entry;
  bytes_ += entry.size;
  mtimes_[entry.mtime_ns]++;
  if (entry.bad_magic) bad_magic_++;
}

void DirectoryIndex::erase(const std::string& relative) {
  auto it = files_.find(relative);
  if (it == files_.end()) return;
  bytes_ -= it->second.size;
  auto mtime = mtimes_.find(it->second.mtime_ns);
  if (--mtime->second == 0) mtimes_.erase(mtime);
  if (it->second.bad_magic) bad_magic_--;
  files_.erase(it);
}

DirectoryTotals DirectoryIndex::totals() const {
  DirectoryTotals totals;
  totals.bytes = static_cast<double>(bytes_);
  totals.files = files_.size();
  totals.bad_magic = bad_magic_;
  if (!mtimes_.empty()) {
    totals.oldest_mtime_ns = mtimes_.begin()->first;
    totals.newest_mtime_ns = mtimes_.rbegin()->first;
  }
  return totals;
}

}  // namespace symptree
