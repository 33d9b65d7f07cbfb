// DirectoryEntries: the entries of one directory, read whole with getdents64
// into a buffer that is reused from one directory to the next, so a walk makes
// one or two system calls a directory (readdir reads 32 KB at a time) and
// allocates nothing per entry. Knowing the count before the first stat lets a
// DirectoryListing be sized once.
#pragma once

#include <dirent.h>

#include <cstddef>
#include <vector>

namespace symptree {

class DirectoryEntries {
 public:
  // Reads every entry of the open directory `fd` (left open). False with errno
  // set when the directory cannot be read.
  bool read(int fd);
  // Calls f(const char* name, unsigned char d_type) for each entry other than
  // "." and "..", in the order the file system returned them.
  template <typename F>
  void for_each(F f) const {
    for (size_t at = 0; at < used_;) {
      const auto* entry = reinterpret_cast<const struct dirent64*>(buffer_.data() + at);
      at += entry->d_reclen;
      const char* name = entry->d_name;
      if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]))) continue;
      f(name, entry->d_type);
    }
  }
  // Entries that may be regular files (DT_REG or DT_UNKNOWN), and their names' bytes.
  size_t possible_files() const { return possible_files_; }
  size_t possible_file_name_bytes() const { return possible_file_name_bytes_; }

 private:
  std::vector<char> buffer_;  // the raw linux_dirent64 records, used_ bytes of them
  size_t used_ = 0;
  size_t possible_files_ = 0;
  size_t possible_file_name_bytes_ = 0;
};

}  // namespace symptree
