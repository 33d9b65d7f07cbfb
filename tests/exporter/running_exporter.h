// A real symptree-exporter process on a free loopback port for end-to-end
// tests, stopped by PID at the end of the test.
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "test_support.h"

namespace symptree::testing {

struct Exporter {
  int port = free_port();
  std::string log;
  std::unique_ptr<ChildProcess> process;

  Exporter(const TempDir& dir, const std::string& config, std::vector<std::string> extra = {}, bool as_nobody = false) {
    write_file(dir / "exporter.yml", config);
    log = dir / "exporter.log";
    std::vector<std::string> args = {"--config.file", dir / "exporter.yml", "--web.listen-address",
                                     "127.0.0.1:" + std::to_string(port)};
    args.insert(args.end(), extra.begin(), extra.end());
    process = spawn_exporter(args, log, as_nobody);
    REQUIRE_MESSAGE(wait_until_serving(port), read_file(log));
  }

  httplib::Result get(const std::string& path) const {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(std::chrono::seconds(10));
    return client.Get(path.c_str());
  }

  std::map<std::string, double> scrape() const {
    httplib::Result result = get("/metrics");
    REQUIRE(result);
    REQUIRE(result->status == 200);
    return parse_exposition(result->body);
  }
};

// Runs the binary to completion; its exit code and output.
inline int run_exporter(const std::string& args, std::string& output) {
  return run_command(std::string(SYMPTREE_EXPORTER_BINARY) + " " + args, &output);
}

}  // namespace symptree::testing
