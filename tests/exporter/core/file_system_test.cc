// RealFileSystem against a real temporary tree: results and errno as the system calls give them.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <future>

#include "exporter/core/file_system.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("RealFileSystem: statvfs, stat, listing and reading, and their errno") {
  TempDir dir;
  write_file(dir / "a.txt", "hello");
  mkdir((dir / "sub").c_str(), 0755);
  RealFileSystem fs;

  struct statvfs vfs;
  CHECK(fs.stat_fs(dir.path(), vfs) == 0);
  CHECK(vfs.f_blocks > 0);
  CHECK(fs.stat_fs(dir / "missing", vfs) == ENOENT);

  struct stat st;
  CHECK(fs.stat(dir / "a.txt", st) == 0);
  CHECK(st.st_size == 5);
  CHECK(fs.stat(dir / "missing", st) == ENOENT);

  std::vector<std::string> names;
  CHECK(fs.list_directory(dir.path(), names) == 0);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"a.txt", "sub"});
  CHECK(fs.list_directory(dir / "a.txt", names) == ENOTDIR);

  int error = -1;
  FilePtr file = fs.open_read(dir / "a.txt", error);
  REQUIRE(file);
  CHECK(error == 0);
  CHECK(read_all(file.get()) == "hello");
  CHECK_FALSE(fs.open_read(dir / "missing", error));
  CHECK(error == ENOENT);
}

TEST_CASE("RealFileSystem: open_read of a FIFO returns at once, without waiting for a writer") {
  TempDir dir;
  REQUIRE(mkfifo((dir / "fifo").c_str(), 0600) == 0);
  RealFileSystem fs;
  auto opening = std::async(std::launch::async, [&] {
    int error = -1;
    FilePtr file = fs.open_read(dir / "fifo", error);
    return file ? read_all(file.get()) : "not opened";
  });
  bool returned = opening.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (!returned) {
    // Blocked in open(): a writer coming and going lets it return, so the test ends.
    int writer = open((dir / "fifo").c_str(), O_WRONLY | O_NONBLOCK);
    if (writer >= 0) close(writer);
  }
  CHECK(opening.get() == "");  // opened, and nothing to read: no writer
  CHECK(returned);
}
