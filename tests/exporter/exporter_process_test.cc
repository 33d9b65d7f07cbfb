// End to end: the real symptree-exporter binary, scraped over HTTP on
// 127.0.0.1, against real fixtures; promtool lints its output.
#include <crypt.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <future>
#include <thread>

#include "common/host_config.h"
#include "running_exporter.h"
#include "slow_target.h"
#include "test_support.h"

using namespace symptree::testing;

namespace {

using SteadyClock = std::chrono::steady_clock;

double scrape_seconds(const Exporter& exporter, std::map<std::string, double>& series) {
  auto start = SteadyClock::now();
  series = exporter.scrape();
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// Scrapes until the directory `name`'s first background walk has finished (bounded: 10 s).
std::map<std::string, double> scrape_after_walk(const Exporter& exporter, const std::string& name) {
  std::map<std::string, double> m;
  for (int i = 0; i < 200; ++i) {
    m = exporter.scrape();
    if (m["symptree_directory_complete{name=\"" + name + "\"}"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return m;
}

}  // namespace

TEST_CASE("scraping the exporter: every probe kind against real fixtures, and promtool finds nothing to lint") {
  TempDir dir;
  chmod(dir.path().c_str(), 0755);
  mkdir((dir / "wal").c_str(), 0755);
  write_file(dir / "wal/000001.seg", "STMW" + std::string(996, 'x'));
  write_file(dir / "wal/000002.seg", "JUNK" + std::string(996, 'x'));
  mkdir((dir / "backups").c_str(), 0755);
  mkdir((dir / "backups/stemedb-backup-1").c_str(), 0755);
  write_file(dir / "backups/stemedb-backup-1/metadata.json", R"({"assertions": 42})");
  make_certificate(dir / "api.crt", dir / "api.key", -1, 30);
  int api_port = free_port();
  auto api = spawn_listener("symtest-api", api_port);
  httplib::Server health;
  health.Get("/v1/health", [](const httplib::Request&, httplib::Response& r) { r.set_content("ok", "text/plain"); });
  int health_port = health.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { health.listen_after_bind(); });

  std::string p = std::to_string(api_port);
  Exporter exporter(dir,
      "filesystems: [{name: data, path: " + dir.path() + "}]\n"
      "directories: [{name: wal, path: " + dir / "wal" + ", magic: \"53544d57\", segments: \"*.seg\"}]\n"
      "ports: [{port: " + p + ", owner: symtest-api}]\n"
      "processes: [{name: symtest-api}]\n"
      "certificates: [{name: api, path: " + dir / "api.crt" + ", key: " + dir / "api.key" + "}]\n"
      "http: [{name: health, url: \"http://127.0.0.1:" + std::to_string(health_port) + "/v1/health\"}]\n"
      "backups: [{name: nightly, dir: " + dir / "backups" + ", glob: \"stemedb-backup-*\", metadata: metadata.json, fields: [assertions]}]\n"
      "memory: true\n");

  scrape_after_walk(exporter, "wal");
  httplib::Result text = exporter.get("/metrics");
  REQUIRE(text);
  CHECK(text->get_header_value("Content-Type").find("version=0.0.4") != std::string::npos);
  write_file(dir / "metrics.txt", text->body);
  std::string lint;
  CHECK_MESSAGE(run_command("promtool check metrics < '" + dir / "metrics.txt" + "'", &lint) == 0, lint);
  CHECK(lint.empty());

  std::map<std::string, double> m = parse_exposition(text->body);
  // Every collector this config configures ran, and every collector that ran
  // (those plus any that need no settings) succeeded.
  for (const char* collector : {"filesystem", "directory", "port", "process", "certificate", "http", "backup", "memory"}) {
    CAPTURE(collector);
    CHECK(m.count("symptree_collector_success{collector=\"" + std::string(collector) + "\"}") == 1);
  }
  for (const auto& entry : m) {  // not a structured binding: C++17 lambdas (CAPTURE) cannot capture one
    const std::string& series = entry.first;
    CAPTURE(series);
    if (series.rfind("symptree_collector_success{", 0) == 0) CHECK(entry.second == 1);
  }
  CHECK(m.at("symptree_filesystem_used_ratio{name=\"data\"}") > 0);
  CHECK(m.at("symptree_directory_size_bytes{name=\"wal\"}") == 2000);
  CHECK(m.at("symptree_directory_bad_magic_files{name=\"wal\"}") == 1);
  CHECK(m.at("symptree_port_listening{port=\"" + p + "\"}") == 1);
  CHECK(m.at("symptree_port_foreign_owner{port=\"" + p + "\"}") == 0);
  CHECK(m.at("symptree_process_up{name=\"symtest-api\"}") == 1);
  CHECK(m.at("symptree_certificate_valid{name=\"api\"}") == 1);
  CHECK(m.at("symptree_http_probe_success{name=\"health\"}") == 1);
  CHECK(m.at("symptree_backup_metadata_field{name=\"nightly\",field=\"assertions\"}") == 42);
  CHECK(m.at("symptree_memory_used_ratio") > 0);
  CHECK(m.count("symptree_exporter_build_info{version=\"0.1.0\"}") == 1);

  // The WAL grows and shrinks; the server stops; each scrape sees it.
  write_file(dir / "wal/000003.seg", "STMW" + std::string(4996, 'x'));
  unlink((dir / "wal/000002.seg").c_str());
  api->stop();
  m = exporter.scrape();
  CHECK(m.at("symptree_directory_size_bytes{name=\"wal\"}") == 6000);
  CHECK(m.at("symptree_directory_bad_magic_files{name=\"wal\"}") == 0);
  CHECK(m.at("symptree_process_up{name=\"symtest-api\"}") == 0);
  CHECK(m.at("symptree_port_listening{port=\"" + p + "\"}") == 0);

  httplib::Result index = exporter.get("/");
  REQUIRE(index);
  CHECK(index->body.find("href=\"metrics\"") != std::string::npos);
  CHECK(exporter.get("/healthz")->body == "ok\n");
  CHECK(exporter.get("/nothing")->status == 404);
  CHECK(exporter.process->stop() == 0);  // SIGTERM: a clean exit
  health.stop();
  serving.join();
}

TEST_CASE("a hung HTTP target, a FIFO certificate or backup metadata, a vanished path and a symlink loop show as success=0 while the scrape answers in time") {
  TempDir dir;
  SlowTarget silent(std::chrono::milliseconds(0));
  mkfifo((dir / "fifo").c_str(), 0600);
  symlink((dir / "fifo").c_str(), (dir / "hung.crt").c_str());
  mkdir((dir / "backups").c_str(), 0755);
  mkdir((dir / "backups/bk-1").c_str(), 0755);
  mkfifo((dir / "backups/bk-1/metadata.json").c_str(), 0600);
  symlink((dir / "loop2").c_str(), (dir / "loop1").c_str());
  symlink((dir / "loop1").c_str(), (dir / "loop2").c_str());
  mkdir((dir / "wal").c_str(), 0755);
  write_file(dir / "wal/a", "abc");
  Exporter exporter(dir,
      "filesystems: [{name: loop, path: " + dir / "loop1" + "}, {name: tmp, path: " + dir.path() + "}]\n"
      "directories: [{name: wal, path: " + dir / "wal" + "}]\n"
      "certificates: [{name: hung, path: " + dir / "hung.crt" + "}]\n"
      "http: [{name: silent, url: \"" + silent.url() + "\"}]\n"
      "backups: [{name: fifo, dir: " + dir / "backups" + ", glob: \"bk-*\", metadata: metadata.json, fields: [n]}]\n"
      "memory: true\ntimeout: 1s\n");
  std::map<std::string, double> m = scrape_after_walk(exporter, "wal");
  CHECK(scrape_seconds(exporter, m) < 1.0);  // waits at most slow_after (0.25 s) for the silent target
  CHECK(m.at("symptree_collector_success{collector=\"certificate\"}") == 0);  // the FIFO, refused unopened
  CHECK(m.count("symptree_certificate_valid{name=\"hung\"}") == 0);          // unknown, not 0
  CHECK(m.at("symptree_collector_success{collector=\"backup\"}") == 0);       // its metadata, refused unopened
  CHECK(m.at("symptree_backup_found{name=\"fifo\"}") == 1);                   // what does not need it is still there
  CHECK(m.count("symptree_backup_newest_timestamp_seconds{name=\"fifo\"}") == 1);
  CHECK(m.count("symptree_backup_metadata_ok{name=\"fifo\"}") == 0);
  CHECK(m.at("symptree_collector_success{collector=\"http\"}") == 0);
  CHECK(m.at("symptree_collector_success{collector=\"filesystem\"}") == 0);  // the loop
  CHECK(m.count("symptree_filesystem_size_bytes{name=\"tmp\"}") == 1);       // the other path still reported
  CHECK(m.at("symptree_collector_success{collector=\"directory\"}") == 1);
  CHECK(m.at("symptree_collector_success{collector=\"memory\"}") == 1);

  run_command("rm -rf '" + dir / "wal" + "'");
  // For two timeouts, scrapes answer at once; the probe's own run ends at its 0.8 s deadline and its value shows.
  // At least one scrape after the removal: on a loaded machine the walk above can outlast that deadline, and
  // the checks below must not read the scrape from before it.
  m.clear();
  for (int i = 0; i < 20 && !m.count("symptree_http_probe_success{name=\"silent\"}"); ++i) {
    CHECK(scrape_seconds(exporter, m) < 0.5);  // the silent target is not waited for again
    CHECK(m.at("symptree_collector_success{collector=\"http\"}") == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(m.at("symptree_http_probe_success{name=\"silent\"}") == 0);
  CHECK(m.at("symptree_collector_success{collector=\"certificate\"}") == 0);
  CHECK(m.at("symptree_collector_success{collector=\"directory\"}") == 0);
  CHECK(m.count("symptree_directory_size_bytes{name=\"wal\"}") == 0);
  std::string log = read_file(exporter.log);
  CHECK(log.find("hung.crt': the certificate is a FIFO, not a regular file") != std::string::npos);
  CHECK(log.find("bk-1/metadata.json': the metadata is a FIFO, not a regular file") != std::string::npos);
  CHECK(log.find("skipped") == std::string::npos);  // nothing hung
  CHECK(log.find("is slow (no answer within 0.25s)") != std::string::npos);
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("run unprivileged, an unreadable subdirectory fails the directory, named, and its right size comes back") {
  if (geteuid() != 0) return;  // needs root to hand the exporter to nobody
  TempDir dir;
  chmod(dir.path().c_str(), 0755);
  mkdir((dir / "wal").c_str(), 0755);
  mkdir((dir / "wal/secret").c_str(), 0755);
  write_file(dir / "wal/top", "abc");
  write_file(dir / "wal/secret/a", "12345");
  Exporter exporter(dir, "directories: [{name: wal, path: " + dir / "wal" + "}]\n", {}, /*as_nobody=*/true);
  std::map<std::string, double> m = scrape_after_walk(exporter, "wal");
  CHECK(m.at("symptree_directory_size_bytes{name=\"wal\"}") == 8);
  CHECK(m.at("symptree_collector_success{collector=\"directory\"}") == 1);

  chmod((dir / "wal/secret").c_str(), 0700);  // root's, unreadable to nobody
  // The permission change makes the values stale at once; the walk it starts finds the subtree unreadable.
  const std::string denied = "wal/secret': Permission denied";
  for (int i = 0; i < 200 && read_file(exporter.log).find(denied) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    m = exporter.scrape();
    CHECK(m.at("symptree_directory_complete{name=\"wal\"}") == 0);
    CHECK(m.at("symptree_collector_success{collector=\"directory\"}") == 0);
  }
  CHECK(read_file(exporter.log).find(denied) != std::string::npos);
  m = exporter.scrape();
  CHECK(m.at("symptree_directory_complete{name=\"wal\"}") == 0);

  chmod((dir / "wal/secret").c_str(), 0755);
  m = scrape_after_walk(exporter, "wal");
  CHECK(m.at("symptree_directory_complete{name=\"wal\"}") == 1);
  CHECK(m.at("symptree_collector_success{collector=\"directory\"}") == 1);
  CHECK(m.at("symptree_directory_size_bytes{name=\"wal\"}") == 8);
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("run unprivileged, a root-only key or certificate leaves what it decides absent, not 0") {
  if (geteuid() != 0) return;  // needs root to hand the exporter to nobody
  TempDir dir;
  chmod(dir.path().c_str(), 0755);
  make_certificate(dir / "api.crt", dir / "api.key", -1, 30);
  make_certificate(dir / "root.crt", dir / "root.key", -1, 30);
  chmod((dir / "api.crt").c_str(), 0644);
  chmod((dir / "api.key").c_str(), 0600);   // root's, unreadable to nobody
  chmod((dir / "root.crt").c_str(), 0600);  // likewise
  Exporter exporter(dir,
                    "certificates: [{name: api, path: " + dir / "api.crt" + ", key: " + dir / "api.key" + "},\n"
                    "               {name: root, path: " + dir / "root.crt" + "}]\n",
                    {}, /*as_nobody=*/true);
  std::map<std::string, double> m = exporter.scrape();
  CHECK(m.at("symptree_collector_success{collector=\"certificate\"}") == 0);
  CHECK(m.count("symptree_certificate_key_match{name=\"api\"}") == 0);
  CHECK(m.count("symptree_certificate_valid{name=\"api\"}") == 0);
  CHECK(m.count("symptree_certificate_not_after_timestamp_seconds{name=\"api\"}") == 1);
  CHECK(m.count("symptree_certificate_valid{name=\"root\"}") == 0);
  CHECK(m.count("symptree_certificate_not_after_timestamp_seconds{name=\"root\"}") == 0);
  std::string log = read_file(exporter.log);
  CHECK_MESSAGE(log.find("api.key': the key is not readable (permission denied)") != std::string::npos, log);
  CHECK_MESSAGE(log.find("root.crt': the certificate is not readable (permission denied)") != std::string::npos, log);

  chmod((dir / "api.key").c_str(), 0644);  // readable now: the values come back
  m = exporter.scrape();
  CHECK(m.at("symptree_collector_success{collector=\"certificate\"}") == 0);  // root.crt still
  CHECK(m.at("symptree_certificate_key_match{name=\"api\"}") == 1);
  CHECK(m.at("symptree_certificate_valid{name=\"api\"}") == 1);
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("--check-config warns about each configured path that is missing, a FIFO or unreadable, and exits 0") {
  TempDir dir;
  chmod(dir.path().c_str(), 0755);
  make_certificate(dir / "api.crt", dir / "api.key", -1, 30);
  REQUIRE(mkfifo((dir / "fifo.crt").c_str(), 0644) == 0);
  mkdir((dir / "wal").c_str(), 0755);
  write_file(dir / "not-a-dir", "");
  std::string config = dir / "exporter.yml";
  write_file(config,
             "filesystems: [{name: data, path: " + dir / "not-mounted" + "}]\n"
             "directories:\n  - {name: wal, path: " + dir / "wal" + "}\n  - {name: gone, path: " + dir / "gone" + "}\n"
             "certificates:\n  - {name: api, path: " + dir / "fifo.crt" + ", key: " + dir / "nosuch.key" + "}\n"
             "backups: [{name: nightly, dir: " + dir / "not-a-dir" + "}]\n");
  std::string binary = SYMPTREE_EXPORTER_BINARY;
  std::string output;
  CHECK(run_exporter("--check-config --config.file " + config, output) == 0);
  CHECK_MESSAGE(output.find(config + ":1:15: warning: filesystem 'data': path '" + dir / "not-mounted" + "' does not exist\n") !=
                    std::string::npos, output);
  CHECK_MESSAGE(output.find(config + ":4:5: warning: directory 'gone': path '" + dir / "gone" + "' does not exist\n") !=
                    std::string::npos, output);
  CHECK(output.find(config + ":6:5: warning: certificate 'api': path '" + dir / "fifo.crt" +
                    "' is a FIFO, not a regular file\n") != std::string::npos);
  CHECK(output.find(config + ":6:5: warning: certificate 'api': key '" + dir / "nosuch.key" + "' does not exist\n") !=
        std::string::npos);
  CHECK(output.find(config + ":7:11: warning: backup 'nightly': dir '" + dir / "not-a-dir" +
                    "' is a regular file, not a directory\n") != std::string::npos);
  CHECK(output.find("'wal'") == std::string::npos);
  // The warnings go to stderr; stdout says how many there were.
  CHECK(run_command("(" + binary + " --check-config --config.file " + config + " 2>/dev/null)", &output) == 0);
  CHECK(output == "configuration ok (5 warnings)\n");

  write_file(config, "certificates: [{name: api, path: " + dir / "api.crt" + ", key: " + dir / "api.key" + "}]\n"
                     "directories: [{name: wal, path: " + dir / "wal" + "}]\n");
  CHECK(run_exporter("--check-config --config.file " + config, output) == 0);
  CHECK(output == "configuration ok\n");

  if (geteuid() != 0) return;  // the rest needs root to run the check as nobody
  chmod((dir / "api.key").c_str(), 0600);
  chmod((dir / "wal").c_str(), 0700);
  auto check = spawn_exporter({"--check-config", "--config.file", config}, dir / "check.log", /*as_nobody=*/true);
  CHECK(check->wait_exit(30000) == 0);
  std::string log = read_file(dir / "check.log");
  CHECK_MESSAGE(log.find("warning: certificate 'api': key '" + dir / "api.key" + "' is not readable (permission denied)") !=
                    std::string::npos, log);
  CHECK_MESSAGE(log.find("warning: directory 'wal': path '" + dir / "wal" + "' is not readable (permission denied)") !=
                    std::string::npos, log);
}

TEST_CASE("beyond --web.max-requests concurrent scrapes the exporter answers 503") {
  TempDir dir;
  SlowTarget silent(std::chrono::milliseconds(0));
  // With a 4 s timeout a scrape waits up to slow_after (1 s) for the silent target.
  Exporter exporter(dir, "http: [{name: silent, url: \"" + silent.url() + "\"}]\ntimeout: 4s\n",
                    {"--web.max-requests", "1"});
  auto slow = std::async(std::launch::async, [&] { return exporter.get("/metrics")->status; });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(exporter.get("/metrics")->status == 503);
  CHECK(exporter.get("/healthz")->status == 200);
  CHECK(slow.get() == 200);
}

TEST_CASE("TLS and bcrypt basic auth from a node_exporter web-config.yml") {
  TempDir dir;
  make_certificate(dir / "server.crt", dir / "server.key", -1, 30);
  // A $2y$ hash (as htpasswd writes them) of "secret" at the lowest cost.
  char salt[64];
  crypt_data data{};
  crypt_gensalt_rn("$2y$", 4, nullptr, 0, salt, sizeof salt);
  std::string hash = crypt_r("secret", salt, &data);
  write_file(dir / "web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                              "basic_auth_users:\n  prometheus: " + hash + "\n");
  {
    write_file(dir / "exporter.yml", "memory: true\n");
    int port = free_port();
    auto process = spawn_exporter({"--config.file", dir / "exporter.yml", "--web.config.file", dir / "web.yml",
                                   "--web.listen-address", "127.0.0.1:" + std::to_string(port)},
                                  dir / "log");
    httplib::SSLClient client("127.0.0.1", port);
    client.enable_server_certificate_verification(false);
    httplib::Result result = client.Get("/metrics");
    for (int i = 0; i < 250 && !result; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      result = client.Get("/metrics");
    }
    REQUIRE_MESSAGE(result, read_file(dir / "log"));
    CHECK(result->status == 401);
    CHECK(result->get_header_value("WWW-Authenticate").find("Basic") == 0);
    client.set_basic_auth("prometheus", "wrong");
    CHECK(client.Get("/metrics")->status == 401);
    client.set_basic_auth("prometheus", "secret");
    httplib::Result ok = client.Get("/metrics");
    REQUIRE(ok);
    CHECK(ok->status == 200);
    CHECK(ok->body.find("symptree_memory_total_bytes") != std::string::npos);
    httplib::Client plain("127.0.0.1", port);
    CHECK_FALSE(plain.Get("/metrics"));  // no plain HTTP on a TLS port
    CHECK(process->stop() == 0);
  }
}

TEST_CASE("bad config files and flags: a clear message with file:line:column and a non-zero exit") {
  TempDir dir;
  struct Case {
    std::string yaml;
    std::string expected;
  };
  std::vector<Case> cases = {
      {"filesystems: [{name: data, path: /}]\nprocesess: [{name: x}]\n",
       "exporter.yml:2:1: error: unknown key 'procesess' in the host section\n    hint: did you mean 'processes'?"},
      {"filesystems:\n  - {name: data, path: var/lib}\n", "exporter.yml:2:24: error: 'path' must be an absolute path"},
      {"ports:\n  - port: 70000\n    owner: api\n", "exporter.yml:2:11: error:"},
      {"directories:\n  - {name: wal, path: /x, magic: \"STMW\"}\n", "exporter.yml:2:34: error: 'magic' must be"},
      {"timeout: soon\n", "exporter.yml:1:10: error: 'timeout' must be a positive duration"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.yaml);
    write_file(dir / "exporter.yml", c.yaml);
    std::string output;
    CHECK(run_exporter("--config.file " + dir / "exporter.yml", output) == 2);
    CHECK_MESSAGE(output.find(c.expected) != std::string::npos, output);
  }
  std::string output;
  write_file(dir / "exporter.yml", "memory: true\n");
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --check-config", output) == 0);
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --web.listen-address localhost", output) == 2);
  CHECK(output.find("--web.listen-address: error: 'localhost' has no port") != std::string::npos);
  // A missing file is a configuration error (2), on one line; bad flags are usage errors (1), on one line.
  CHECK(run_exporter("--config.file " + dir / "missing.yml", output) == 2);
  CHECK(output == dir / "missing.yml" + ": error: cannot read file: No such file or directory\n");
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --web.max-requests 0", output) == 1);
  CHECK(output == "symptree-exporter: --web.max-requests: Value 0 not in range 1 to 1000 (see --help)\n");
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --web.event-loops 65", output) == 1);
  CHECK(output == "symptree-exporter: --web.event-loops: Value 65 not in range 0 to 64 (see --help)\n");
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --no-such-flag", output) == 1);
  CHECK(output.find("--no-such-flag") != std::string::npos);
  CHECK(std::count(output.begin(), output.end(), '\n') == 1);
  CHECK(run_exporter("", output) == 1);
  CHECK(output == "symptree-exporter: --config.file is required (see --help)\n");
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --log.format xml", output) == 1);
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --web.telemetry-path metrics", output) == 1);
  CHECK(run_exporter("--help", output) == 0);
  CHECK(output.find("--web.config.file") != std::string::npos);
  int taken = free_port();
  auto squatter = spawn_listener("squatter", taken);
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --web.listen-address 127.0.0.1:" +
                         std::to_string(taken), output) == 1);
  CHECK(output.find("cannot listen on 127.0.0.1:" + std::to_string(taken)) != std::string::npos);

  // A second exporter on a running exporter's port is refused too (no SO_REUSEPORT sharing).
  Exporter first(dir, "memory: true\n");
  CHECK(run_exporter("--config.file " + dir / "exporter.yml" + " --web.listen-address 127.0.0.1:" +
                         std::to_string(first.port), output) == 1);
}

TEST_CASE("the exporter accepts the default spec's host section as render_host_config writes it") {
  symptree::Diagnostics diagnostics;
  std::optional<symptree::YamlFile> spec =
      symptree::load_yaml_file(std::string(SYMPTREE_SOURCE_DIR) + "/flowchart-spec/stemedb.yaml", diagnostics);
  REQUIRE(spec);
  symptree::HostConfig host = symptree::read_host_config(*spec, spec->root["host"], diagnostics);
  REQUIRE_MESSAGE(!diagnostics.has_errors(), diagnostics.format());
  TempDir dir;
  write_file(dir / "exporter.yml", symptree::render_host_config(host));
  std::string output;
  CHECK_MESSAGE(run_exporter("--check-config --config.file " + dir / "exporter.yml", output) == 0, output);
  // And the committed output of `symptree compile`, once the generator writes it.
  std::string generated = std::string(SYMPTREE_SOURCE_DIR) + "/out/exporter/exporter.yml";
  if (access(generated.c_str(), R_OK) == 0) {
    CHECK_MESSAGE(run_exporter("--check-config --config.file " + generated, output) == 0, output);
  }
}
