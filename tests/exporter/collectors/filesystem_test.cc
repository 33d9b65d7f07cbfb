// Each collector against real fixtures: files, sockets, certificates, HTTP, backups.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <httplib.h>

#include <thread>

#include "exporter/collectors.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("filesystem: sizes, ratio and inodes of a real mount; a missing path fails the collector") {
  TempDir dir;
  auto collector = make_filesystem_collector({{"tmp", dir.path(), {}}, {"gone", dir / "missing", {}}});
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

TEST_CASE("memory: reads MemTotal and MemAvailable") {
  TempDir dir;
  write_file(dir / "meminfo", "MemTotal:       1000 kB\nMemFree:   10 kB\nMemAvailable:    250 kB\n");
  Collected c = collect_once(*make_memory_collector(dir / "meminfo"));
  CHECK(c.at("symptree_memory_total_bytes") == 1024000);
  CHECK(c.at("symptree_memory_used_ratio") == doctest::Approx(0.75));
  write_file(dir / "meminfo", "garbage\n");
  CHECK(collect_once(*make_memory_collector(dir / "meminfo")).failures.size() == 1);
}

TEST_CASE("directory: totals, magic, writability for a user") {
  TempDir dir;
  write_file(dir / "1.seg", "STMWxxxx");
  write_file(dir / "2.seg", "XXXXxxxx");
  chmod(dir.path().c_str(), 0755);
  DirectoryProbe probe{"wal", dir.path(), "53544d57", "*.seg", "nobody", {}};
  auto collector = make_directory_collector({probe}, duration_from_ms(60000));
  Collected c = collect_once(*collector);
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_directory_size_bytes{name=\"wal\"}") == 16);
  CHECK(c.at("symptree_directory_files{name=\"wal\"}") == 2);
  CHECK(c.at("symptree_directory_bad_magic_files{name=\"wal\"}") == 1);
  CHECK(c.at("symptree_directory_newest_file_age_seconds{name=\"wal\"}") < 60);
  CHECK(c.at("symptree_directory_writable{name=\"wal\"}") == 0);  // root's 0755 directory
  chmod(dir.path().c_str(), 0777);
  CHECK(collect_once(*collector).at("symptree_directory_writable{name=\"wal\"}") == 1);
  write_file(dir / "3.seg", std::string(100, 'S'));
  CHECK(collect_once(*collector).at("symptree_directory_size_bytes{name=\"wal\"}") == 116);
}

TEST_CASE("directory: an unknown writable_by user fails the collector") {
  TempDir dir;
  auto collector = make_directory_collector({{"d", dir.path(), "", "*", "no-such-user-xyz", {}}}, duration_from_ms(60000));
  Collected c = collect_once(*collector);
  REQUIRE(c.failures.size() == 1);
  CHECK(c.failures[0].find("no user named") != std::string::npos);
}

TEST_CASE("port: listening, owner by name, foreign owner") {
  int port = free_port();
  int idle_port = free_port();
  auto listener = spawn_listener("fake-api", port);
  auto collector = make_port_collector({{port, "fake-api", {}}, {idle_port, "fake-api", {}}});
  std::string p = std::to_string(port), idle = std::to_string(idle_port);
  Collected c = collect_once(*collector);
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_port_listening{port=\"" + p + "\"}") == 1);
  CHECK(c.at("symptree_port_foreign_owner{port=\"" + p + "\"}") == 0);
  CHECK(c.at("symptree_port_owner_info{port=\"" + p + "\",process=\"fake-api\"}") == 1);
  CHECK(c.at("symptree_port_listening{port=\"" + idle + "\"}") == 0);
  CHECK(c.at("symptree_port_foreign_owner{port=\"" + idle + "\"}") == 0);

  Collected foreign = collect_once(*make_port_collector({{port, "stemedb-api", {}}}));
  CHECK(foreign.at("symptree_port_foreign_owner{port=\"" + p + "\"}") == 1);
  listener->stop();
  CHECK(collect_once(*collector).at("symptree_port_listening{port=\"" + p + "\"}") == 0);
}

TEST_CASE("process: up, start time and restarts seen") {
  int port = free_port();
  auto collector = make_process_collector({{"proc-under-test", {}}, {"no-such-process", {}}});
  Collected down = collect_once(*collector);
  CHECK(down.at("symptree_process_up{name=\"proc-under-test\"}") == 0);
  auto first = spawn_listener("proc-under-test", port);
  Collected up = collect_once(*collector);
  CHECK(up.at("symptree_process_up{name=\"proc-under-test\"}") == 1);
  CHECK(up.at("symptree_process_start_time_seconds{name=\"proc-under-test\"}") > 1e9);
  CHECK(up.at("symptree_process_restarts_total{name=\"proc-under-test\"}") == 0);
  CHECK(up.at("symptree_process_up{name=\"no-such-process\"}") == 0);
  first->stop();
  usleep(20000);  // start times have clock-tick resolution
  auto second = spawn_listener("proc-under-test", port);
  CHECK(collect_once(*collector).at("symptree_process_restarts_total{name=\"proc-under-test\"}") == 1);
}

TEST_CASE("certificate: valid, expired, mismatched key, garbage, missing") {
  TempDir dir;
  make_certificate(dir / "good.crt", dir / "good.key", -1, 30);
  make_certificate(dir / "old.crt", dir / "old.key", -30, -1);
  make_certificate(dir / "other.crt", dir / "other.key", -1, 30);
  write_file(dir / "garbage.crt", "not a certificate\n");
  auto collector = make_certificate_collector({{"good", dir / "good.crt", dir / "good.key", {}},
                                               {"expired", dir / "old.crt", "", {}},
                                               {"mismatch", dir / "good.crt", dir / "other.key", {}},
                                               {"garbage", dir / "garbage.crt", "", {}}});
  Collected c = collect_once(*collector);
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_certificate_valid{name=\"good\"}") == 1);
  CHECK(c.at("symptree_certificate_key_match{name=\"good\"}") == 1);
  double not_after = c.at("symptree_certificate_not_after_timestamp_seconds{name=\"good\"}");
  CHECK(not_after - static_cast<double>(time(nullptr)) == doctest::Approx(30 * 86400).epsilon(0.01));
  CHECK(c.at("symptree_certificate_valid{name=\"expired\"}") == 0);
  CHECK(c.at("symptree_certificate_valid{name=\"mismatch\"}") == 0);
  CHECK(c.at("symptree_certificate_key_match{name=\"mismatch\"}") == 0);
  CHECK(c.at("symptree_certificate_valid{name=\"garbage\"}") == 0);
  CHECK(c.at("symptree_certificate_parse_failures_total{name=\"garbage\"}") == 1);
  CHECK(collect_once(*collector).at("symptree_certificate_parse_failures_total{name=\"garbage\"}") == 2);

  Collected missing = collect_once(*make_certificate_collector({{"gone", dir / "gone.crt", "", {}}}));
  CHECK(missing.failures.size() == 1);
}

TEST_CASE("http: success, status code and latency against a real server") {
  httplib::Server server;
  server.Get("/ok", [](const httplib::Request&, httplib::Response& r) { r.set_content("ok", "text/plain"); });
  server.Get("/busy", [](const httplib::Request&, httplib::Response& r) { r.status = 503; });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  int closed = free_port();
  auto collector = make_http_collector({{"ok", base + "/ok", 200, {}},
                                        {"busy", base + "/busy", 200, {}},
                                        {"down", "http://127.0.0.1:" + std::to_string(closed) + "/", 200, {}}},
                                       duration_from_ms(2000));
  Collected c = collect_once(*collector);
  server.stop();
  serving.join();
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_http_probe_success{name=\"ok\"}") == 1);
  CHECK(c.at("symptree_http_probe_status_code{name=\"ok\"}") == 200);
  CHECK(c.at("symptree_http_probe_duration_seconds{name=\"ok\"}") < 1);
  CHECK(c.at("symptree_http_probe_success{name=\"busy\"}") == 0);
  CHECK(c.at("symptree_http_probe_status_code{name=\"busy\"}") == 503);
  CHECK(c.at("symptree_http_probe_success{name=\"down\"}") == 0);
  CHECK(c.at("symptree_http_probe_status_code{name=\"down\"}") == 0);
}

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
  auto collector = make_backup_collector({probe});
  Collected c = collect_once(*collector);
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_backup_found{name=\"nightly\"}") == 2);
  CHECK(c.at("symptree_backup_newest_age_seconds{name=\"nightly\"}") < 60);
  CHECK(c.at("symptree_backup_metadata_ok{name=\"nightly\"}") == 1);
  CHECK(c.at("symptree_backup_metadata_field{name=\"nightly\",field=\"assertions\"}") == 1234);
  CHECK(c.at("symptree_backup_metadata_field{name=\"nightly\",field=\"stats.bytes\"}") == 5e6);
  CHECK_FALSE(c.has("symptree_backup_metadata_field{name=\"nightly\",field=\"who\"}"));

  write_file(dir / "stemedb-backup-2/metadata.json", "{broken");
  CHECK(collect_once(*collector).at("symptree_backup_metadata_ok{name=\"nightly\"}") == 0);
  BackupProbe missing{"gone", dir / "nothing-here", "*", "", {}, {}};
  CHECK(collect_once(*make_backup_collector({missing})).failures.size() == 1);
}

TEST_CASE("every catalogue metric is produced by some collector above") {
  // Guards against a catalogue entry no collector emits (alert rules would never fire).
  for (const ProbeKind& kind : probe_catalog()) {
    for (const MetricInfo& metric : kind.metrics) {
      CAPTURE(metric.name);
      std::string source = read_file(std::string(SYMPTREE_SOURCE_DIR) + "/exporter/" + kind.collector + "_collector.cc");
      CHECK(source.find("\"" + metric.name + "\"") != std::string::npos);
    }
  }
}
