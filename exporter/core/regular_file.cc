// open_regular_file: stat, refuse what is not a regular file, open without blocking, check again.
#include "exporter/core/regular_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace symptree {

std::string path_error_text(int error) {
  switch (error) {
    case ENOENT:
      return "does not exist";
    case ENOTDIR:
      return "does not exist (a part of its path is not a directory)";
    case EACCES:
    case EPERM:
      return "is not readable (permission denied)";
    default:
      return std::string("cannot be read (") + std::strerror(error) + ")";
  }
}

std::string file_type_text(mode_t mode, const std::string& wanted) {
  const char* type = S_ISREG(mode)    ? "a regular file"
                     : S_ISDIR(mode)  ? "a directory"
                     : S_ISFIFO(mode) ? "a FIFO"
                     : S_ISSOCK(mode) ? "a socket"
                     : S_ISCHR(mode)  ? "a character device"
                     : S_ISBLK(mode)  ? "a block device"
                                      : "not a file";
  return std::string("is ") + type + ", not a " + wanted;
}

namespace {

FilePtr refuse(OpenProblem& problem, int error, const std::string& text) {
  problem.error = error;
  problem.text = text;
  return nullptr;
}

}  // namespace

FilePtr open_regular_file(FileSystem& file_system, const std::string& path, OpenProblem& problem) {
  struct stat st;
  if (int error = file_system.stat(path, st)) return refuse(problem, error, path_error_text(error));
  if (!S_ISREG(st.st_mode)) return refuse(problem, 0, file_type_text(st.st_mode, "regular file"));
  int error = 0;
  FilePtr file = file_system.open_read(path, error);
  if (!file) return refuse(problem, error, path_error_text(error));
  // Replaced since the stat (a rotation, or on purpose): what was opened is what counts.
  struct stat opened;
  if (fstat(fileno(file.get()), &opened) != 0) return refuse(problem, errno, path_error_text(errno));
  if (!S_ISREG(opened.st_mode)) return refuse(problem, 0, file_type_text(opened.st_mode, "regular file"));
  return file;
}

}  // namespace symptree
