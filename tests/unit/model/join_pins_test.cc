// Tests for generator/model/join_pins: the join label values a node's
// matchers or examples fix, and those of a node's path.
#include "generator/model/join_pins.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

std::string pinned_spec() {
  return namespace_spec_settings() + R"(app_metrics: [kube_unavailable, kube_waiting, kube_pending]
symptoms:
  - id: degraded
    title: Degraded
    priority: P0
    when: 'kube_unavailable{reason="x"} > 0'
    runbook: r.md
    causes:
      - id: pull
        title: Pull?
        when: 'kube_waiting{namespace="payments"} == 1'
        runbook: r.md
        causes:
          - id: pod_pending
            title: Pending?
            join_on: [namespace, pod]
            when: 'kube_pending{namespace=~"pay.*"} > 0'
            runbook: r.md
            examples:
              warmup: 0s
              firing: [{series: 'kube_pending{namespace="payments",pod="api-0"}', values: '1x10'}]
              quiet: [{series: 'kube_pending{namespace="payments",pod="api-0"}', values: '0x10'}]
)";
}

}  // namespace

TEST_CASE("an equality matcher or a firing example's value of a join label fixes it") {
  Model model = load_ok(pinned_spec());
  CHECK(node_join_pins(model, 0).empty());  // reason is no join label
  JoinPins pull = node_join_pins(model, 1);
  REQUIRE(pull.count("namespace"));
  CHECK(pull.at("namespace").value == "payments");
  auto [line, column] = line_column_of(pinned_spec(), "namespace=\"payments\"} == 1");
  CHECK(pull.at("namespace").where.line == line);
  CHECK(pull.at("namespace").where.column == column);
  JoinPins pending = node_join_pins(model, 2);
  CHECK(pending.at("namespace").value == "payments");
  CHECK(pending.at("pod").value == "api-0");
  CHECK(path_join_pins(model, 2) == std::map<std::string, std::string>{{"namespace", "payments"}, {"pod", "api-0"}});
  CHECK(path_join_pins(model, 0).empty());
  CHECK(joined_on(model, 2, 0, "namespace"));
  CHECK_FALSE(joined_on(model, 2, 0, "pod"));
}
