// Tests for join labels per subtree (a node's own `join_on`) across the units it
// touches: reading, the label check, the alert plan and its records,
// inhibitions, the test planner, the dashboard's filters and explain.
#include <doctest/doctest.h>

#include <algorithm>

#include "generator/check/checker.h"
#include "generator/emit/grafana_panels.h"
#include "generator/model/inhibitions.h"
#include "generator/model/node_state_rules.h"
#include "generator/report/explain.h"
#include "generator/testgen/test_plan.h"
#include "deployment_fixture.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// A workload symptom per namespace, pod causes per namespace and pod (one
// inheriting it), a node cause under a pod cause, a node symptom and a
// PersistentVolume fact for the cluster.
std::string kube_spec() {
  return R"(version: 1
service: shop
alert_prefix: Shop
join_on: [namespace]
runbooks: {base_url: "https://runbooks.example.com/shop"}
priorities:
  P0: {response: 15m, severity: critical, receiver: pager}
  P2: {response: 4h, severity: warning, receiver: tickets}
receivers:
  pager: {pagerduty: {routing_key_file: /etc/am/pd}}
  tickets: {webhook: {url: "http://127.0.0.1:9095/"}}
app_metrics: [kube_unavailable, kube_restarts_total, kube_waiting, kube_pending, kube_unschedulable, kube_node_ready, kube_pv_failed]
symptoms:
  - id: degraded
    title: Workload degraded
    priority: P0
    when: 'max by (namespace) (kube_unavailable) > 0'
    runbook: runbooks/w.md
    causes:
      - id: crashloop
        title: Crash looping?
        join_on: [namespace, pod]
        when: 'increase(kube_restarts_total[10m]) > 3'
        runbook: runbooks/w.md
        causes:
          - id: image_pull
            title: Image pull failing?
            when: 'kube_waiting{reason="ImagePullBackOff"} == 1'
            runbook: runbooks/w.md
      - id: pending
        title: Pods pending?
        join_on: [namespace, pod]
        when: 'kube_pending == 1'
        runbook: runbooks/w.md
        causes:
          - id: cordoned
            title: A node cordoned?
            join_on: [node]
            when: 'kube_unschedulable == 1'
            runbook: runbooks/n.md
  - id: node_not_ready
    title: Node not ready
    priority: P0
    join_on: [node]
    when: 'kube_node_ready == 0'
    runbook: runbooks/n.md
  - id: storage
    title: Storage
    causes:
      - id: pv_failed
        title: A volume failed?
        priority: P2
        join_on: []
        when: 'max by (persistentvolume) (kube_pv_failed) == 1'
        runbook: runbooks/s.md
)";
}

// The loader's and checker's report on `text`.
std::string report(const std::string& text) {
  Diagnostics d;
  std::optional<Model> model = load(text, d);
  if (model) {
    CheckOptions options;
    options.use_promtool = false;
    check_model(*model, options, d);
  }
  return d.format();
}

// "spec.yaml:LINE:COL" of the first `needle` in `text`.
std::string at(const std::string& text, const std::string& needle) {
  auto [line, column] = line_column_of(text, needle);
  return "spec.yaml:" + std::to_string(line) + ":" + std::to_string(column);
}

using Labels = std::vector<std::string>;

}  // namespace

TEST_CASE("a node's join_on is its own, inherited by its causes, and [] is a cluster fact") {
  CHECK(report(kube_spec()) == "");
  Model model = load_ok(kube_spec());
  CHECK(model.join_of(model.find_node("degraded")) == Labels{"namespace"});  // the spec's
  CHECK(model.join_of(model.find_node("crashloop")) == Labels{"namespace", "pod"});
  CHECK(model.join_of(model.find_node("image_pull")) == Labels{"namespace", "pod"});  // inherited
  CHECK(model.join_of(model.find_node("cordoned")) == Labels{"node"});
  CHECK(model.join_of(model.find_node("pv_failed")).empty());
  CHECK(model.is_cluster(model.find_node("pv_failed")));
  CHECK(model.series_join(model.find_node("pv_failed")) == Labels{"namespace"});  // each host reports it
  CHECK(model.shared_join(model.find_node("crashloop"), model.find_node("degraded")) == Labels{"namespace"});
  CHECK(model.shared_join(model.find_node("cordoned"), model.find_node("pending")).empty());
  CHECK(model.detached(model.find_node("cordoned"), model.find_node("degraded")));  // through `pending`
  CHECK_FALSE(model.detached(model.find_node("image_pull"), model.find_node("degraded")));
  CHECK(model.all_join_labels() == Labels{"namespace", "pod", "node"});
}

TEST_CASE("scope: cluster and join_on: [] are one thing, and given both they must agree") {
  std::string both = replace(kube_spec(), "        join_on: []\n", "        join_on: []\n        scope: cluster\n");
  CHECK(report(both) == "");
  CHECK(load_ok(both).is_cluster(load_ok(both).find_node("pv_failed")));

  std::string scope_only = replace(kube_spec(), "        join_on: []\n", "        scope: cluster\n");
  CHECK(load_ok(scope_only).join_of(load_ok(scope_only).find_node("pv_failed")).empty());

  std::string host_empty = replace(kube_spec(), "        join_on: []\n", "        join_on: []\n        scope: host\n");
  expect_error(host_empty, "[]\n        scope: host", "'join_on: []' states a cluster fact, but 'pv_failed' says `scope: host`",
               "`join_on: []` and `scope: cluster` mean the same");

  std::string cluster_labels = replace(kube_spec(), "        join_on: []\n", "        join_on: [node]\n        scope: cluster\n");
  expect_error(cluster_labels, "[node]\n        scope: cluster",
               "'join_on' of the cluster-scoped 'pv_failed' must be []");

  std::string group_empty = replace(kube_spec(), "    title: Storage\n", "    title: Storage\n    join_on: []\n");
  expect_error(group_empty, "[]\n    causes:\n      - id: pv_failed", "'join_on: []' needs 'when'");

  std::string under_host = replace(kube_spec(), "        join_on: [node]\n", "        join_on: []\n");
  expect_error(under_host, "[]\n            when: 'kube_unschedulable",
               "'cordoned' is cluster-scoped, but its ancestor 'pending' holds per host");
}

TEST_CASE("a node's join_on cannot use instance, job, a label symptree sets or a bad name") {
  for (const std::string label : {"instance", "job"}) {
    std::string text = replace(kube_spec(), "join_on: [namespace, pod]", "join_on: [namespace, " + label + "]");
    expect_error(text, label + "]", "'join_on' cannot use '" + label + "'");
  }
  std::string reserved = replace(kube_spec(), "join_on: [namespace, pod]", "join_on: [namespace, flowchart_node]");
  expect_error(reserved, "flowchart_node]", "'join_on' cannot use 'flowchart_node': symptree sets it on every alert");
  std::string top = replace(kube_spec(), "join_on: [namespace]", "join_on: [severity]");
  expect_error(top, "severity]", "'join_on' cannot use 'severity'");
  std::string twice = replace(kube_spec(), "join_on: [namespace, pod]", "join_on: [pod, pod]");
  expect_error(twice, "pod]\n        when: 'increase", "'join_on' names 'pod' twice");
  std::string bad = replace(kube_spec(), "join_on: [namespace, pod]", "join_on: [namespace, 9pod]");
  expect_error(bad, "9pod]", "'9pod' is not a valid label name");
}

TEST_CASE("the label check asks each node for its own join labels") {
  std::string dropped = replace(kube_spec(), "'increase(kube_restarts_total[10m]) > 3'",
                                "'sum by (namespace) (increase(kube_restarts_total[10m])) > 3'");
  std::string out = report(dropped);
  CHECK(out.find(at(dropped, "by (namespace) (increase") + ": error: the result has no 'pod': add it to by (...)") == 0);
  CHECK(out.find("'crashloop' holds per namespace, pod, so its alert must carry namespace, pod") != std::string::npos);
  // The spec's join label is not asked of a node joined on others.
  CHECK(report(replace(kube_spec(), "'kube_node_ready == 0'", "'max by (node) (kube_node_ready) == 0'")) == "");
}

TEST_CASE("with deployment:, a join label no series of the condition carries is an error at that label of join_on") {
  std::string text = replace(small_spec(), "      - id: port_taken\n", "      - id: port_taken\n        join_on: [host, pod]\n") +
                     kDeployment;
  std::string out = report(text);
  CHECK(out.find(at(text, "pod]") + ": error: no series of the condition of 'port_taken' carries the join label 'pod'") ==
        0);
  // A host label of the deployment is a label of every target.
  std::string labelled = replace(text, "service: \"10.0.0.11:8080\"}", "service: \"10.0.0.11:8080\", labels: {pod: p1}}");
  labelled = replace(labelled, "service: \"10.0.0.12:8080\"}", "service: \"10.0.0.12:8080\", labels: {pod: p2}}");
  CHECK(report(labelled).find("carries the join label") == std::string::npos);
}

TEST_CASE("a cause joins its parent's record on the labels both carry, and records are named by their join set") {
  Model model = load_ok(kube_spec());
  AlertPlan alerts = plan_alerts(model);
  const AlertRule& crashloop = *alerts.rule_for_node(model.find_node("crashloop"));
  CHECK(crashloop.expr == "(\n  increase(kube_restarts_total[10m]) > 3\n)\nand on (namespace)\n"
                          "namespace:flowchart_node:holds{flowchart_service=\"shop\",flowchart_node=\"degraded\"}");
  const AlertRule& image_pull = *alerts.rule_for_node(model.find_node("image_pull"));
  CHECK(image_pull.expr.find("and on (namespace, pod)\nnamespace_pod:flowchart_node:holds{") != std::string::npos);
  const AlertRule& cordoned = *alerts.rule_for_node(model.find_node("cordoned"));
  CHECK(cordoned.expr.find("and on ()\nnamespace_pod:flowchart_node:holds{") != std::string::npos);
  CHECK(node_state_metric(model, model.find_node("crashloop")) == "namespace_pod:flowchart_node:holds");
  CHECK(node_state_metric(model, model.find_node("node_not_ready")) == "node:flowchart_node:holds");
  CHECK(node_state_metric(model, model.find_node("pv_failed")) == "namespace:flowchart_node:holds");  // the spec's
  CHECK(node_state_metrics(model) ==
        Labels{"namespace:flowchart_node:holds", "namespace_pod:flowchart_node:holds", "node:flowchart_node:holds"});
  CHECK(node_state_expr(model, crashloop).rfind("group by (namespace, pod) (\n", 0) == 0);
  CHECK(node_state_expr(model, *alerts.rule_for_node(model.find_node("pv_failed"))).rfind("group by () (\n", 0) == 0);
  std::string description;
  for (const auto& [name, value] : crashloop.annotations) {
    if (name == "description") description = value;
  }
  CHECK(description.rfind("On namespace {{ $labels.namespace }}, pod {{ $labels.pod }}: ", 0) == 0);
  // The inline form nests each link, so that it joins as the records do.
  CHECK(plan_alerts(model, PathForm::Inline).rule_for_node(model.find_node("cordoned"))->expr ==
        "(\n  kube_unschedulable == 1\n)\nand on ()\n(\n(\n  kube_pending == 1\n)\nand on (namespace)\n"
        "(\n  max by (namespace) (kube_unavailable) > 0\n)\n)");
}

TEST_CASE("a metric only nodes lacking the spec's join labels read has one absence alert for the cluster") {
  Model model = load_ok(kube_spec());
  int checked = 0;
  for (const AlertRule& rule : plan_alerts(model).rules) {
    if (rule.absent_metric == "kube_unschedulable" || rule.absent_metric == "kube_node_ready") {
      CHECK(rule.cluster);
      CHECK(rule.expr.rfind("group by (job) (", 0) == 0);
      ++checked;
    }
    if (rule.absent_metric == "kube_restarts_total") {
      CHECK_FALSE(rule.cluster);  // [namespace, pod] carries namespace
      CHECK(rule.expr.rfind("group by (namespace) (", 0) == 0);
      ++checked;
    }
  }
  CHECK(checked == 3);
}

TEST_CASE("inhibitions are equal on the labels the target and the source both join on") {
  Model model = load_ok(kube_spec());
  const AmInhibitRule* shared = nullptr;
  std::vector<AmInhibitRule> rules = generated_inhibit_rules(model);
  for (const AmInhibitRule& rule : rules) {
    if (rule.target.back().value == "degraded") {
      CHECK_FALSE(rule.equal.empty());  // nothing mutes the namespaces' symptom everywhere
      if (rule.equal == Labels{"namespace"}) shared = &rule;
    }
  }
  REQUIRE(shared);
  CHECK(shared->source.back().value == "crashloop|image_pull|pending");
  for (const AmInhibitRule& rule : rules) {
    if (rule.target.back().value == "crashloop") CHECK(rule.equal == Labels{"namespace", "pod"});
  }
}

// A cordoned node ([node]) under the namespaces' symptom cannot say which
// namespace it explains: muting on nothing would hide every namespace's page
// (found by a newcomer trial). It is listed as not silencing it.
TEST_CASE("a cause sharing no join label with its symptom does not silence it") {
  Model model = load_ok(kube_spec());
  int degraded = model.find_node("degraded"), cordoned = model.find_node("cordoned");
  CHECK_FALSE(can_inhibit(model, cordoned, degraded));
  bool listed = false;
  for (const Inhibition& entry : plan_inhibitions(model)) {
    if (entry.target != degraded) continue;
    CHECK(std::find(entry.sources.begin(), entry.sources.end(), cordoned) == entry.sources.end());
    listed = std::find(entry.unmatched.begin(), entry.unmatched.end(), cordoned) != entry.unmatched.end();
  }
  CHECK(listed);
  for (const AmInhibitRule& rule : generated_inhibit_rules(model)) {
    if (rule.target.back().value == "degraded") CHECK(rule.comment.find("not by ShopCordoned (no join label in common)") != std::string::npos);
  }
}

TEST_CASE("a node's test series and expected labels carry its own join labels") {
  Model model = load_ok(kube_spec());
  AlertPlan alerts = plan_alerts(model);
  std::vector<TestCase> cases;
  Diagnostics d;
  REQUIRE_MESSAGE(plan_tests(model, alerts, [&](const TestCase& c) { cases.push_back(c); }, d), d.format());
  bool pod_series = false, node_series = false, elsewhere = false;
  for (const TestCase& c : cases) {
    if (c.alert == "ShopMetricAbsent") continue;  // absence tests stay on the spec's join_on
    for (const TestSeries& s : c.series) {
      if (s.selector.rfind("kube_restarts_total{", 0) == 0) {
        pod_series = true;
        CHECK(s.selector.find("namespace=\"namespace-") != std::string::npos);
        CHECK(s.selector.find("pod=\"pod-") != std::string::npos);
      }
      if (s.selector.rfind("kube_unschedulable{", 0) == 0) {
        node_series = true;
        CHECK(s.selector.find("namespace=") == std::string::npos);
        CHECK(s.selector.find("node=\"node-") != std::string::npos);
      }
    }
    if (c.alert == "ShopCordoned" &&
        c.title == "fires on its host while the ancestors it joins `on ()` hold, only on another host") {
      elsewhere = true;
    }
    if (c.alert == "ShopCrashloop" && c.title.rfind("fires after", 0) == 0) {
      REQUIRE(!c.expr_checks.empty());
      CHECK(c.expr_checks.front().samples.front().first.find("namespace_pod:flowchart_node:holds{") == 0);
      CHECK(c.expr_checks.front().samples.front().first.find("pod=\"pod-a\"") != std::string::npos);
    }
  }
  CHECK(pod_series);
  CHECK(node_series);
  CHECK(elsewhere);
}

TEST_CASE("a panel filters by the host variables of the labels its node carries") {
  Model model = load_ok(kube_spec());
  AlertPlan alerts = plan_alerts(model);
  PanelContext context{model, alerts, "namespace=~\"$namespace\", job=~\"$job\", instance=~\"$instance\"", "job=~\"$job\""};
  CHECK(node_filters(context, model.find_node("crashloop")) == context.filters);
  CHECK(node_filters(context, model.find_node("node_not_ready")) == "job=~\"$job\", instance=~\"$instance\"");
  // The top row shows the records of the other join sets whatever is selected.
  std::string holds = holds_now_panel(context, {0, 0, 10, 9})["targets"][0]["expr"].get<std::string>();
  CHECK(holds.rfind("(\n(\n(\nnamespace:flowchart_node:holds{flowchart_service=\"shop\", namespace=~\"$namespace\"}", 0) == 0);
  CHECK(holds.find("\nor namespace_pod:flowchart_node:holds{flowchart_service=\"shop\"}") != std::string::npos);
  CHECK(holds.find("\nor node:flowchart_node:holds{flowchart_service=\"shop\"}") != std::string::npos);
}

TEST_CASE("explain names the node's own join labels") {
  Compilation c = compile_ok(kube_spec());
  std::string error;
  std::optional<std::string> text = explain(c, "crashloop", error);
  REQUIRE_MESSAGE(text, error);
  CHECK(text->find("Fires per (namespace, pod), where its parent 'degraded' holds on the same (namespace), for ") !=
        std::string::npos);
  // A cause sharing no join label with its parent: joined `and on ()`, and explain says so.
  std::optional<std::string> cordoned = explain(c, "cordoned", error);
  REQUIRE_MESSAGE(cordoned, error);
  CHECK_MESSAGE(cordoned->find("where its parent 'pending' holds anywhere (and on ())") != std::string::npos, *cordoned);
  CHECK(text->find("and on (namespace)") != std::string::npos);
  std::optional<std::string> cluster = explain(c, "pv_failed", error);
  REQUIRE_MESSAGE(cluster, error);
  CHECK(cluster->find("Fires once for the cluster (cluster-scoped: no namespace label)") != std::string::npos);
  std::optional<std::string> degraded = explain(c, "degraded", error);
  REQUIRE_MESSAGE(degraded, error);
  CHECK(degraded->find("Silenced while ShopCrashloop, ShopImagePull, ShopPending fires with the same namespace") !=
        std::string::npos);
  CHECK(degraded->find("Not silenced by ShopCordoned: no join label in common") != std::string::npos);
}

TEST_CASE("a node's own join label cannot be an external label or the replica label of deployment:") {
  std::string deployment = R"(deployment:
  prometheus:
    replicas: [prom-a, prom-b]
    external_labels: {node: eu1}
  alertmanagers:
    - {name: am-1, address: "10.0.0.1:9093"}
  hosts:
    - {name: shop, service: "10.0.0.11:8080"}
)";
  std::string text = kube_spec() + deployment;
  expect_error(text, "node: eu1}", "'external_labels' cannot set the join_on label 'node'");
  std::string replica = replace(text, "external_labels: {node: eu1}", "replica_label: pod");
  expect_error(replica, "pod\n  alertmanagers", "'replica_label' cannot be 'pod'");
}

TEST_CASE("a label of the spec's own cannot be a node's join label") {
  std::string text = replace(kube_spec(), "join_on: [namespace]\n", "join_on: [namespace]\nlabels: {pod: web}\n");
  expect_error(text, "pod: web", "label 'pod' is a join label");
}
