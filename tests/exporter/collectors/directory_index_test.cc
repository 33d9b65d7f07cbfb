// DirectoryIndex: totals follow a tree that grows and shrinks, via inotify.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exporter/collectors/directory_index.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

DirectoryTotals refreshed(DirectoryIndex& index) {
  std::string error;
  bool ok = index.refresh(error);
  INFO(error);
  CHECK(ok);
  return index.totals();
}

const std::chrono::milliseconds kNoRescan(3600 * 1000);

}  // namespace

TEST_CASE("directory totals follow files growing, shrinking and vanishing without full walks") {
  TempDir dir;
  write_file(dir / "a.wal", std::string(100, 'x'));
  DirectoryIndex index(dir.path(), "", "*", kNoRescan);
  DirectoryTotals totals = refreshed(index);
  CHECK(totals.files == 1);
  CHECK(totals.bytes == 100);

  write_file(dir / "b.wal", std::string(50, 'y'));
  write_file(dir / "a.wal", std::string(10, 'x'));  // shrinks
  totals = refreshed(index);
  CHECK(totals.files == 2);
  CHECK(totals.bytes == 60);

  mkdir((dir / "sub").c_str(), 0755);
  write_file(dir / "sub/c.wal", std::string(7, 'z'));
  totals = refreshed(index);
  CHECK(totals.files == 3);
  CHECK(totals.bytes == 67);
  write_file(dir / "sub/d.wal", std::string(3, 'z'));  // inside the new directory's own watch
  CHECK(refreshed(index).bytes == 70);

  unlink((dir / "b.wal").c_str());
  rename((dir / "sub/c.wal").c_str(), (dir / "moved.wal").c_str());
  totals = refreshed(index);
  CHECK(totals.files == 3);
  CHECK(totals.bytes == 20);
  CHECK(index.full_scans() == 1);
}

TEST_CASE("newest and oldest file times come from mtimes") {
  TempDir dir;
  write_file(dir / "old", "1");
  write_file(dir / "new", "2");
  struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};
  utimensat(AT_FDCWD, (dir / "old").c_str(), times, 0);
  DirectoryIndex index(dir.path(), "", "*", kNoRescan);
  DirectoryTotals totals = refreshed(index);
  CHECK(totals.oldest_mtime_ns == 1000000000LL * 1000000000LL);
  CHECK(totals.newest_mtime_ns > totals.oldest_mtime_ns);
}

TEST_CASE("segments whose first bytes differ from the magic are counted") {
  TempDir dir;
  write_file(dir / "000001.seg", "STMW and the rest");
  write_file(dir / "000002.seg", "JUNK and the rest");
  write_file(dir / "notes.txt", "not a segment");
  write_file(dir / "empty.seg", "");  // just created: not judged yet
  DirectoryIndex index(dir.path(), "STMW", "*.seg", kNoRescan);
  CHECK(refreshed(index).bad_magic == 1);
  write_file(dir / "000003.seg", "ST");  // shorter than the magic
  write_file(dir / "empty.seg", "STMW");
  CHECK(refreshed(index).bad_magic == 2);
  unlink((dir / "000002.seg").c_str());
  write_file(dir / "000003.seg", "STMW fixed");
  CHECK(refreshed(index).bad_magic == 0);
}

TEST_CASE("a vanished, unreadable or looping root is an error, a recreated one is picked up") {
  TempDir dir;
  std::string root = dir / "wal";
  mkdir(root.c_str(), 0755);
  write_file(root + "/a", "abc");
  DirectoryIndex index(root, "", "*", kNoRescan);
  CHECK(refreshed(index).bytes == 3);

  run_command("rm -rf '" + root + "'");
  std::string error;
  CHECK_FALSE(index.refresh(error));
  CHECK(error.find("No such file") != std::string::npos);

  mkdir(root.c_str(), 0755);
  write_file(root + "/b", "abcdef");
  CHECK(refreshed(index).bytes == 6);

  symlink((dir / "loop2").c_str(), (dir / "loop1").c_str());
  symlink((dir / "loop1").c_str(), (dir / "loop2").c_str());
  DirectoryIndex looping(dir / "loop1", "", "*", kNoRescan);
  error.clear();
  CHECK_FALSE(looping.refresh(error));
  CHECK(error.find("symbolic links") != std::string::npos);

  if (geteuid() != 0) {  // root reads anything
    chmod(root.c_str(), 0);
    DirectoryIndex unreadable(root, "", "*", kNoRescan);
    error.clear();
    CHECK_FALSE(unreadable.refresh(error));
  }
}

TEST_CASE("symlinks inside the tree are not followed, so a loop inside costs nothing") {
  TempDir dir;
  write_file(dir / "a", "12345");
  symlink(dir.path().c_str(), (dir / "self").c_str());
  DirectoryIndex index(dir.path(), "", "*", kNoRescan);
  DirectoryTotals totals = refreshed(index);
  CHECK(totals.files == 1);
  CHECK(totals.bytes == 5);
}

TEST_CASE("a periodic rescan corrects drift") {
  TempDir dir;
  write_file(dir / "a", "12");
  DirectoryIndex index(dir.path(), "", "*", std::chrono::milliseconds(1));
  refreshed(index);
  usleep(2000);
  refreshed(index);
  CHECK(index.full_scans() == 2);
}
