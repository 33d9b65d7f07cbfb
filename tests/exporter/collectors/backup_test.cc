// The backup collector: real backup folders on disk, and a VirtualFileSystem
// for a backup that vanishes between listing and stat, and EACCES.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

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

TEST_CASE("backup: a backup that vanishes between listing and stat is not counted, EACCES fails or marks metadata") {
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
  CHECK(locked_metadata.at("symptree_backup_metadata_ok{name=\"nightly\"}") == 0);
  CHECK_FALSE(locked_metadata.has("symptree_backup_metadata_field{name=\"nightly\",field=\"assertions\"}"));

  fs.fail("/backups", EACCES);
  Collected locked_dir = collect_once(*collector);
  CHECK_FALSE(locked_dir.has("symptree_backup_found{name=\"nightly\"}"));
  REQUIRE(locked_dir.failures.size() == 1);
  CHECK(locked_dir.failures[0] == "'/backups': Permission denied");
}
