// Scraper: collector families in catalogue order with their samples, then the
// exporter's own success, duration and build_info families.
#include <doctest/doctest.h>
#include <unistd.h>

#include <thread>

#include "exporter/core/collector_registry.h"
#include "exporter/runner/scraper.h"
#include "test_support.h"
#include "virtual_file_system.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

struct statvfs half_full() {
  struct statvfs fs = {};
  fs.f_frsize = 1024;
  fs.f_blocks = 100;
  fs.f_bfree = 50;
  fs.f_bavail = 50;
  return fs;
}

}  // namespace

TEST_CASE("a scrape: every family of each collector, then success, duration and build_info") {
  VirtualFileSystem fs;
  fs.set_statvfs("/data", half_full());
  fs.add_file("/proc/meminfo", "MemTotal: 100 kB\nMemAvailable: 25 kB\n");
  HostConfig config;
  config.filesystems = {{"data", "/data", {}}};
  config.memory = true;
  Scraper scraper(make_collectors(config, fs), std::chrono::milliseconds(1000));

  std::vector<prometheus::MetricFamily> families = scraper.Collect();
  std::vector<std::string> names;
  for (const auto& family : families) names.push_back(family.name);
  REQUIRE(names.size() == 7 + 3 + 3);
  CHECK(names[0] == "symptree_filesystem_size_bytes");
  CHECK(names[7] == "symptree_memory_total_bytes");
  CHECK(names[10] == "symptree_collector_success");
  CHECK(names[11] == "symptree_collector_duration_seconds");
  CHECK(names[12] == "symptree_exporter_build_info");

  std::map<std::string, double> series = parse_exposition(scraper.text());
  CHECK(series.at("symptree_filesystem_used_ratio{name=\"data\"}") == 0.5);
  CHECK(series.at("symptree_memory_used_ratio") == 0.75);
  CHECK(series.at("symptree_collector_success{collector=\"filesystem\"}") == 1);
  CHECK(series.at("symptree_collector_success{collector=\"memory\"}") == 1);
  CHECK(series.at(std::string("symptree_exporter_build_info{version=\"") + exporter_version() + "\"}") == 1);
}

TEST_CASE("a collector that fails or hangs is success 0 while the others are reported") {
  VirtualFileSystem fs;
  fs.set_statvfs("/data", half_full());
  fs.hang("/proc/meminfo");
  HostConfig config;
  config.filesystems = {{"data", "/data", {}}};
  config.memory = true;
  const std::chrono::milliseconds timeout(200);
  Scraper scraper(make_collectors(config, fs), timeout);
  std::map<std::string, double> series = parse_exposition(scraper.text());
  CHECK(series.at("symptree_collector_success{collector=\"filesystem\"}") == 1);
  CHECK(series.at("symptree_collector_success{collector=\"memory\"}") == 0);
  // Not waited for beyond slow_after (a quarter of the timeout): the duration is the run's so far.
  double waited = series.at("symptree_collector_duration_seconds{collector=\"memory\"}");
  CHECK(waited >= 0.05);
  CHECK(waited < 0.2);
  CHECK(series.count("symptree_filesystem_size_bytes{name=\"data\"}") == 1);
  CHECK(series.count("symptree_memory_total_bytes") == 0);

  // Released, the hung call returns and the scrapes recover: the run in flight reads the file
  // (it exists before the release), and until that run's worker has been scheduled (late on a
  // loaded machine) a scrape answers from the last run. Bounded by ten timeouts.
  fs.add_file("/proc/meminfo", "MemTotal: 100 kB\nMemAvailable: 25 kB\n");
  fs.release("/proc/meminfo");
  Clock::time_point give_up = Clock::now() + 10 * timeout;
  series = parse_exposition(scraper.text());
  while (series.at("symptree_collector_success{collector=\"memory\"}") == 0 && Clock::now() < give_up) {
    std::this_thread::sleep_for(timeout / 10);
    series = parse_exposition(scraper.text());
  }
  CHECK(series.at("symptree_collector_success{collector=\"memory\"}") == 1);
  CHECK(series.at("symptree_memory_total_bytes") == 100 * 1024);
}
