// Tests for emit/regular_file: only a regular file is opened; a FIFO, a
// folder or a missing path gives -1 at once.
#include "generator/emit/regular_file.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "temp_dir.h"

using namespace symptree;
using symptree::testing::TempDir;

TEST_CASE("only a regular file is opened, a FIFO never") {
  TempDir dir("regular-file");
  std::string file = (dir.path() / "file").string(), fifo = (dir.path() / "fifo").string();
  std::ofstream(file) << "text";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  int fd = open_regular_file(file);
  CHECK(fd >= 0);
  char byte = 0;
  CHECK(::read(fd, &byte, 1) == 1);
  CHECK(byte == 't');
  ::close(fd);
  CHECK(open_regular_file(fifo) == -1);  // no writer: opening it for reading would block
  CHECK(open_regular_file(dir.path().string()) == -1);
  CHECK(open_regular_file((dir.path() / "missing").string()) == -1);
}
