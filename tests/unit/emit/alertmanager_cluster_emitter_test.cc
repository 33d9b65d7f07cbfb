// Tests for emit/alertmanager_cluster_emitter: each Alertmanager peer's
// cluster flags.
#include <doctest/doctest.h>

#include "deployment_fixture.h"
#include "generator/emit/alertmanager_cluster_emitter.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("each Alertmanager peer gets its flags, naming every other peer") {
  Compilation c = compile_ok(ha_spec());
  const auto& files = c.outputs.files();
  REQUIRE(files.count("alertmanager/cluster/am-1.env"));
  CHECK(alertmanager_peer_args(c.model, 0) ==
        "--web.listen-address=10.0.0.1:9093 --cluster.listen-address=10.0.0.1:9094 "
        "--cluster.peer=10.0.0.2:9094 --cluster.peer=am-3.example.com:9094");
  // A peer named by DNS listens on every interface (an IP: on that IP alone).
  CHECK(alertmanager_peer_args(c.model, 2) ==
        "--web.listen-address=:9093 --cluster.listen-address=0.0.0.0:9094 "
        "--cluster.peer=10.0.0.1:9094 --cluster.peer=10.0.0.2:9094");
  std::string env = files.at("alertmanager/cluster/am-2.env");
  CHECK(env.find("\nARGS=\"" + alertmanager_peer_args(c.model, 1) + "\"\n") != std::string::npos);
  size_t start = 0;  // every other line is a comment
  for (size_t end = env.find('\n'); end != std::string::npos; start = end + 1, end = env.find('\n', start)) {
    std::string line = env.substr(start, end - start);
    CAPTURE(line);
    CHECK((line.rfind("#", 0) == 0 || line.rfind("ARGS=\"", 0) == 0));
  }
}

TEST_CASE("a lone Alertmanager needs no cluster address and gossips with nobody") {
  std::string one = "  alertmanagers:\n    - {name: am, address: \"127.0.0.1:9093\"}\n";
  std::string deployment = kDeployment.substr(0, kDeployment.find("  alertmanagers:")) + one +
                           kDeployment.substr(kDeployment.find("  hosts:"));
  Compilation c = compile_ok(ha_spec(deployment));
  CHECK(alertmanager_peer_args(c.model, 0) == "--web.listen-address=127.0.0.1:9093 --cluster.listen-address=");
}
