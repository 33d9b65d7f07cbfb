// RealFileSystem: the system calls themselves.
#include "exporter/core/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace symptree {

int RealFileSystem::stat_fs(const std::string& path, struct statvfs& out) {
  return ::statvfs(path.c_str(), &out) == 0 ? 0 : errno;
}

int RealFileSystem::stat(const std::string& path, struct stat& out) {
  return ::stat(path.c_str(), &out) == 0 ? 0 : errno;
}

int RealFileSystem::list_directory(const std::string& path, std::vector<std::string>& names) {
  DIR* dir = opendir(path.c_str());
  if (!dir) return errno;
  while (struct dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  closedir(dir);
  return 0;
}

FilePtr RealFileSystem::open_read(const std::string& path, int& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    error = errno;
    return nullptr;
  }
  FilePtr file(fdopen(fd, "r"));
  error = file ? 0 : errno;
  if (!file) close(fd);
  return file;
}

FileSystem& real_file_system() {
  static RealFileSystem file_system;
  return file_system;
}

std::string read_all(std::FILE* file) {
  std::string text;
  char buffer[4096];
  while (size_t got = std::fread(buffer, 1, sizeof buffer, file)) text.append(buffer, got);
  return text;
}

}  // namespace symptree
