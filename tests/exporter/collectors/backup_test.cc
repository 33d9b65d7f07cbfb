// The backup collector: real backup folders (and a FIFO) on disk, and a
// VirtualFileSystem for a backup that vanishes between listing and stat,
// EACCES and metadata that hangs.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <future>

#include "virtual_file_system.h"

#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("backup: count, newest age, metadata fields") {
  TempDir dir;
  mkdir((dir / "stemedb-backup-1").c_str(), 0755);
  mkdir((dir / "stemedb-backup-2").c_str(), 0755);
  mkdir((dir / "unrelated").c_str(), 0755);
  struct timespec old_times[2] = {{1000000000, 0}, {1000000000, 0}};
  utimensat(AT_FDCWD, (dir / "stemedb-backup-1").c_str(), old_times, 0);
  write_file(dir / "stemedb-backup-2/metadata.json", R"({"assertions": 1234, "stats": {"bytes": 5e6}, "who": "x"})");
  BackupProbe probe{"nightly", dir.path(), "stemedb-backup-*", "metadata.json",
                    {"assertions", "stats.bytes", "who", "absent"}, {}};
  auto collector = make_collector("backup", host_config(&HostConfig::backups, {probe}));
  Collected c = collect_once(*collector);
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_backup_found{name=\"nightly\"}") == 2);
  struct stat newest {};
  REQUIRE(stat((dir / "stemedb-backup-2").c_str(), &newest) == 0);
  CHECK(c.at("symptree_backup_newest_timestamp_seconds{name=\"nightly\"}") ==
        doctest::Approx(newest.st_mtim.tv_sec + newest.st_mtim.tv_nsec / 1e9));
  CHECK(c.at("symptree_backup_metadata_ok{name=\"nightly\"}") == 1);
  CHECK(c.at("symptree_backup_metadata_field{name=\"nightly\",field=\"assertions\"}") == 1234);
  CHECK(c.at("symptree_backup_metadata_field{name=\"nightly\",field=\"stats.bytes\"}") == 5e6);
  CHECK_FALSE(c.has("symptree_backup_metadata_field{name=\"nightly\",field=\"who\"}"));

  write_file(dir / "stemedb-backup-2/metadata.json", "{broken");
  CHECK(collect_once(*collector).at("symptree_backup_metadata_ok{name=\"nightly\"}") == 0);
  BackupProbe missing{"gone", dir / "nothing-here", "*", "", {}, {}};
  CHECK(collect_once(*make_collector("backup", host_config(&HostConfig::backups, {missing}))).failures.size() == 1);
}

TEST_CASE("backup: a backup that vanishes between listing and stat is not counted, EACCES fails the folder or the metadata alone") {
  VirtualFileSystem fs;
  time_t now = time(nullptr);
  fs.add_file("/backups/stemedb-backup-1/metadata.json", R"({"assertions": 7})", now - 7200);
  fs.add_directory("/backups/stemedb-backup-1", now - 3600);
  fs.add_vanishing("/backups/stemedb-backup-2");  // deleted by the rotation while being listed
  fs.add_file("/backups/other", "", now);
  BackupProbe probe{"nightly", "/backups", "stemedb-backup-*", "metadata.json", {"assertions"}, {}};
  auto collector = make_collector("backup", host_config(&HostConfig::backups, {probe}), fs);
  Collected c = collect_once(*collector);
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_backup_found{name=\"nightly\"}") == 1);
  CHECK(c.at("symptree_backup_newest_timestamp_seconds{name=\"nightly\"}") == static_cast<double>(now - 3600));
  CHECK(c.at("symptree_backup_metadata_field{name=\"nightly\",field=\"assertions\"}") == 7);

  fs.fail("/backups/stemedb-backup-1/metadata.json", EACCES);
  Collected locked_metadata = collect_once(*collector);
  CHECK(locked_metadata.at("symptree_backup_found{name=\"nightly\"}") == 1);
  CHECK_FALSE(locked_metadata.has("symptree_backup_metadata_ok{name=\"nightly\"}"));  // unknown, not 0
  CHECK_FALSE(locked_metadata.has("symptree_backup_metadata_field{name=\"nightly\",field=\"assertions\"}"));
  REQUIRE(locked_metadata.failures.size() == 1);
  CHECK(locked_metadata.failures[0] ==
        "'/backups/stemedb-backup-1/metadata.json': the metadata is not readable (permission denied)");

  fs.fail("/backups", EACCES);
  Collected locked_dir = collect_once(*collector);
  CHECK_FALSE(locked_dir.has("symptree_backup_found{name=\"nightly\"}"));
  REQUIRE(locked_dir.failures.size() == 1);
  CHECK(locked_dir.failures[0] == "'/backups': Permission denied");
}

TEST_CASE("backup: missing metadata is metadata_ok 0, a value, not a failure") {
  TempDir dir;
  mkdir((dir / "bk-1").c_str(), 0755);
  BackupProbe probe{"nightly", dir.path(), "bk-*", "metadata.json", {"assertions"}, {}};
  Collected c = collect_once(*make_collector("backup", host_config(&HostConfig::backups, {probe})));
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_backup_found{name=\"nightly\"}") == 1);
  CHECK(c.at("symptree_backup_metadata_ok{name=\"nightly\"}") == 0);
}

TEST_CASE("backup: a FIFO as the metadata is refused unopened, the count and the newest time are still reported") {
  TempDir dir;
  mkdir((dir / "bk-1").c_str(), 0755);
  std::string fifo = dir / "bk-1/metadata.json";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  BackupProbe probe{"nightly", dir.path(), "bk-*", "metadata.json", {"assertions"}, {}};
  auto collector = make_collector("backup", host_config(&HostConfig::backups, {probe}));
  auto run = std::async(std::launch::async, [&] { return collect_once(*collector); });
  bool returned = run.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (!returned) {
    // Blocked in open(): a writer coming and going lets it return, so the test ends.
    int writer = open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (writer >= 0) close(writer);
  }
  Collected c = run.get();
  REQUIRE_MESSAGE(returned, "the collector blocked on the FIFO");
  CHECK(c.at("symptree_backup_found{name=\"nightly\"}") == 1);
  CHECK(c.has("symptree_backup_newest_timestamp_seconds{name=\"nightly\"}"));
  CHECK_FALSE(c.has("symptree_backup_metadata_ok{name=\"nightly\"}"));
  REQUIRE(c.failures.size() == 1);
  CHECK(c.failures[0] == "'" + fifo + "': the metadata is a FIFO, not a regular file");
}

TEST_CASE("backup: metadata that hangs is skipped alone, the count and the newest time are still reported") {
  VirtualFileSystem fs;
  time_t now = time(nullptr);
  fs.add_file("/backups/bk-1/metadata.json", R"({"assertions": 7})", now - 60);
  fs.add_directory("/backups/bk-1", now - 60);
  BackupProbe probe{"nightly", "/backups", "bk-*", "metadata.json", {"assertions"}, {}};
  auto collector = make_collector("backup", host_config(&HostConfig::backups, {probe}), fs);
  CollectorRunner runner(collector, std::chrono::milliseconds(400));
  CHECK(runner.run().success());

  fs.hang("/backups/bk-1/metadata.json");
  RunResult skipped = run_until_failure(runner, "metadata.json' is skipped");
  std::map<std::string, double> m = series_of(skipped.samples);
  CHECK(skipped.finished);
  CHECK(m.at("symptree_backup_found{name=\"nightly\"}") == 1);
  CHECK(m.at("symptree_backup_newest_timestamp_seconds{name=\"nightly\"}") == static_cast<double>(now - 60));
  CHECK_FALSE(m.count("symptree_backup_metadata_ok{name=\"nightly\"}"));

  fs.release("/backups/bk-1/metadata.json");
  CHECK(wait_for_abandoned_workers());
}
