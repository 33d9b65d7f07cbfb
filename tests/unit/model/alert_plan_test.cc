// Tests for generator/model/alert_plan: path semantics, labels, annotations, absence.
#include "generator/model/alert_plan.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {
std::string label(const LabelList& list, const std::string& name) {
  for (const auto& [key, value] : list) {
    if (key == name) return value;
  }
  return "<none>";
}
}  // namespace

TEST_CASE("a cause's expression joins its parent's record on the join labels") {
  Diagnostics d;
  AlertPlan plan = plan_alerts(*load(small_spec(), d));
  const AlertRule* deepest = plan.rule_for_node(2);
  REQUIRE(deepest);
  CHECK(deepest->expr ==
        "(\n  symptree_filesystem_used_ratio{name=\"data\"} > 0.9\n)\n"
        "and on (host)\nhost:flowchart_node:holds{flowchart_service=\"shop\",flowchart_node=\"port_taken\"}");
  CHECK(plan.rule_for_node(1)->expr ==
        "(\n  symptree_port_foreign_owner{port=\"8080\"} == 1\n)\n"
        "and on (host)\nhost:flowchart_node:holds{flowchart_service=\"shop\",flowchart_node=\"api_down\"}");
  CHECK(plan.rule_for_node(0)->expr == "symptree_process_up{name=\"shop-api\"} == 0");
  CHECK(plan.rule_for_node(3) == nullptr);  // manual
}

TEST_CASE("PathForm::Inline: a cause's expression joins its parent's condition, itself joined with the next one's") {
  Diagnostics d;
  AlertPlan plan = plan_alerts(*load(small_spec(), d), PathForm::Inline);
  CHECK(plan.rule_for_node(2)->expr ==
        "(\n  symptree_filesystem_used_ratio{name=\"data\"} > 0.9\n)\n"
        "and on (host)\n(\n(\n  symptree_port_foreign_owner{port=\"8080\"} == 1\n)\n"
        "and on (host)\n(\n  symptree_process_up{name=\"shop-api\"} == 0\n)\n)");
  CHECK(plan.rule_for_node(0)->expr == "symptree_process_up{name=\"shop-api\"} == 0");
}

TEST_CASE("labels and annotations follow the conventions") {
  Diagnostics d;
  Model model = *load(small_spec(), d);
  AlertPlan plan = plan_alerts(model);
  const AlertRule& rule = *plan.rule_for_node(2);
  CHECK(rule.name == "ShopDiskNearlyFull");
  CHECK(label(rule.labels, "severity") == "warning");
  CHECK(label(rule.labels, "priority") == "P2");
  CHECK(label(rule.labels, "flowchart_node") == "disk_nearly_full");
  CHECK(label(rule.labels, "flowchart_symptom") == "api_down");
  CHECK(label(rule.annotations, "summary") == "API is down → Port taken? → Disk nearly full too.");
  CHECK(label(rule.annotations, "runbook_url") == model.nodes[2].runbook->url);
  CHECK(label(rule.annotations, "description") == "On host {{ $labels.host }}: Disk nearly full too?");
  CHECK(label(rule.annotations, "diagnostics") == "ss -ltnp | grep 8080  # Who holds the port");
  // A symptom with causes says what its firing alone means.
  CHECK(label(plan.rule_for_node(0)->annotations, "description").find("the flowchart does not cover this case") !=
        std::string::npos);
}

TEST_CASE("a title's own sentence end is kept: no period after '!' and none doubled before the no-cause sentence") {
  Diagnostics d;
  std::string text = replace(small_spec(), "title: API is down", "title: API is down!");
  text = replace(text, "title: Port taken?", "title: Port taken!");
  AlertPlan plan = plan_alerts(*load(text, d));
  CHECK(label(plan.rule_for_node(1)->annotations, "summary") == "API is down! → Port taken!");
  std::string description = label(plan.rule_for_node(0)->annotations, "description");
  CHECK(description.find("API is down! If no cause alert") != std::string::npos);
  CHECK(description.find("!.") == std::string::npos);
}

TEST_CASE("one absence alert per metric the tree reads, at the most urgent priority of its readers") {
  Diagnostics d;
  AlertPlan plan = plan_alerts(*load(small_spec(), d));
  std::vector<std::string> metrics;
  for (const AlertRule& rule : plan.rules) {
    if (rule.node < 0) metrics.push_back(rule.absent_metric);
  }
  CHECK(metrics == std::vector<std::string>{"symptree_process_up", "symptree_port_foreign_owner",
                                            "symptree_filesystem_used_ratio", "shop_queue_depth",
                                            "shop_request_errors_total"});
  const AlertRule& disk = plan.rules[plan.rules.size() - 3];
  CHECK(disk.name == "ShopMetricAbsent");
  CHECK(label(disk.labels, "priority") == "P2");
  // An exporter metric counts only from the spec's own probes: another service's on the host does not.
  CHECK(disk.expr ==
        "group by (host) (up{job=\"shop\"})\nunless on (host)\ngroup by (host) (symptree_filesystem_used_ratio{name=\"data\"})");
  CHECK(plan.rules[plan.rules.size() - 4].expr.find("(symptree_port_foreign_owner{port=\"8080\"})") != std::string::npos);
  CHECK(plan.rules.back().expr.find("up{job=\"shop\"} == 1") != std::string::npos);  // app metric: service must be up
  CHECK(plan.groups == std::vector<std::string>{"shop.api_down", "shop.queue_backlog", "shop.absence"});
}

TEST_CASE("an exporter metric of several probes is watched from any of them, each name a literal") {
  std::string text = small_spec();
  text.replace(text.find("processes: [{name: shop-api}]"), 29, "processes: [{name: shop-api}, {name: shop.worker}]");
  Diagnostics d;
  std::optional<Model> model = load(text, d);
  REQUIRE_MESSAGE(model, d.format());
  AlertPlan plan = plan_alerts(*model);
  const AlertRule* process = nullptr;
  for (const AlertRule& rule : plan.rules) process = rule.absent_metric == "symptree_process_up" ? &rule : process;
  REQUIRE(process);
  CHECK(process->expr.find("(symptree_process_up{name=~\"shop-api|shop\\\\.worker\"})") != std::string::npos);
  CHECK(label(process->annotations, "description").find("does not report it for name shop-api, shop.worker") !=
        std::string::npos);
}

TEST_CASE("a written description is a template, the title standing in for it and the summary are plain text") {
  std::string text = replace(small_spec(), "        title: Port taken?\n",
                             "        title: Port {{taken}}?\n        description: '{{ $value }} owner(s) of {{ $labels.port }}'\n");
  text = replace(text, "    title: API is down\n", "    title: api {{down}}\n");
  Model model = load_ok(text);
  AlertPlan plan = plan_alerts(model);
  const AlertRule& cause = *plan.rule_for_node(model.find_node("port_taken"));
  CHECK(label(cause.annotations, "description").find("On host {{ $labels.host }}: {{ $value }} owner(s) of {{ $labels.port }}.") == 0);
  CHECK(label(cause.annotations, "summary") == "Api {{ \"{{\" }}down}} → Port {{ \"{{\" }}taken}}.");
  CHECK(label(cause.annotations, "flowchart_section") == "api {{ \"{{\" }}down}}");
  const AlertRule& symptom = *plan.rule_for_node(model.find_node("api_down"));
  CHECK(label(symptom.annotations, "description").find("On host {{ $labels.host }}: api {{ \"{{\" }}down}}") == 0);
}

TEST_CASE("absence alerts come in groups of at most 20 rules") {
  std::string metrics, causes;
  for (int i = 0; i < 23; ++i) {
    std::string name = "shop_gauge_" + std::to_string(i);
    metrics += ", " + name;
    causes += "      - id: gauge_" + std::to_string(i) + "\n        title: Gauge " + std::to_string(i) +
              "?\n        runbook: runbooks/queue.md\n        when: '" + name + " > 1'\n";
  }
  std::string text = replace(small_spec(), "app_metrics: [shop_request_errors_total, shop_queue_depth",
                             "app_metrics: [shop_request_errors_total, shop_queue_depth" + metrics);
  text = replace(text, "      - id: errors_rising\n", causes + "      - id: errors_rising\n");
  AlertPlan plan = plan_alerts(load_ok(text));
  std::map<std::string, int> per_group;
  for (const AlertRule& rule : plan.rules) {
    if (rule.node < 0) ++per_group[rule.group];
  }
  CHECK(per_group == std::map<std::string, int>{{"shop.absence", 20}, {"shop.absence.2", 8}});
  CHECK(plan.groups.back() == "shop.absence.2");
}
