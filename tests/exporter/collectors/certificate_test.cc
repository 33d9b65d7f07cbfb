// The certificate collector: real certificates and keys on disk, and a
// VirtualFileSystem for EACCES and a file that vanishes.
#include <doctest/doctest.h>
#include <cerrno>
#include <ctime>

#include "virtual_file_system.h"

#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

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

  Collected missing =
      collect_once(*make_collector("certificate", host_config(&HostConfig::certificates, {{"gone", dir / "gone.crt", "", {}}})));
  CHECK(missing.failures.size() == 1);
}

TEST_CASE("certificate: EACCES on the certificate or its key fails the collector, a vanished file too") {
  TempDir dir;
  make_certificate(dir / "good.crt", dir / "good.key", -1, 30);
  VirtualFileSystem fs;
  fs.add_file("/tls/good.crt", read_file(dir / "good.crt"));
  fs.add_file("/tls/good.key", read_file(dir / "good.key"));
  fs.add_file("/tls/locked.crt", read_file(dir / "good.crt"));
  fs.fail("/tls/locked.crt", EACCES);
  fs.add_file("/tls/locked.key", read_file(dir / "good.key"));
  fs.fail("/tls/locked.key", EACCES);
  fs.add_vanishing("/tls/gone.crt");
  auto collector = make_collector("certificate",
                                  host_config(&HostConfig::certificates, {{"good", "/tls/good.crt", "/tls/good.key", {}},
                                                                          {"locked", "/tls/locked.crt", "", {}},
                                                                          {"nokey", "/tls/good.crt", "/tls/locked.key", {}},
                                                                          {"gone", "/tls/gone.crt", "", {}}}),
                                  fs);
  Collected c = collect_once(*collector);
  CHECK(c.at("symptree_certificate_valid{name=\"good\"}") == 1);
  CHECK(c.at("symptree_certificate_key_match{name=\"good\"}") == 1);
  CHECK(c.at("symptree_certificate_valid{name=\"locked\"}") == 0);
  CHECK(c.at("symptree_certificate_parse_failures_total{name=\"locked\"}") == 0);  // not a parse failure
  CHECK(c.at("symptree_certificate_key_match{name=\"nokey\"}") == 0);
  CHECK(c.at("symptree_certificate_valid{name=\"nokey\"}") == 0);
  CHECK(c.at("symptree_certificate_valid{name=\"gone\"}") == 0);
  REQUIRE(c.failures.size() == 3);
  CHECK(c.failures[0] == "'/tls/locked.crt': cannot open: Permission denied");
  CHECK(c.failures[1] == "'/tls/locked.key': cannot open key: Permission denied");
  CHECK(c.failures[2] == "'/tls/gone.crt': cannot open: No such file or directory");
}
