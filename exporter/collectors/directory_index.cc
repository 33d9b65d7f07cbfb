// DirectoryIndex: a full walk once, then inotify events applied at each refresh.
#include "exporter/collectors/directory_index.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace symptree {
namespace {

constexpr uint32_t kWatchMask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_MOVED_FROM |
                                IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK;
constexpr size_t kMaxDepth = 64;

int64_t mtime_ns(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

// "a/b/c" -> {"a/b", "c"}; "c" -> {"", "c"}. The name ends where `relative` does, so its data() is
// a C string.
std::pair<std::string, std::string_view> split(const std::string& relative) {
  size_t slash = relative.rfind('/');
  if (slash == std::string::npos) return {std::string(), relative};
  return {relative.substr(0, slash), std::string_view(relative).substr(slash + 1)};
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

bool DirectoryIndex::is_segment(const char* name) const {
  return !magic_.empty() && fnmatch(segment_glob_.c_str(), name, 0) == 0;
}

void DirectoryIndex::reset() {
  if (inotify_fd_ >= 0) close(inotify_fd_);
  inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);  // -1: walk at every refresh instead
  listings_.clear();
  listing_of_.clear();
  watches_.clear();
  files_ = 0;
  bytes_ = 0;
  bad_magic_ = 0;
  oldest_mtime_ns_ = newest_mtime_ns_ = 0;
  mtimes_stale_ = false;
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
  recount_mtimes_if_needed();
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
  recount_mtimes_if_needed();
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
    if (fd < 0 || !entries_.read(fd)) {
      if (error.empty()) error = "'" + path + "': " + std::strerror(errno);
      if (fd >= 0) close(fd);
      continue;
    }
    size_t depth = dir.empty() ? 0 : 1 + std::count(dir.begin(), dir.end(), '/');
    DirectoryListing& files = files_in(dir);  // no other listing is added until this directory is read
    files.reserve(entries_.possible_files(), entries_.possible_file_name_bytes());
    entries_.for_each([&](const char* name, unsigned char type) {
      // Only regular files need a stat; directories are known from d_type on most file systems.
      if (type != DT_REG && type != DT_DIR && type != DT_UNKNOWN) return;
      struct stat st;
      if (type != DT_DIR && fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT) != 0) {
        return;  // vanished meanwhile
      }
      if (type == DT_DIR || S_ISDIR(st.st_mode)) {
        std::string child = join(dir, name);
        if (depth < kMaxDepth) {
          pending.push_back(child);
        } else if (error.empty()) {
          error = "'" + full_path(child) + "' is deeper than " + std::to_string(kMaxDepth) + " levels; not counted";
        }
        return;
      }
      if (!S_ISREG(st.st_mode)) return;
      FileEntry file{st.st_size, mtime_ns(st), false};
      if (is_segment(name)) file.bad_magic = check_magic(fd, name, st.st_size);
      insert(files, name, file);
    });
    close(fd);
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
  auto [dir, name] = split(relative);
  DirectoryListing& files = files_in(dir);
  FileEntry entry{st.st_size, mtime_ns(st), false};
  if (is_segment(name.data())) {
    const FileEntry* old = files.find(name);
    bool header_written = old && !old->bad_magic && old->size >= static_cast<int64_t>(magic_.size()) &&
                          st.st_size >= old->size;
    entry.bad_magic = header_written ? false : check_magic(AT_FDCWD, path.c_str(), st.st_size);
  }
  insert(files, name, entry);
}

// True when a non-empty file's first bytes differ from the magic (or it is shorter).
bool DirectoryIndex::check_magic(int dir_fd, const char* name, int64_t size) const {
  if (size == 0) return false;  // just created, header not written yet
  int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;  // vanished meanwhile
  std::string head(magic_.size(), '\0');
  ssize_t got = pread(fd, head.data(), head.size(), 0);
  close(fd);
  return got != static_cast<ssize_t>(magic_.size()) || head != magic_;
}

DirectoryListing& DirectoryIndex::files_in(const std::string& dir) {
  auto [it, added] = listing_of_.try_emplace(dir, static_cast<uint32_t>(listings_.size()));
  if (added) listings_.emplace_back();
  return listings_[it->second];
}

DirectoryListing* DirectoryIndex::existing_files_in(const std::string& dir) {
  auto it = listing_of_.find(dir);
  return it == listing_of_.end() ? nullptr : &listings_[it->second];
}

void DirectoryIndex::insert(DirectoryListing& files, std::string_view name, const FileEntry& entry) {
  FileEntry old;
  if (files.put(name, entry, old)) count_out(old);
  count_in(entry);
}

void DirectoryIndex::erase(const std::string& relative) {
  auto [dir, name] = split(relative);
  DirectoryListing* files = existing_files_in(dir);
  FileEntry old;
  if (files && files->remove(name, old)) count_out(old);
}

void DirectoryIndex::count_in(const FileEntry& entry) {
  files_++;
  bytes_ += entry.size;
  if (entry.bad_magic) bad_magic_++;
  if (files_ == 1) {
    oldest_mtime_ns_ = newest_mtime_ns_ = entry.mtime_ns;
  } else {
    oldest_mtime_ns_ = std::min(oldest_mtime_ns_, entry.mtime_ns);
    newest_mtime_ns_ = std::max(newest_mtime_ns_, entry.mtime_ns);
  }
}

void DirectoryIndex::count_out(const FileEntry& entry) {
  files_--;
  bytes_ -= entry.size;
  if (entry.bad_magic) bad_magic_--;
  if (entry.mtime_ns == oldest_mtime_ns_ || entry.mtime_ns == newest_mtime_ns_) mtimes_stale_ = true;
}

// Finds the oldest and newest mtimes again after a file that had one of them went
// (one pass over the compact listings; only then, not on every change).
void DirectoryIndex::recount_mtimes_if_needed() {
  if (!mtimes_stale_) return;
  mtimes_stale_ = false;
  bool first = true;
  for (const DirectoryListing& files : listings_) {
    files.for_each([&](const FileEntry& entry) {
      oldest_mtime_ns_ = first ? entry.mtime_ns : std::min(oldest_mtime_ns_, entry.mtime_ns);
      newest_mtime_ns_ = first ? entry.mtime_ns : std::max(newest_mtime_ns_, entry.mtime_ns);
      first = false;
    });
  }
}

DirectoryTotals DirectoryIndex::totals() const {
  DirectoryTotals totals;
  totals.bytes = static_cast<double>(bytes_);
  totals.files = files_;
  totals.bad_magic = bad_magic_;
  if (files_ > 0) {
    totals.oldest_mtime_ns = oldest_mtime_ns_;
    totals.newest_mtime_ns = newest_mtime_ns_;
  }
  return totals;
}

}  // namespace symptree
