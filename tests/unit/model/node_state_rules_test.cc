// Tests for model/node_state_rules: one record per alerting node, named by the
// join labels, grouping the alert's expression per host (or for the cluster),
// labelled with the node's title and runbook.
#include "generator/model/node_state_rules.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the metric is named after the join labels") {
  Model model = load_ok(small_spec());
  CHECK(node_state_metric(model) == "host:flowchart_node:holds");
  model.join_on = {"host", "dc"};
  CHECK(node_state_metric(model) == "host_dc:flowchart_node:holds");
}

TEST_CASE("one record per alerting node, none for manual steps or absence alerts") {
  Compilation c = compile_ok(small_spec());
  std::vector<RecordingRule> records = node_state_records(c.alerts);
  CHECK(records.size() == 5);  // api_down, port_taken, disk_nearly_full, queue_backlog, errors_rising
  for (const RecordingRule& record : records) {
    CAPTURE(record.node);
    CHECK(c.alerts.rules[record.rule].node == record.node);
    const RecordingRule* found = node_state_record(c.alerts, record.node);
    REQUIRE(found);
    CHECK(found->node == record.node);
  }
  CHECK(node_state_record(c.alerts, 3) == nullptr);  // restart_by_hand is manual
}

TEST_CASE("the expression groups the alert's by the join labels, indented, the labels name the node") {
  Compilation c = compile_ok(small_spec());
  AlertRule alert;
  alert.expr = "a > 1\nand on (host)\nb > 2";
  CHECK(node_state_expr(c.model, alert) == "group by (host) (\n  a > 1\n  and on (host)\n  b > 2\n)");
  alert.cluster = true;
  CHECK(node_state_expr(c.model, alert) == "group by () (\n  a > 1\n  and on (host)\n  b > 2\n)");
  LabelList labels = node_state_labels(c.model, 2);
  CHECK(labels == LabelList{{"flowchart_service", "shop"},
                            {"flowchart_symptom", "api_down"},
                            {"flowchart_node", "disk_nearly_full"},
                            {"title", "Disk nearly full too?"},
                            {"runbook_url", "https://runbooks.example.com/shop/runbooks/disk.md#nearly-full"}});
}

TEST_CASE("a record's selector names the service and the node, as a cause's join reads it") {
  Compilation c = compile_ok(small_spec());
  CHECK(node_state_selector(c.model, 1) == "host:flowchart_node:holds{flowchart_service=\"shop\",flowchart_node=\"port_taken\"}");
  CHECK(c.alerts.rule_for_node(2)->expr.find(node_state_selector(c.model, 1)) != std::string::npos);
}
