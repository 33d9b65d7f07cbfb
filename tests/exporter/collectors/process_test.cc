// The process collector against real child processes.
#include <doctest/doctest.h>
#include <unistd.h>

#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("process: up, start time and restarts seen") {
  int port = free_port();
  auto collector = make_collector(
      "process", host_config(&HostConfig::processes, {{"proc-under-test", {}}, {"no-such-process", {}}}));
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
