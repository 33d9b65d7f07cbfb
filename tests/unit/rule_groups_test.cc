// Rule groups of at most 20 rules (issue 13, the monitoring-mixins style)
// across the alert plan, the rule files and the test files: a section of more
// than ten alerting nodes is split into groups in tree order, and no rule reads
// a record of another group (groups are evaluated independently): a node whose
// parent went to an earlier group states its path inline.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "bench/generator/synthetic_spec.h"
#include "generator/emit/rules_emitter.h"
#include "generator/emit/tests_emitter.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The flowchart_node values of the records `expr` reads (`...:flowchart_node:holds{...,flowchart_node="x"}`).
std::vector<std::string> records_read(const std::string& expr) {
  std::vector<std::string> nodes;
  const std::string record = ":flowchart_node:holds{", key = "flowchart_node=\"";
  for (size_t at = expr.find(record); at != std::string::npos; at = expr.find(record, at + 1)) {
    size_t value = expr.find(key, at) + key.size();
    nodes.push_back(expr.substr(value, expr.find('"', value) - value));
  }
  return nodes;
}

// Every rule file of `c` holds one group of at most 20 rules, and every record a
// rule reads is written above it in the same group. Returns the rules that read one.
size_t check_groups(const Compilation& c) {
  size_t joined = 0;
  for (const std::string& group : c.alerts.groups) {
    YAML::Node rules = YAML::Load(c.outputs.files().at(rule_file_path(group)))["groups"][0]["rules"];
    CHECK_MESSAGE(rules.size() <= 20, group << " has " << rules.size() << " rules");
    std::set<std::string> written;
    for (const YAML::Node& rule : rules) {
      for (const std::string& node : records_read(rule["expr"].as<std::string>())) {
        CHECK_MESSAGE(written.count(node), group << ": a rule reads the record of " << node << ", not written above it");
        ++joined;
      }
      if (rule["record"]) written.insert(rule["labels"]["flowchart_node"].as<std::string>());
    }
  }
  return joined;
}

const AlertRule& rule_of(const Compilation& c, const std::string& id) { return *c.alerts.rule_for_node(c.model.find_node(id)); }

// small_spec with `leaves` more causes under api_down, then a chain of `chain` causes, each under the one before.
std::string wide_spec(int leaves, int chain) {
  std::string metrics, causes;
  auto cause = [&](const std::string& id, int level) {
    std::string at(6 + 4 * level, ' ');
    metrics += ", shop_" + id;
    causes += at + "- id: " + id + "\n" + at + "  title: " + id + "?\n" + at + "  runbook: runbooks/api-down.md\n" + at +
              "  when: 'shop_" + id + " > 1'\n";
  };
  for (int i = 0; i < leaves; ++i) cause("leaf_" + std::to_string(i), 0);
  for (int i = 0; i < chain; ++i) {
    if (i > 0) causes += std::string(6 + 4 * i - 2, ' ') + "causes:\n";
    cause("link_" + std::to_string(i), i);
  }
  std::string text = replace(small_spec(), "app_metrics: [shop_request_errors_total, shop_queue_depth",
                             "app_metrics: [shop_request_errors_total, shop_queue_depth" + metrics);
  return replace(text, "      - id: restart_by_hand\n", causes + "      - id: restart_by_hand\n");
}

}  // namespace

TEST_CASE("a section of more than ten alerting nodes is split, a node whose parent went to an earlier group inline") {
  // api_down, port_taken, disk_nearly_full, leaf_0..6: ten nodes, twenty rules; link_0..2 in the next group.
  Compilation c = compile_ok(wide_spec(7, 3));
  CHECK(c.alerts.groups == std::vector<std::string>{"shop.api_down", "shop.api_down.2", "shop.queue_backlog", "shop.absence"});
  CHECK(rule_of(c, "leaf_6").group == "shop.api_down");
  CHECK(rule_of(c, "link_0").group == "shop.api_down.2");
  // link_0's parent, api_down, is in the first group: its condition is written inline.
  CHECK(rule_of(c, "link_0").expr == "(\n  shop_link_0 > 1\n)\nand on (host)\n(\n  symptree_process_up{name=\"shop-api\"} == 0\n)");
  // link_1's parent is in its own group: it joins the record, written above it.
  CHECK(rule_of(c, "link_1").expr ==
        "(\n  shop_link_1 > 1\n)\nand on (host)\nhost:flowchart_node:holds{flowchart_service=\"shop\",flowchart_node=\"link_0\"}");
  CHECK(check_groups(c) == 2 * (9 + 2 + 1));  // every other cause's record and alert read their parent's record
  // The second group's tests also load the first: a case asserts the symptom's alert fires.
  YAML::Node tests = YAML::Load(c.outputs.files().at(rule_test_file_path("shop.api_down.2")));
  REQUIRE(tests["rule_files"].size() == 2);
  CHECK(tests["rule_files"][0].as<std::string>() == "../rules/shop.api_down.2.yml");
  CHECK(tests["rule_files"][1].as<std::string>() == "../rules/shop.api_down.yml");
  YAML::Node first = YAML::Load(c.outputs.files().at(rule_test_file_path("shop.api_down")));
  CHECK(first["rule_files"].size() == 1);
}

TEST_CASE("a section of exactly ten alerting nodes stays one group of twenty rules") {
  Compilation c = compile_ok(wide_spec(7, 0));
  CHECK(c.alerts.groups == std::vector<std::string>{"shop.api_down", "shop.queue_backlog", "shop.absence"});
  CHECK(check_groups(c) == 2 * (9 + 1));
}

TEST_CASE("synthetic specs of every depth: no group over 20 rules, no rule reading another group's record") {
  for (int depth : {1, 3, 4, 8}) {
    CAPTURE(depth);
    Compilation c = compile_ok(synthetic_spec(60, depth));  // six sections of eleven alerting nodes, 66 metrics
    size_t joined = check_groups(c);
    CHECK(c.alerts.groups.size() == 6 * 2 + 4);
    CHECK(joined > 0);
    // The eleventh node of each section is alone in its group: its path is inline, whatever its depth.
    const AlertRule& last = rule_of(c, "cause_9");
    CHECK(last.group == "synth.symptom_0.2");
    CHECK(last.expr.find(":flowchart_node:holds") == std::string::npos);
    CHECK(last.expr.find("synth_symptom_0_errors > 0") != std::string::npos);
  }
}
