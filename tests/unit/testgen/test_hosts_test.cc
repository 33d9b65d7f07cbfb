// Tests for testgen/test_hosts: the labels of test series and scrape targets
// on each test host.
#include "generator/testgen/test_hosts.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("selectors: labels sorted, values quoted, host labels per test host") {
  CHECK(series_selector("m", {{"b", "2"}, {"a", "x\"y"}}) == "m{a=\"x\\\"y\",b=\"2\"}");
  Model model = load_ok(small_spec());
  CHECK(host_labels(model, TestHost::A) == std::map<std::string, std::string>{{"host", "host-a"}});
  model.join_on = {"host", "dc"};
  CHECK(host_labels(model, TestHost::B) == std::map<std::string, std::string>{{"dc", "dc-b"}, {"host", "host-b"}});
}

TEST_CASE("a source's target carries the join labels it lists, pinned on host A, and its instance and job") {
  Source source;
  source.name = "rabbit";
  source.job = "rabbitmq";
  source.labels = {"host", "queue"};
  std::map<std::string, std::string> a = source_target({"host", "vhost", "queue"}, source, TestHost::A, {{"queue", "q1"}});
  CHECK(a == std::map<std::string, std::string>{
                 {"host", "host-a"}, {"queue", "q1"}, {"instance", "host-a:rabbit"}, {"job", "rabbitmq"}});
  std::map<std::string, std::string> b = source_target({"host", "vhost", "queue"}, source, TestHost::B, {{"queue", "q1"}});
  CHECK(b.at("queue") == "queue-b");  // pins are host A's only
  CHECK(source_target(std::vector<std::string>{"namespace"}, source, nth_test_host(2), {}).at("instance") == "rabbit-c:rabbit");
  CHECK(host_suffix(nth_test_host(25)) == "-z");
}
