// VirtualFileSystem: nodes in a map; injected errors, vanishing names and hangs per path.
#include "virtual_file_system.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace symptree::testing {
namespace {

std::string parent_of(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_of(const std::string& path) { return path.substr(path.rfind('/') + 1); }

}  // namespace

VirtualFileSystem::~VirtualFileSystem() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!hung_.empty()) std::fprintf(stderr, "VirtualFileSystem destroyed with hung paths: release them first\n");
}

void VirtualFileSystem::add_file(const std::string& path, const std::string& content, time_t mtime) {
  std::lock_guard<std::mutex> lock(mutex_);
  nodes_[path] = Node{false, content, mtime};
  for (std::string dir = parent_of(path); !dir.empty() && !nodes_.count(dir); dir = parent_of(dir)) {
    nodes_[dir] = Node{true, "", mtime};
    if (dir == "/") break;
  }
}

void VirtualFileSystem::add_directory(const std::string& path, time_t mtime) {
  add_file(path, "", mtime);
  std::lock_guard<std::mutex> lock(mutex_);
  nodes_[path].directory = true;
}

void VirtualFileSystem::set_statvfs(const std::string& path, const struct statvfs& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  statvfs_[path] = result;
}

void VirtualFileSystem::fail(const std::string& path, int error) {
  std::lock_guard<std::mutex> lock(mutex_);
  errors_[path] = error;
}

void VirtualFileSystem::add_vanishing(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  vanishing_.insert(path);
}

void VirtualFileSystem::hang(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  hung_.insert(path);
}

void VirtualFileSystem::release(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  hung_.erase(path);
  released_.notify_all();
}

int VirtualFileSystem::calls(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = calls_.find(path);
  return found == calls_.end() ? 0 : found->second;
}

int VirtualFileSystem::enter(const std::string& path, std::unique_lock<std::mutex>& lock) {
  calls_[path]++;
  released_.wait(lock, [&] { return !hung_.count(path); });
  auto error = errors_.find(path);
  if (error != errors_.end()) return error->second;
  return vanishing_.count(path) ? ENOENT : 0;
}

int VirtualFileSystem::stat_fs(const std::string& path, struct statvfs& out) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (int error = enter(path, lock)) return error;
  auto found = statvfs_.find(path);
  if (found == statvfs_.end()) return ENOENT;
  out = found->second;
  return 0;
}

int VirtualFileSystem::stat(const std::string& path, struct stat& out) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (int error = enter(path, lock)) return error;
  auto found = nodes_.find(path);
  if (found == nodes_.end()) return ENOENT;
  out = {};
  out.st_mode = found->second.directory ? (S_IFDIR | 0755) : (S_IFREG | 0644);
  out.st_size = static_cast<off_t>(found->second.content.size());
  out.st_mtim.tv_sec = found->second.mtime;
  return 0;
}

int VirtualFileSystem::list_directory(const std::string& path, std::vector<std::string>& names) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (int error = enter(path, lock)) return error;
  auto found = nodes_.find(path);
  if (found == nodes_.end()) return ENOENT;
  if (!found->second.directory) return ENOTDIR;
  for (const auto& [child, node] : nodes_) {
    if (parent_of(child) == path && child != path) names.push_back(base_of(child));
  }
  for (const std::string& child : vanishing_) {
    if (parent_of(child) == path) names.push_back(base_of(child));
  }
  return 0;
}

FilePtr VirtualFileSystem::open_read(const std::string& path, int& error) {
  std::unique_lock<std::mutex> lock(mutex_);
  error = enter(path, lock);
  if (error) return nullptr;
  auto found = nodes_.find(path);
  if (found == nodes_.end() || found->second.directory) {
    error = found == nodes_.end() ? ENOENT : EISDIR;
    return nullptr;
  }
  // An unlinked temporary file holds the content, so the FILE* behaves as a real one.
  FilePtr file(std::tmpfile());
  if (!file) throw std::runtime_error(std::string("tmpfile: ") + std::strerror(errno));
  std::fwrite(found->second.content.data(), 1, found->second.content.size(), file.get());
  std::rewind(file.get());
  return file;
}

}  // namespace symptree::testing
