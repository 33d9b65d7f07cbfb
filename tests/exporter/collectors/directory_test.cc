// The directory collector against a real tree: totals, magic, writability.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>

#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// Collects until the first background walk has finished (bounded: 10 s).
Collected collect_after_walk(Collector& collector, const std::string& name) {
  Collected c;
  for (int i = 0; i < 1000; ++i) {
    c = collect_once(collector);
    if (c.has("symptree_directory_complete{name=\"" + name + "\"}") &&
        c.at("symptree_directory_complete{name=\"" + name + "\"}") == 1) {
      break;
    }
    usleep(10000);
  }
  return c;
}

}  // namespace

TEST_CASE("directory: totals, magic, writability for a user") {
  TempDir dir;
  write_file(dir / "1.seg", "STMWxxxx");
  write_file(dir / "2.seg", "XXXXxxxx");
  chmod(dir.path().c_str(), 0755);
  DirectoryProbe probe{"wal", dir.path(), "53544d57", "*.seg", "nobody", {}};
  auto collector = make_collector("directory", host_config(&HostConfig::directories, {probe}));
  Collected c = collect_after_walk(*collector, "wal");
  CHECK(c.failures.empty());
  double now = static_cast<double>(time(nullptr));
  CHECK(c.at("symptree_directory_index_timestamp_seconds{name=\"wal\"}") >= now - 1);  // current since the walk
  CHECK(c.at("symptree_directory_size_bytes{name=\"wal\"}") == 16);
  CHECK(c.at("symptree_directory_files{name=\"wal\"}") == 2);
  CHECK(c.at("symptree_directory_bad_magic_files{name=\"wal\"}") == 1);
  struct stat newest {};
  REQUIRE(stat((dir / "2.seg").c_str(), &newest) == 0);
  CHECK(c.at("symptree_directory_newest_file_timestamp_seconds{name=\"wal\"}") ==
        doctest::Approx(newest.st_mtim.tv_sec + newest.st_mtim.tv_nsec / 1e9));
  CHECK(c.at("symptree_directory_oldest_file_timestamp_seconds{name=\"wal\"}") <=
        c.at("symptree_directory_newest_file_timestamp_seconds{name=\"wal\"}"));
  CHECK(c.at("symptree_directory_writable{name=\"wal\"}") == 0);  // root's 0755 directory
  chmod(dir.path().c_str(), 0777);
  CHECK(collect_once(*collector).at("symptree_directory_writable{name=\"wal\"}") == 1);
  // The permission change asked for a walk; until it has finished, scrapes answer from before.
  write_file(dir / "3.seg", std::string(100, 'S'));
  CHECK(collect_after_walk(*collector, "wal").at("symptree_directory_size_bytes{name=\"wal\"}") == 116);
}
TEST_CASE("directory: an unknown writable_by user fails the collector") {
  TempDir dir;
  auto collector = make_collector(
      "directory", host_config(&HostConfig::directories, {{"d", dir.path(), "", "*", "no-such-user-xyz", {}}}));
  Collected c = collect_after_walk(*collector, "d");
  REQUIRE(c.failures.size() == 1);
  CHECK(c.failures[0].find("no user named") != std::string::npos);
}
