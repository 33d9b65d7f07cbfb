// Tests for generator/model/watched_selectors and the absence alerts planned
// from them: a declared source's metric is watched through the condition's
// matchers on the labels the source lists (one alert per selector, labelled
// flowchart_selector); other matchers, and the service's metrics, are watched
// by name alone.
#include "generator/model/watched_selectors.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "generator/model/alert_labels.h"
#include "generator/model/alert_plan.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec with a node_exporter source and one symptom per condition.
std::string with_node_source(const std::vector<std::string>& conditions, const std::string& metrics = "") {
  std::string spec = replace(small_spec(), "symptoms:\n",
                             "sources:\n  - {name: node, job: node-exporter, labels: [host, device, mountpoint, fstype], "
                             "prefixes: [node_]" + metrics + "}\nsymptoms:\n");
  for (size_t i = 0; i < conditions.size(); ++i) {
    spec += "  - id: fs_" + std::to_string(i) + "\n    title: Filesystem fact " + std::to_string(i) +
            "\n    priority: P2\n    when: '" + conditions[i] + "'\n    runbook: runbooks/disk.md\n";
  }
  return spec;
}

std::vector<const AlertRule*> absences_of(const AlertPlan& plan, const std::string& metric) {
  std::vector<const AlertRule*> rules;
  for (const AlertRule& rule : plan.rules) {
    if (rule.node < 0 && rule.absent_metric == metric) rules.push_back(&rule);
  }
  return rules;
}

std::string field(const LabelList& list, const std::string& name) {
  for (const auto& entry : list) {
    if (entry.first == name) return entry.second;
  }
  return "";
}

}  // namespace

TEST_CASE("the newcomer repro: the absence alerts watch the mountpoint the condition reads") {
  std::ifstream file(std::string(SYMPTREE_SOURCE_DIR) + "/tests/findings/newcomer/absence_selector_matchers.yaml");
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  AlertPlan plan = plan_alerts(load_ok(text.str()));
  for (const std::string metric : {"node_filesystem_avail_bytes", "node_filesystem_size_bytes"}) {
    std::vector<const AlertRule*> rules = absences_of(plan, metric);
    REQUIRE(rules.size() == 1);
    std::string selector = metric + "{mountpoint=\"/var/lib/rabbitmq\"}";
    CHECK(rules[0]->expr == "group by (job) (up{job=\"node-exporter\"} == 1)\nunless on ()\ngroup by () (" + selector + ")");
    CHECK(field(rules[0]->labels, kSelectorLabel) == selector);
    CHECK(field(rules[0]->labels, "metric") == metric);
    CHECK(field(rules[0]->annotations, "summary").find(selector) != std::string::npos);
    CHECK(field(rules[0]->annotations, "description").find("no series of " + selector) != std::string::npos);
  }
}

TEST_CASE("matchers on labels the source does not list are dropped, the rest sorted and quoted") {
  // `code` is no label of the source: kept, its absence alert would page while nothing is wrong.
  AlertPlan plan = plan_alerts(load_ok(with_node_source(
      {R"(node_filesystem_avail_bytes{mountpoint=~"/data|/srv", code="x", fstype!="tmpfs"} < 5)"})));
  std::vector<const AlertRule*> rules = absences_of(plan, "node_filesystem_avail_bytes");
  REQUIRE(rules.size() == 1);
  CHECK(field(rules[0]->labels, kSelectorLabel) == R"(node_filesystem_avail_bytes{fstype!="tmpfs",mountpoint=~"/data|/srv"})");
  CHECK(rules[0]->expr.find(R"(group by () (node_filesystem_avail_bytes{fstype!="tmpfs",mountpoint=~"/data|/srv"}))") !=
        std::string::npos);
  // Only unlisted labels: the metric itself, without the selector label.
  plan = plan_alerts(load_ok(with_node_source({R"(node_filesystem_avail_bytes{code="x"} < 5)"})));
  rules = absences_of(plan, "node_filesystem_avail_bytes");
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]->absent_matchers.empty());
  CHECK(field(rules[0]->labels, kSelectorLabel).empty());
  CHECK(rules[0]->expr.find("group by () (node_filesystem_avail_bytes)") != std::string::npos);
}

TEST_CASE("one absence alert per selector: the same one read twice lists both readers") {
  std::vector<std::string> conditions = {R"(node_filesystem_avail_bytes{mountpoint="/data",fstype="ext4"} < 5)",
                                         R"(node_filesystem_avail_bytes{fstype="ext4", mountpoint="/data"} < 1)",
                                         R"(node_filesystem_avail_bytes{mountpoint="/logs"} < 5)",
                                         R"(node_filesystem_avail_bytes < 1)"};
  Model model = load_ok(with_node_source(conditions));
  std::vector<WatchedSelector> watched = watched_selectors(model);
  std::vector<std::string> texts;
  for (const WatchedSelector& w : watched) {
    if (w.metric == "node_filesystem_avail_bytes") texts.push_back(selector_text(w.metric, w.matchers));
  }
  CHECK(texts == std::vector<std::string>{R"(node_filesystem_avail_bytes{fstype="ext4",mountpoint="/data"})",
                                          R"(node_filesystem_avail_bytes{mountpoint="/logs"})",
                                          "node_filesystem_avail_bytes"});
  AlertPlan plan = plan_alerts(model);
  std::vector<const AlertRule*> rules = absences_of(plan, "node_filesystem_avail_bytes");
  REQUIRE(rules.size() == 3);
  CHECK(field(rules[0]->annotations, "description").find("Blind alerts: ShopFs0, ShopFs1.") != std::string::npos);
  CHECK(field(rules[1]->annotations, "description").find("Blind alerts: ShopFs2.") != std::string::npos);
  CHECK(field(rules[2]->annotations, "description").find("Blind alerts: ShopFs3.") != std::string::npos);
}

TEST_CASE("absence_alert: false on a source metric disables every selector of it") {
  std::vector<std::string> conditions = {R"(node_filesystem_avail_bytes{mountpoint="/data"} < 5)",
                                         R"(node_filesystem_avail_bytes{mountpoint="/logs"} < 5)"};
  AlertPlan plan = plan_alerts(
      load_ok(with_node_source(conditions, ", metrics: [{name: node_filesystem_avail_bytes, absence_alert: false}]")));
  CHECK(absences_of(plan, "node_filesystem_avail_bytes").empty());
  CHECK(absences_of(plan_alerts(load_ok(with_node_source(conditions))), "node_filesystem_avail_bytes").size() == 2);
}

TEST_CASE("the service's and symptree-exporter's metrics keep their absence alerts by name") {
  std::string text = replace(small_spec(), "shop_queue_depth > ", "shop_queue_depth{queue=\"orders\"} > ");
  REQUIRE(text != small_spec());
  AlertPlan plan = plan_alerts(load_ok(text));
  std::vector<const AlertRule*> queue = absences_of(plan, "shop_queue_depth");
  REQUIRE(queue.size() == 1);
  CHECK(queue[0]->absent_matchers.empty());
  CHECK(field(queue[0]->labels, kSelectorLabel).empty());
  for (const AlertRule& rule : plan.rules) CHECK(rule.absent_matchers.empty());
}

TEST_CASE("generated absence tests report a selector with a series its matchers accept") {
  Compilation c = compile_ok(with_node_source({R"(node_filesystem_avail_bytes{mountpoint="/data"} < 5)"}));
  std::string tests;
  for (const auto& [path, text] : c.outputs.files()) {
    if (path.find("prometheus/tests/") == 0 && path.find("absence") != std::string::npos) tests += text;
  }
  CHECK(tests.find(R"(node_filesystem_avail_bytes{host="host-b",instance="host-b:node",job="node-exporter",mountpoint="/data"})") !=
        std::string::npos);
  CHECK(tests.find(R"(flowchart_selector: node_filesystem_avail_bytes{mountpoint="/data"})") != std::string::npos);
}
