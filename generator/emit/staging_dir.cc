// The staging directory beside the outputs.
#include "generator/emit/staging_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>

namespace symptree {
namespace fs = std::filesystem;

bool write_whole_file(const std::string& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
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

std::shared_ptr<StagingDir> StagingDir::beside(const std::string& out_dir) {
  static std::atomic<int> count{0};  // several compiles in one process each stage apart
  fs::path out = fs::path(out_dir).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();  // "out/" -> "out"
  fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  if (out.filename().empty() || out.filename() == "." || out.filename() == "..") return nullptr;
  std::string name = "." + out.filename().string() + ".staging-" + std::to_string(::getpid()) + "-" +
                     std::to_string(count++);
  fs::path root = parent / name;
  if (::mkdir(root.c_str(), 0755) != 0) return nullptr;
  return std::shared_ptr<StagingDir>(new StagingDir(root.string(), out_dir));
}

StagingDir::~StagingDir() {
  std::error_code error;
  fs::remove_all(root_, error);
}

bool StagingDir::write(const std::string& relative_path, const std::string& content) const {
  fs::path target = path(relative_path);
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error) {
    errno = error.value();
    return false;
  }
  return write_whole_file(target.string(), content);
}

}  // namespace symptree
