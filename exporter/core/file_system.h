// FileSystem: the file-system calls the collectors make, behind an interface
// (as ninja's DiskInterface), so unit tests can put a VirtualFileSystem in
// their place and fake a hung statvfs, a file that vanishes between listing
// and stat, or EACCES, deterministically. RealFileSystem makes the real calls.
#pragma once

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace symptree {

// An open file, closed when dropped.
struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // statvfs(2) of `path`: 0, or the errno.
  virtual int stat_fs(const std::string& path, struct statvfs& out) = 0;
  // stat(2) of `path`, following symlinks: 0, or the errno.
  virtual int stat(const std::string& path, struct stat& out) = 0;
  // The names in directory `path`, without "." and "..": 0, or the errno.
  virtual int list_directory(const std::string& path, std::vector<std::string>& names) = 0;
  // `path` opened for reading, without blocking (O_NONBLOCK: a FIFO does not
  // wait for a writer; reads of a regular file are unaffected); null with
  // `error` set to the errno. Configured files go through open_regular_file
  // (regular_file.h), which refuses anything but a regular file.
  virtual FilePtr open_read(const std::string& path, int& error) = 0;
};

// The real calls.
class RealFileSystem : public FileSystem {
 public:
  int stat_fs(const std::string& path, struct statvfs& out) override;
  int stat(const std::string& path, struct stat& out) override;
  int list_directory(const std::string& path, std::vector<std::string>& names) override;
  FilePtr open_read(const std::string& path, int& error) override;
};

// The process-wide RealFileSystem the exporter's collectors use.
FileSystem& real_file_system();

// The rest of an open file as text.
std::string read_all(std::FILE* file);

}  // namespace symptree
