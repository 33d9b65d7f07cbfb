// The memory collector: the real /proc/meminfo, and a VirtualFileSystem's for
// exact values, garbage and EACCES.
#include <doctest/doctest.h>

#include <cerrno>

#include "test_support.h"
#include "virtual_file_system.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

HostConfig with_memory() {
  HostConfig config;
  config.memory = true;
  return config;
}

}  // namespace

TEST_CASE("memory: the real /proc/meminfo") {
  Collected c = collect_once(*make_collector("memory", with_memory()));
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_memory_total_bytes") > 0);
  CHECK(c.at("symptree_memory_available_bytes") <= c.at("symptree_memory_total_bytes"));
  double ratio = c.at("symptree_memory_used_ratio");
  CHECK((ratio >= 0 && ratio <= 1));
}

TEST_CASE("memory: reads MemTotal and MemAvailable, garbage or EACCES fails the collector") {
  VirtualFileSystem fs;
  fs.add_file("/proc/meminfo", "MemTotal:       1000 kB\nMemFree:   10 kB\nMemAvailable:    250 kB\n");
  auto collector = make_collector("memory", with_memory(), fs);
  Collected c = collect_once(*collector);
  CHECK(c.at("symptree_memory_total_bytes") == 1024000);
  CHECK(c.at("symptree_memory_available_bytes") == 256000);
  CHECK(c.at("symptree_memory_used_ratio") == doctest::Approx(0.75));

  fs.add_file("/proc/meminfo", "garbage\n");
  Collected garbage = collect_once(*collector);
  CHECK(garbage.series.empty());
  REQUIRE(garbage.failures.size() == 1);
  CHECK(garbage.failures[0] == "'/proc/meminfo': no MemTotal or MemAvailable");

  fs.fail("/proc/meminfo", EACCES);
  Collected denied = collect_once(*collector);
  REQUIRE(denied.failures.size() == 1);
  CHECK(denied.failures[0] == "'/proc/meminfo': Permission denied");
}
