// open_regular_file against real files, a FIFO, a directory and a symlink, a
// VirtualFileSystem for EACCES, and a FIFO put in a file's place between the
// stat and the open; the words path_error_text and file_type_text use.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "exporter/core/regular_file.h"
#include "test_support.h"
#include "virtual_file_system.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The real calls, except that stat sees `path` as it was before a FIFO took its place.
class FifoAfterStat : public RealFileSystem {
 public:
  FifoAfterStat(std::string path, std::string before) : path_(std::move(path)), before_(std::move(before)) {}
  int stat(const std::string& path, struct stat& out) override {
    return RealFileSystem::stat(path == path_ ? before_ : path, out);
  }

 private:
  std::string path_, before_;
};

// The problem open_regular_file gives for `path`, or "opened".
std::string problem_of(FileSystem& fs, const std::string& path) {
  OpenProblem problem;
  return open_regular_file(fs, path, problem) ? "opened" : problem.text;
}

}  // namespace

TEST_CASE("open_regular_file: a regular file (through a symlink too) opens, anything else is named and refused") {
  TempDir dir;
  write_file(dir / "a.pem", "text");
  symlink((dir / "a.pem").c_str(), (dir / "link.pem").c_str());
  REQUIRE(mkfifo((dir / "fifo").c_str(), 0600) == 0);
  mkdir((dir / "sub").c_str(), 0755);
  RealFileSystem fs;
  OpenProblem problem;
  FilePtr file = open_regular_file(fs, dir / "link.pem", problem);
  REQUIRE(file);
  CHECK(read_all(file.get()) == "text");
  CHECK(problem_of(fs, dir / "fifo") == "is a FIFO, not a regular file");
  CHECK(problem_of(fs, dir / "sub") == "is a directory, not a regular file");
  CHECK(problem_of(fs, "/dev/null") == "is a character device, not a regular file");
  CHECK(problem_of(fs, dir / "missing") == "does not exist");
  CHECK(problem_of(fs, dir / "a.pem/x") == "does not exist (a part of its path is not a directory)");
  open_regular_file(fs, dir / "missing", problem);
  CHECK(problem.error == ENOENT);
  open_regular_file(fs, dir / "fifo", problem);
  CHECK(problem.error == 0);

  VirtualFileSystem locked;
  locked.add_file("/tls/a.key", "key");
  locked.fail("/tls/a.key", EACCES);
  CHECK(problem_of(locked, "/tls/a.key") == "is not readable (permission denied)");
}

TEST_CASE("open_regular_file: a FIFO put in a regular file's place after the stat is refused, not waited on") {
  TempDir dir;
  write_file(dir / "was-a-file", "");
  REQUIRE(mkfifo((dir / "metadata.json").c_str(), 0600) == 0);
  FifoAfterStat fs(dir / "metadata.json", dir / "was-a-file");
  CHECK(problem_of(fs, dir / "metadata.json") == "is a FIFO, not a regular file");
}

TEST_CASE("path_error_text and file_type_text: words for errno values and file types") {
  CHECK(path_error_text(EACCES) == "is not readable (permission denied)");
  CHECK(path_error_text(EIO) == "cannot be read (Input/output error)");
  CHECK(file_type_text(S_IFSOCK, "directory") == "is a socket, not a directory");
  CHECK(file_type_text(S_IFREG, "directory") == "is a regular file, not a directory");
}
