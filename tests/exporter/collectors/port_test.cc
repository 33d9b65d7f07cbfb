// The port collector against a real listening child process.
#include <doctest/doctest.h>

#include "test_support.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("port: listening, owner by name, foreign owner") {
  int port = free_port();
  int idle_port = free_port();
  auto listener = spawn_listener("fake-api", port);
  auto collector = make_collector(
      "port", host_config(&HostConfig::ports, {{port, "fake-api", {}}, {idle_port, "fake-api", {}}}));
  std::string p = std::to_string(port), idle = std::to_string(idle_port);
  Collected c = collect_once(*collector);
  CHECK(c.failures.empty());
  CHECK(c.at("symptree_port_listening{port=\"" + p + "\"}") == 1);
  CHECK(c.at("symptree_port_foreign_owner{port=\"" + p + "\"}") == 0);
  CHECK(c.at("symptree_port_owner_info{port=\"" + p + "\",process=\"fake-api\"}") == 1);
  CHECK(c.at("symptree_port_listening{port=\"" + idle + "\"}") == 0);
  CHECK(c.at("symptree_port_foreign_owner{port=\"" + idle + "\"}") == 0);

  Collected foreign =
      collect_once(*make_collector("port", host_config(&HostConfig::ports, {{port, "stemedb-api", {}}})));
  CHECK(foreign.at("symptree_port_foreign_owner{port=\"" + p + "\"}") == 1);
  listener->stop();
  CHECK(collect_once(*collector).at("symptree_port_listening{port=\"" + p + "\"}") == 0);
}
