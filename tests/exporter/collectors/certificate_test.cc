// The certificate collector: real certificates, keys and FIFOs on disk, a
// VirtualFileSystem for EACCES, a file that vanishes and a key that hangs.
// What cannot be determined (an unreadable certificate or key) is absent, not 0.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <future>

#include "virtual_file_system.h"

#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

std::string series(const std::string& metric, const std::string& name) {
  return "symptree_certificate_" + metric + "{name=\"" + name + "\"}";
}

}  // namespace

TEST_CASE("certificate: valid, expired, mismatched key, garbage, missing") {
  TempDir dir;
  make_certificate(dir / "good.crt", dir / "good.key", -1, 30);
  make_certificate(dir / "old.crt", dir / "old.key", -30, -1);
  make_certificate(dir / "other.crt", dir / "other.key", -1, 30);
  write_file(dir / "garbage.crt", "not a certificate\n");
  auto collector = make_collector("certificate", host_config(&HostConfig::certificates, {{"good", dir / "good.crt", dir / "good.key", {}},
                                               {"expired", dir / "old.crt", "", {}},
                                               {"mismatch", dir / "good.crt", dir / "other.key", {}},
                                               {"garbage", dir / "garbage.crt", "", {}}}));
  Collected c = collect_once(*collector);
  CHECK(c.failures.empty());
  CHECK(c.at(series("valid", "good")) == 1);
  CHECK(c.at(series("key_match", "good")) == 1);
  double not_after = c.at(series("not_after_timestamp_seconds", "good"));
  CHECK(not_after - static_cast<double>(time(nullptr)) == doctest::Approx(30 * 86400).epsilon(0.01));
  CHECK(c.at(series("valid", "expired")) == 0);
  CHECK(c.at(series("valid", "mismatch")) == 0);
  CHECK(c.at(series("key_match", "mismatch")) == 0);
  CHECK(c.at(series("valid", "garbage")) == 0);  // read, and not a certificate: a value
  CHECK(c.at(series("parse_failures_total", "garbage")) == 1);
  CHECK(collect_once(*collector).at(series("parse_failures_total", "garbage")) == 2);

  Collected missing =
      collect_once(*make_collector("certificate", host_config(&HostConfig::certificates, {{"gone", dir / "gone.crt", "", {}}})));
  REQUIRE(missing.failures.size() == 1);
  CHECK(missing.failures[0] == "'" + dir / "gone.crt" + "': the certificate does not exist");
  CHECK_FALSE(missing.has(series("valid", "gone")));
  CHECK(missing.at(series("parse_failures_total", "gone")) == 0);
}

TEST_CASE("certificate: an unreadable certificate or key leaves what it decides absent, not 0, and fails the collector") {
  TempDir dir;
  make_certificate(dir / "good.crt", dir / "good.key", -1, 30);
  make_certificate(dir / "old.crt", dir / "old.key", -30, -1);
  VirtualFileSystem fs;
  fs.add_file("/tls/good.crt", read_file(dir / "good.crt"));
  fs.add_file("/tls/good.key", read_file(dir / "good.key"));
  fs.add_file("/tls/old.crt", read_file(dir / "old.crt"));
  fs.add_file("/tls/locked.crt", read_file(dir / "good.crt"));
  fs.fail("/tls/locked.crt", EACCES);
  fs.add_file("/tls/locked.key", read_file(dir / "good.key"));
  fs.fail("/tls/locked.key", EACCES);
  fs.add_file("/tls/garbage.key", "not a key\n");
  fs.add_vanishing("/tls/gone.crt");
  auto collector = make_collector("certificate",
                                  host_config(&HostConfig::certificates, {{"good", "/tls/good.crt", "/tls/good.key", {}},
                                                                          {"locked", "/tls/locked.crt", "", {}},
                                                                          {"nokey", "/tls/good.crt", "/tls/locked.key", {}},
                                                                          {"expired", "/tls/old.crt", "/tls/locked.key", {}},
                                                                          {"badkey", "/tls/good.crt", "/tls/garbage.key", {}},
                                                                          {"gone", "/tls/gone.crt", "", {}}}),
                                  fs);
  Collected c = collect_once(*collector);
  CHECK(c.at(series("valid", "good")) == 1);
  CHECK(c.at(series("key_match", "good")) == 1);
  // The certificate unreadable: neither its validity nor its dates are known.
  CHECK_FALSE(c.has(series("valid", "locked")));
  CHECK_FALSE(c.has(series("not_after_timestamp_seconds", "locked")));
  CHECK(c.at(series("parse_failures_total", "locked")) == 0);  // not a parse failure
  // The key unreadable: whether it matches is unknown, and so is the validity of a current certificate...
  CHECK_FALSE(c.has(series("key_match", "nokey")));
  CHECK_FALSE(c.has(series("valid", "nokey")));
  CHECK(c.has(series("not_after_timestamp_seconds", "nokey")));
  // ... but not of an expired one, whatever its key.
  CHECK(c.at(series("valid", "expired")) == 0);
  CHECK_FALSE(c.has(series("key_match", "expired")));
  // A key that reads but is not a key matches nothing: a value (and a logged problem).
  CHECK(c.at(series("key_match", "badkey")) == 0);
  CHECK(c.at(series("valid", "badkey")) == 0);
  CHECK_FALSE(c.has(series("valid", "gone")));
  REQUIRE(c.failures.size() == 5);
  CHECK(c.failures[0] == "'/tls/locked.crt': the certificate is not readable (permission denied)");
  CHECK(c.failures[1] == "'/tls/locked.key': the key is not readable (permission denied)");
  CHECK(c.failures[2] == "'/tls/locked.key': the key is not readable (permission denied)");
  CHECK(c.failures[3].rfind("'/tls/garbage.key': the key is not a PEM private key (", 0) == 0);
  CHECK(c.failures[4] == "'/tls/gone.crt': the certificate does not exist");
}

TEST_CASE("certificate: a FIFO as the certificate or the key is refused unopened, its values are absent") {
  TempDir dir;
  make_certificate(dir / "api.crt", dir / "api.key", -1, 30);
  REQUIRE(mkfifo((dir / "fifo.key").c_str(), 0600) == 0);
  REQUIRE(mkfifo((dir / "fifo.crt").c_str(), 0600) == 0);
  auto collector = make_collector("certificate", host_config(&HostConfig::certificates,
                                                             {{"api", dir / "api.crt", dir / "fifo.key", {}},
                                                              {"pipe", dir / "fifo.crt", dir / "api.key", {}}}));
  auto run = std::async(std::launch::async, [&] { return collect_once(*collector); });
  bool returned = run.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  REQUIRE_MESSAGE(returned, "the collector blocked on a FIFO");
  Collected c = run.get();
  CHECK_FALSE(c.has(series("key_match", "api")));
  CHECK_FALSE(c.has(series("valid", "api")));
  CHECK(c.has(series("not_after_timestamp_seconds", "api")));
  CHECK_FALSE(c.has(series("valid", "pipe")));
  REQUIRE(c.failures.size() == 2);
  CHECK(c.failures[0] == "'" + dir / "fifo.key" + "': the key is a FIFO, not a regular file");
  CHECK(c.failures[1] == "'" + dir / "fifo.crt" + "': the certificate is a FIFO, not a regular file");
}

TEST_CASE("certificate: a key skipped because an earlier check of it hung leaves valid absent, not 1") {
  TempDir dir;
  make_certificate(dir / "good.crt", dir / "good.key", -1, 30);
  VirtualFileSystem fs;
  fs.add_file("/tls/good.crt", read_file(dir / "good.crt"));
  fs.add_file("/tls/hung.key", read_file(dir / "good.key"));
  auto collector = make_collector(
      "certificate", host_config(&HostConfig::certificates, {{"api", "/tls/good.crt", "/tls/hung.key", {}}}), fs);
  CollectorRunner runner(collector, std::chrono::milliseconds(400));
  RunResult before = runner.run();
  CHECK(before.success());
  CHECK(series_of(before.samples).at(series("valid", "api")) == 1);

  fs.hang("/tls/hung.key");
  RunResult skipped = run_until_failure(runner, "'/tls/hung.key' is skipped");
  std::map<std::string, double> m = series_of(skipped.samples);
  CHECK(skipped.finished);
  CHECK_FALSE(m.count(series("valid", "api")));
  CHECK_FALSE(m.count(series("key_match", "api")));
  CHECK(m.count(series("not_after_timestamp_seconds", "api")) == 1);

  fs.release("/tls/hung.key");
  CHECK(wait_for_abandoned_workers());
}
