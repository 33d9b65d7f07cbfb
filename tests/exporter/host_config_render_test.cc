// The host config as the generator renders it (common/host_config_render) reads back
// as the exporter reads it.
#include <doctest/doctest.h>

#include "common/host_config.h"
#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("render_host_config round-trips through read_host_config") {
  HostConfig config;
  config.filesystems = {{"data", "/var/lib/stemedb", {}}};
  config.directories = {{"wal", "/var/lib/stemedb/wal", "53544d57", "*.wal", "stemedb", {}},
                        {"logs", "/var/log/x: y #z", "", "*", "", {}}};
  config.ports = {{18180, "stemedb-api", {}}};
  config.processes = {{"stemedb-api", {}}};
  config.certificates = {{"api", "/etc/stemedb/tls/server.crt", "/etc/stemedb/tls/server.key", {}}};
  config.http = {{"health", "http://127.0.0.1:18180/v1/health", 204, {}}};
  config.backups = {{"nightly", "/var/lib/stemedb/backups", "stemedb-backup-*", "metadata.json", {"assertions", "a.b"}, {}}};
  config.memory = true;
  config.timeout = duration_from_ms(2500);
  config.rescan = duration_from_ms(600000);
  std::string text = render_host_config(config);

  Diagnostics diagnostics;
  std::optional<YamlFile> file = parse_yaml_text("exporter.yml", text, diagnostics);
  REQUIRE(file);
  HostConfig back = read_host_config(*file, file->root, diagnostics);
  INFO(text, diagnostics.format());
  REQUIRE_FALSE(diagnostics.has_errors());
  CHECK(render_host_config(back) == text);
  CHECK(back.directories[1].path == "/var/log/x: y #z");
  CHECK(back.directories[0].writable_by == "stemedb");
  CHECK(back.http[0].expect_status == 204);
  CHECK(back.backups[0].fields == std::vector<std::string>{"assertions", "a.b"});
  CHECK(back.timeout.ms == 2500);
  CHECK(back.rescan.ms == 600000);
  CHECK(back.memory);
}
