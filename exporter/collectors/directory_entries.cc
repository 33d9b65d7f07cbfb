// DirectoryEntries: getdents64 until the directory is exhausted, growing the
// buffer when a read could not fit.
#include "exporter/collectors/directory_entries.h"

#include <algorithm>
#include <cstring>

namespace symptree {
namespace {

constexpr size_t kReadSize = 64 * 1024;  // at least one read's worth free before each getdents64

}  // namespace

bool DirectoryEntries::read(int fd) {
  used_ = possible_files_ = possible_file_name_bytes_ = 0;
  while (true) {
    if (buffer_.size() - used_ < kReadSize) buffer_.resize(std::max(buffer_.size() * 2, used_ + kReadSize));
    ssize_t got = getdents64(fd, buffer_.data() + used_, buffer_.size() - used_);
    if (got < 0) return false;
    if (got == 0) break;
    for (size_t at = used_; at < used_ + static_cast<size_t>(got);) {
      const auto* entry = reinterpret_cast<const struct dirent64*>(buffer_.data() + at);
      at += entry->d_reclen;
      if (entry->d_type != DT_REG && entry->d_type != DT_UNKNOWN) continue;
      possible_files_++;
      possible_file_name_bytes_ += std::strlen(entry->d_name);
    }
    used_ += static_cast<size_t>(got);
  }
  return true;
}

}  // namespace symptree
