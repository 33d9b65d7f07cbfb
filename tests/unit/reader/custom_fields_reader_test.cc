// Tests for reader/custom_fields_reader and the alert plan's inheritance of a
// spec's own labels and annotations.
#include <doctest/doctest.h>

#include "generator/model/alert_plan.h"
#include "generator/reader/custom_fields_reader.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

std::string with(const std::string& top, const std::string& node_port_taken) {
  std::string text = small_spec();
  text.replace(text.find("host:\n"), 0, top);
  std::string anchor = "        section: Port Taken\n";
  text.replace(text.find(anchor) + anchor.size(), 0, node_port_taken);
  return text;
}

std::string label(const AlertRule& rule, const std::string& name, bool annotation = false) {
  for (const auto& [key, value] : annotation ? rule.annotations : rule.labels) {
    if (key == name) return value;
  }
  return "<none>";
}

}  // namespace

TEST_CASE("labels and annotations are inherited down the tree, the nearest winning, and absence alerts get the top's") {
  Model model = load_ok(with("labels: {team: shop, tier: web}\nannotations: {playbook: \"https://wiki/{{ $labels.host }}?q={{ \\\"{{\\\" }}\"}\n",
                             "        labels: {team: network}\n"));
  AlertPlan plan = plan_alerts(model);
  const AlertRule& symptom = *plan.rule_for_node(model.find_node("api_down"));
  const AlertRule& cause = *plan.rule_for_node(model.find_node("port_taken"));
  const AlertRule& grandchild = *plan.rule_for_node(model.find_node("disk_nearly_full"));
  CHECK(label(symptom, "team") == "shop");
  CHECK(label(cause, "team") == "network");
  CHECK(label(grandchild, "team") == "network");  // inherited from its parent
  CHECK(label(grandchild, "tier") == "web");
  CHECK(label(cause, "playbook", true) == "https://wiki/{{ $labels.host }}?q={{ \"{{\" }}");  // a template, as written
  CHECK(label(cause, "flowchart_node") == "port_taken");                                          // symptree's own stay
  for (const AlertRule& rule : plan.rules) {
    if (rule.node < 0) CHECK(label(rule, "team") == "shop");
  }
}

TEST_CASE("a custom label may not be one symptree sets, a join label, a bad name or a template") {
  for (const auto& [fields, message] : std::vector<std::pair<std::string, std::string>>{
           {"labels: {severity: page}\n", "label 'severity' is one symptree sets on every alert"},
           {"labels: {host: a}\n", "label 'host' is a join label"},
           {"labels: {9team: a}\n", "label name '9team' is not [a-zA-Z_][a-zA-Z0-9_]*"},
           {"labels: {__team: a}\n", "starts with __"},
           {"labels: {team: \"{{ $value }}\"}\n", "label 'team' is a template"},
           {"annotations: {runbook_url: x}\n", "annotation 'runbook_url' is one symptree sets"},
           {"labels: {team: \"\"}\n", "the value of 'team' is empty"},
           {"labels: [team]\n", "must be a mapping"},
           {"labels: {team: a, team: b}\n", "'team' is set twice in labels"},
           {"labels: {instance: x}\n", "label 'instance' is one symptree sets on every alert (from the scrape target)"}}) {
    Diagnostics d;
    CHECK_FALSE(load(with(fields, ""), d));
    CHECK_MESSAGE(d.format().find("spec.yaml:11:") != std::string::npos, d.format());
    CHECK_MESSAGE(d.format().find(message) != std::string::npos, d.format());
  }
}

TEST_CASE("the deployment's replica label may not be a custom label: Prometheus drops it from every alert") {
  Diagnostics d;
  std::string text = with("labels: {replica: blue}\n", "") +
                     "deployment:\n  prometheus: {replicas: [prom-a, prom-b]}\n"
                     "  alertmanagers: [{name: am, address: \"127.0.0.1:9093\"}]\n"
                     "  hosts: [{name: a, exporter: \"127.0.0.1:9100\", service: \"127.0.0.1:8080\"}]\n";
  CHECK_FALSE(load(text, d));
  CHECK_MESSAGE(d.format().find("error: 'replica_label' cannot be 'replica'") != std::string::npos, d.format());
}

TEST_CASE("an annotation is a template: a mistake in it is an error at its own line and column") {
  std::string text = with("annotations: {playbook: 'at {{ humanise $value }}'}\n", "");
  expect_error(text, "humanise", "in 'annotations: playbook': unknown template function 'humanise'",
               "did you mean 'humanize'?");
}
