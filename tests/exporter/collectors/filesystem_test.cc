// The filesystem collector: against a real mount, and against a VirtualFileSystem
// for exact values, EACCES and a statvfs that hangs.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cerrno>
#include <thread>

#include "exporter/runner/collector_runner.h"
#include "test_support.h"
#include "virtual_file_system.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

struct statvfs fake_statvfs(unsigned long blocks, unsigned long free, unsigned long avail, unsigned long flags) {
  struct statvfs fs = {};
  fs.f_frsize = 4096;
  fs.f_blocks = blocks;
  fs.f_bfree = free;
  fs.f_bavail = avail;
  fs.f_files = 1000;
  fs.f_ffree = 900;
  fs.f_flag = flags;
  return fs;
}

}  // namespace

TEST_CASE("filesystem: sizes, ratio and inodes of a real mount, a missing path fails the collector") {
  TempDir dir;
  auto collector = make_collector("filesystem", host_config(&HostConfig::filesystems, {{"tmp", dir.path(), {}}, {"gone", dir / "missing", {}}}));
  Collected c = collect_once(*collector);
  CHECK(c.at("symptree_filesystem_size_bytes{name=\"tmp\"}") > 0);
  CHECK(c.at("symptree_filesystem_avail_bytes{name=\"tmp\"}") <= c.at("symptree_filesystem_free_bytes{name=\"tmp\"}"));
  double ratio = c.at("symptree_filesystem_used_ratio{name=\"tmp\"}");
  CHECK((ratio >= 0 && ratio <= 1));
  CHECK(c.at("symptree_filesystem_readonly{name=\"tmp\"}") == 0);
  CHECK(c.has("symptree_filesystem_files{name=\"tmp\"}"));
  CHECK_FALSE(c.has("symptree_filesystem_size_bytes{name=\"gone\"}"));
  REQUIRE(c.failures.size() == 1);
  CHECK(c.failures[0].find("No such file") != std::string::npos);
}

TEST_CASE("filesystem: values as df computes them, read-only flag, and EACCES on one path") {
  VirtualFileSystem fs;
  fs.set_statvfs("/data", fake_statvfs(1000, 400, 300, 0));
  fs.set_statvfs("/ro", fake_statvfs(10, 10, 10, ST_RDONLY));
  fs.set_statvfs("/secret", fake_statvfs(1, 1, 1, 0));
  fs.fail("/secret", EACCES);
  auto collector = make_collector(
      "filesystem", host_config(&HostConfig::filesystems, {{"data", "/data", {}}, {"secret", "/secret", {}}, {"ro", "/ro", {}}}), fs);
  Collected c = collect_once(*collector);
  CHECK(c.at("symptree_filesystem_size_bytes{name=\"data\"}") == 1000 * 4096.0);
  CHECK(c.at("symptree_filesystem_free_bytes{name=\"data\"}") == 400 * 4096.0);
  CHECK(c.at("symptree_filesystem_avail_bytes{name=\"data\"}") == 300 * 4096.0);
  CHECK(c.at("symptree_filesystem_used_ratio{name=\"data\"}") == doctest::Approx(600.0 / 900.0));
  CHECK(c.at("symptree_filesystem_files_free{name=\"data\"}") == 900);
  CHECK(c.at("symptree_filesystem_readonly{name=\"data\"}") == 0);
  CHECK(c.at("symptree_filesystem_readonly{name=\"ro\"}") == 1);
  CHECK_FALSE(c.has("symptree_filesystem_size_bytes{name=\"secret\"}"));
  REQUIRE(c.failures.size() == 1);
  CHECK(c.failures[0] == "'/secret': Permission denied");
}

TEST_CASE("filesystem: a hung statvfs is answered as slow, times the run out, is skipped until it returns, then is measured again") {
  VirtualFileSystem fs;
  fs.set_statvfs("/nfs", fake_statvfs(100, 50, 50, 0));
  fs.set_statvfs("/data", fake_statvfs(100, 50, 50, 0));
  fs.hang("/nfs");
  auto collector = make_collector("filesystem", host_config(&HostConfig::filesystems, {{"nfs", "/nfs", {}}, {"data", "/data", {}}}), fs);
  // A timeout long enough that a loaded machine's scheduling delays stay well under slow_after.
  const std::chrono::milliseconds timeout(1000);
  CollectorRunner runner(collector, timeout);
  REQUIRE(runner.slow_after() == timeout / 4);

  // A scrape waits a quarter of the timeout for the hung path, then answers without it.
  Clock::time_point start = Clock::now();
  RunResult slow = runner.run();
  CHECK_FALSE(slow.finished);
  REQUIRE(slow.failures.size() == 1);
  CHECK(slow.failures[0] == "'/nfs' is slow (no answer within 0.25s); values are from the last complete run");
  // Once the run is older than the timeout, its worker is abandoned.
  while (Clock::now() - start < timeout + timeout / 2) usleep(5000);
  RunResult first = runner.run();
  CHECK_FALSE(first.finished);
  REQUIRE(first.failures.size() == 1);
  CHECK(first.failures[0] == "'/nfs' did not answer within 1s");

  // The next run skips the hung path without calling it again and reports the other one.
  RunResult second = runner.run();
  CHECK(second.finished);
  CHECK(fs.calls("/nfs") == 1);
  REQUIRE(second.failures.size() == 1);
  CHECK(second.failures[0].find("'/nfs' is skipped") == 0);
  REQUIRE(second.samples.size() == 7);
  CHECK(second.samples[0].label_values[0] == "data");

  // Released, the abandoned worker's call returns and the path is no longer stuck. It is still
  // known as slow, so a scrape that finds a run on it answers from the last run; the run goes on,
  // finds it fast, and a later scrape has both paths (bounded by ten timeouts).
  fs.release("/nfs");
  Clock::time_point give_up = Clock::now() + 10 * timeout;
  while (CollectorRunner::abandoned_workers() > 0 && Clock::now() < give_up) usleep(1000);
  RunResult recovered = runner.run();
  while (!recovered.success() && Clock::now() < give_up) {
    std::this_thread::sleep_for(runner.slow_after() / 5);
    recovered = runner.run();
  }
  CHECK(recovered.success());
  CHECK(recovered.samples.size() == 14);
  CHECK(CollectorRunner::abandoned_workers() == 0);
}
