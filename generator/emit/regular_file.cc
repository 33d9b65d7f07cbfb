// stat, then open without blocking.
#include "generator/emit/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>

namespace symptree {

int open_regular_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return -1;
  return ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
}

}  // namespace symptree
