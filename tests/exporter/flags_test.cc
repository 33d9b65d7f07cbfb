// node_exporter's flags on symptree-exporter: --log.level/--log.format,
// --collector.<name>/--no-collector.<name>, --web.telemetry-path, gzip of
// the metrics, and --web.systemd-socket through systemd-socket-activate.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "running_exporter.h"
#include "test_support.h"

using namespace symptree::testing;

TEST_CASE("--log.format json and --log.level: every line is a JSON object, debug and info dropped at warn") {
  TempDir dir;
  {
    Exporter exporter(dir, "memory: true\n", {"--log.format", "json"});
    CHECK(exporter.process->stop() == 0);
    std::istringstream lines(read_file(exporter.log));
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
      nlohmann::json entry = nlohmann::json::parse(line);
      CHECK(entry.at("level").is_string());
      CHECK(entry.at("msg").is_string());
      ++count;
    }
    CHECK(count >= 2);  // listening, stopping, stopped
  }
  Exporter quiet(dir, "memory: true\n", {"--log.level", "warn"});
  CHECK(quiet.process->stop() == 0);
  CHECK(read_file(quiet.log).empty());
}

TEST_CASE("--no-collector.<name> and --collector.<name> override the configuration") {
  TempDir dir;
  Exporter exporter(dir, "memory: true\n", {"--no-collector.memory", "--collector.filesystem"});
  std::map<std::string, double> series = exporter.scrape();
  CHECK_FALSE(series.count("symptree_collector_success{collector=\"memory\"}"));
  CHECK(series.count("symptree_collector_success{collector=\"filesystem\"}"));
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("--web.telemetry-path moves the metrics, gzip when the client asks for it") {
  TempDir dir;
  Exporter exporter(dir, "memory: true\n", {"--web.telemetry-path", "/probe"});
  CHECK(exporter.get("/metrics")->status == 404);
  httplib::Client client("127.0.0.1", exporter.port);
  client.set_decompress(false);
  httplib::Result plain = client.Get("/probe");
  REQUIRE(plain);
  CHECK(plain->status == 200);
  CHECK(plain->get_header_value("Content-Encoding").empty());
  CHECK(plain->body.find("symptree_memory_total_bytes") != std::string::npos);
  httplib::Result packed = client.Get("/probe", {{"Accept-Encoding", "gzip"}});
  REQUIRE(packed);
  CHECK(packed->get_header_value("Content-Encoding") == "gzip");
  CHECK(packed->body.size() < plain->body.size());
  httplib::Client decompressing("127.0.0.1", exporter.port);  // httplib inflates it
  httplib::Result inflated = decompressing.Get("/probe", {{"Accept-Encoding", "gzip"}});
  REQUIRE(inflated);
  CHECK(inflated->body.find("symptree_memory_total_bytes") != std::string::npos);
  CHECK(exporter.process->stop() == 0);
}

TEST_CASE("--web.systemd-socket serves on the socket systemd-socket-activate passes") {
  if (run_command("command -v systemd-socket-activate >/dev/null") != 0) {
    FAIL("systemd-socket-activate is missing: scripts/install-deps installs Debian's systemd package");
  }
  TempDir dir;
  write_file(dir / "exporter.yml", "memory: true\n");
  int port = free_port();
  std::string address = "127.0.0.1:" + std::to_string(port);
  std::string config = dir / "exporter.yml";
  std::string log = dir / "log";
  pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::fopen(log.c_str(), "w");
    if (out) dup2(fileno(out), 2);
    // systemd-socket-activate binds, then execs the exporter in this same process.
    execlp("systemd-socket-activate", "systemd-socket-activate", "-l", address.c_str(), SYMPTREE_EXPORTER_BINARY,
           "--config.file", config.c_str(), "--web.systemd-socket", nullptr);
    _exit(127);
  }
  ChildProcess process(pid);
  REQUIRE_MESSAGE(wait_until_serving(port), read_file(log));
  httplib::Client client("127.0.0.1", port);
  httplib::Result result = client.Get("/metrics");
  REQUIRE(result);
  CHECK(result->body.find("symptree_memory_total_bytes") != std::string::npos);
  CHECK(process.stop() == 0);
  std::string output;
  CHECK(run_exporter("--config.file " + config + " --web.systemd-socket", output) == 1);
  CHECK(output.find("--web.systemd-socket: no socket passed by systemd") != std::string::npos);
}
