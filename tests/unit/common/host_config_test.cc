// Tests for common/host_config (and its renderer, host_config_render): the
// host section read with its defaults, each mistake at its position, and
// exporter.yml rendered so that it reads back to the same probes.
#include "common/host_config.h"
#include "common/probe_catalog.h"

#include <doctest/doctest.h>

#include <fstream>

#include "temp_dir.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

const char* kHost = R"(filesystems: [{name: data, path: /var/lib/shop}]
directories:
  - {name: wal, path: /var/lib/shop/wal, magic: "53544d57", segments: "*.seg", writable_by: shop}
ports: [{port: 8080, owner: shop-api}]
processes: [{name: shop-api}]
certificates: [{name: tls, path: /etc/shop/tls.crt, key: /etc/shop/tls.key}]
http: [{name: health, url: "http://127.0.0.1:8080/v1/health", expect_status: 204}]
backups: [{name: nightly, dir: /backup, glob: "shop-*", metadata: meta.json, fields: [size_bytes, "odd: name"]}]
memory: true
timeout: 3s
)";

// Reads `text` as a host section; the diagnostics say what was wrong.
HostConfig read(const std::string& text, Diagnostics& d) {
  std::optional<YamlFile> file = parse_yaml_text("exporter.yml", text, d);
  REQUIRE(file);
  return read_host_config(*file, file->root, d);
}

// The first error of `text` read as a host section.
Diagnostic first_host_error(const std::string& text) {
  Diagnostics d;
  read(text, d);
  REQUIRE(d.count() >= 1);
  return d.errors().front();
}

}  // namespace

TEST_CASE("every probe kind is read, with the defaults of what is not written") {
  Diagnostics d;
  HostConfig config = read(kHost, d);
  REQUIRE_MESSAGE(!d.has_errors(), d.format());
  REQUIRE(config.directories.size() == 1);
  CHECK(config.directories[0].magic_hex == "53544d57");
  CHECK(config.directories[0].segment_glob == "*.seg");
  CHECK(config.ports[0].port == 8080);
  CHECK(config.certificates[0].key_path == "/etc/shop/tls.key");
  CHECK(config.http[0].expect_status == 204);
  CHECK(config.backups[0].fields == std::vector<std::string>{"size_bytes", "odd: name"});
  CHECK(config.memory);
  CHECK(config.timeout.ms == 3000);
  CHECK(config.rescan.text == "5m");  // not written: the default
  CHECK(config.ports[0].where.line == 4);
  for (const char* key : {"filesystems", "directories", "ports", "processes", "certificates", "http", "backups", "memory"}) {
    CAPTURE(key);
    CHECK(config.has_probe_kind(key));  // the kinds kHost writes
  }
  for (const ProbeKind& kind : probe_catalog()) {
    CAPTURE(kind.key);
    CHECK(HostConfig{}.has_probe_kind(kind.key) == kind.always);  // an empty config has only the always-on kinds
  }
  CHECK_FALSE(config.has_probe_kind("nonsense"));
}

TEST_CASE("rendered exporter.yml reads back to the same probes") {
  Diagnostics d;
  HostConfig config = read(kHost, d);
  REQUIRE(!d.has_errors());
  std::string text = render_host_config(config);
  HostConfig back = read(text, d);
  REQUIRE_MESSAGE(!d.has_errors(), (d.format() + text));
  CHECK(render_host_config(back) == text);
  CHECK(back.backups[0].fields == config.backups[0].fields);
  CHECK(back.directories[0].writable_by == "shop");
  CHECK(back.http[0].url == config.http[0].url);
  CHECK(back.timeout.ms == 3000);
  // Defaults are left out of the file.
  CHECK(render_host_config(HostConfig{}).find("segments") == std::string::npos);
  CHECK(render_host_config(HostConfig{}).find("memory") == std::string::npos);
}

TEST_CASE("mistakes in the host section, each at its value") {
  Diagnostic relative = first_host_error("filesystems: [{name: data, path: data}]\n");
  CHECK(relative.message == "'path' must be an absolute path, got 'data'");
  CHECK(relative.where.column == 34);
  CHECK(first_host_error("filesystems: [{name: Data, path: /d}]\n").message == "probe name 'Data' must match [a-z][a-z0-9_-]*");
  CHECK(first_host_error("filesystems: [{name: d, path: /a}, {name: d, path: /b}]\n").message ==
        "duplicate filesystem name 'd'");
  CHECK(first_host_error("ports: [{port: 80, owner: a}, {port: 80, owner: b}]\n").message == "port 80 is listed twice");
  CHECK(first_host_error("ports: [{port: 70000, owner: a}]\n").message.find("70000") != std::string::npos);
  CHECK(first_host_error("directories: [{name: w, path: /w, magic: abc}]\n").message.find("'magic' must be an even number") == 0);
  CHECK(first_host_error("http: [{name: h, url: \"ftp://x\"}]\n").message ==
        "'url' must start with http:// or https://, got 'ftp://x'");
  CHECK(first_host_error("backups: [{name: b, dir: /b, fields: [x]}]\n").message ==
        "'fields' needs 'metadata': the file they are read from");
  CHECK(first_host_error("timeout: 0s\n").message.find("timeout") != std::string::npos);
  Diagnostic unknown = first_host_error("filesystem: []\n");
  CHECK(unknown.where.line == 1);
  CHECK(unknown.message.find("filesystem") != std::string::npos);
}

TEST_CASE("exporter.yml from a file: a config, or nothing and the errors") {
  TempDir dir("host-config");
  std::string good = (dir.path() / "exporter.yml").string();
  std::ofstream(good) << kHost;
  Diagnostics d;
  std::optional<HostConfig> config = load_host_config_file(good, d);
  REQUIRE_MESSAGE(config, d.format());
  CHECK(config->processes[0].name == "shop-api");
  std::string bad = (dir.path() / "bad.yml").string();
  std::ofstream(bad) << "ports: [{port: 0, owner: a}]\n";
  CHECK_FALSE(load_host_config_file(bad, d));
  CHECK(d.errors().front().where.file == bad);
}
