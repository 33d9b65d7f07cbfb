// DirectoryEntries: a directory read whole with getdents64, across several
// reads and a growing buffer, lists every entry once with its type.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <string>

#include "exporter/collectors/directory_entries.h"
#include "tests/exporter/test_support.h"

using namespace symptree;
using symptree::testing::TempDir;
using symptree::testing::write_file;

namespace {

// name -> d_type of every entry `entries` lists.
std::map<std::string, unsigned char> listed(const DirectoryEntries& entries) {
  std::map<std::string, unsigned char> names;
  entries.for_each([&](const char* name, unsigned char type) { CHECK(names.emplace(name, type).second); });
  return names;
}

}  // namespace

TEST_CASE("every entry of a directory too big for one read is listed once, without . and ..") {
  TempDir dir;
  const int files = 6000;  // about 200 KB of records: several getdents64 calls and a buffer that grows
  size_t name_bytes = 0;
  for (int i = 0; i < files; ++i) {
    std::string name = "a-rather-long-file-name-" + std::to_string(i);
    write_file(dir / name, "x");
    name_bytes += name.size();
  }
  REQUIRE(mkdir((dir / "sub").c_str(), 0755) == 0);
  REQUIRE(symlink("a-rather-long-file-name-0", (dir / "link").c_str()) == 0);
  int fd = open(dir.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  DirectoryEntries entries;
  REQUIRE(entries.read(fd));
  std::map<std::string, unsigned char> names = listed(entries);
  CHECK(names.size() == files + 2);
  CHECK(names.count(".") == 0);
  CHECK(names.count("..") == 0);
  bool types_known = names["sub"] != DT_UNKNOWN;  // d_type is optional for a file system
  if (types_known) {
    CHECK(names["sub"] == DT_DIR);
    CHECK(names["link"] == DT_LNK);
    CHECK(names["a-rather-long-file-name-5999"] == DT_REG);
    CHECK(entries.possible_files() == files);
    CHECK(entries.possible_file_name_bytes() == name_bytes);
  }

  SUBCASE("a second, smaller directory read with the same buffer lists only its own entries") {
    TempDir small;
    write_file(small / "only", "x");
    int small_fd = open(small.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(small_fd >= 0);
    REQUIRE(entries.read(small_fd));
    CHECK(listed(entries) == std::map<std::string, unsigned char>{{"only", names["a-rather-long-file-name-0"]}});
    close(small_fd);
  }
  close(fd);
}

TEST_CASE("a descriptor that is not a directory fails with errno set") {
  TempDir dir;
  write_file(dir / "file", "x");
  int fd = open((dir / "file").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  DirectoryEntries entries;
  CHECK_FALSE(entries.read(fd));
  CHECK(errno == ENOTDIR);
  close(fd);
}
