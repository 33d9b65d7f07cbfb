// Tests for reader/node_reader, the flowchart itself: the tree read in
// pre-order with what each node inherits, and each mistake in a node an error
// at the place it is written (expect_error, as ninja's AssertParse).
#include <doctest/doctest.h>

#include "generator/reader/node_reader.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec with the manual leaf's `manual:` line replaced by `lines`.
std::string with_manual_leaf(const std::string& lines) {
  return replace(small_spec(), "manual: An operator decision", lines);
}

// A spec whose one symptom has a chain of `levels` causes below it.
std::string chain_spec(int levels) {
  std::string text = small_spec().substr(0, small_spec().find("symptoms:")) + "symptoms:\n";
  std::string indent = "  ";
  for (int level = 0; level <= levels; ++level) {
    std::string id = "level_" + std::to_string(level);
    text += indent + "- id: " + id + "\n" + indent + "  title: Level " + std::to_string(level) + "\n" + indent +
            "  priority: P2\n" + indent + "  when: 'shop_queue_depth > " + std::to_string(level) + "'\n" + indent +
            "  runbook: runbooks/queue.md\n";
    if (level < levels) text += indent + "  causes:\n";
    indent += "    ";
  }
  return text;
}

}  // namespace

TEST_CASE("what a node inherits and what it defaults to") {
  Model model = load_ok(replace(small_spec(), "title: Queue backlog\n",
                                "title: Queue backlog\n    description: Jobs wait longer than usual\n    alert: ShopQueueBacklogged\n"));
  const Node& api_down = model.nodes[0];
  CHECK(api_down.description == api_down.title);  // no description: the title
  CHECK(api_down.scope == NodeScope::Host);
  CHECK(api_down.depth == 0);
  CHECK(api_down.root == 0);
  const Node& disk = model.nodes[2];
  CHECK(disk.id == "disk_nearly_full");
  CHECK(disk.depth == 2);
  CHECK(disk.root == 0);
  CHECK(disk.parent == 1);
  const Node& queue = model.nodes[4];
  CHECK(queue.description == "Jobs wait longer than usual");
  CHECK(queue.alert_name == "ShopQueueBacklogged");  // `alert:` overrides prefix + CamelCase id
  CHECK(model.nodes[5].alert_name == "ShopErrorsRising");
  CHECK(model.roots == std::vector<int>{0, 4});
  CHECK(model.nodes[1].diagnostics.empty());
  REQUIRE(api_down.diagnostics.size() == 1);
  CHECK(api_down.diagnostics[0].why == "Who holds the port");
}

TEST_CASE("ids: snake_case and each once") {
  expect_error(replace(small_spec(), "id: queue_backlog", "id: QueueBacklog"), "QueueBacklog",
               "id 'QueueBacklog' must match [a-z][a-z0-9_]*");
  std::string twice = replace(small_spec(), "id: errors_rising", "id: port_taken");
  expect_error(twice, "port_taken\n        title: Errors rising?", "duplicate id 'port_taken'", "first defined at spec.yaml:");
}

TEST_CASE("a node is an alert, a group or a manual leaf, never two of them") {
  expect_error(with_manual_leaf("manual: An operator decision\n        when: 'shop_queue_depth > 5'"),
               "An operator decision", "a node with 'when' is enforced by an alert; remove 'manual'");
  expect_error(with_manual_leaf("title2: x"), "title2", "title2");  // an unknown key is named
  std::string no_kind = replace(with_manual_leaf(""), "\n        \n", "\n");
  expect_error(no_kind, "id: restart_by_hand", "'restart_by_hand' has no 'when' and no causes", "manual:");
  expect_error(with_manual_leaf("manual: An operator decision\n        for: 7m"), "7m",
               "'for' needs 'when': only a node with a condition waits before firing");
  expect_error(with_manual_leaf("manual: An operator decision\n        alert: ShopRestart"), "ShopRestart",
               "'alert' names an alert, but this node has no 'when'");
}

TEST_CASE("priority, runbook and section mistakes point at the value") {
  expect_error(replace(small_spec(), "priority: P0", "priority: P1"), "P1", "unknown priority 'P1'");
  expect_error(replace(small_spec(), "runbook: runbooks/api-down.md\n        section: Port Taken",
                       "runbook: runbooks/api-down.md#port\n        section: Port Taken"),
               "Port Taken", "give the section once");
  expect_error(replace(small_spec(), "    runbook: runbooks/queue.md\n", ""), "id: queue_backlog",
               "'queue_backlog' has no runbook");
}

TEST_CASE("alert names: CamelCase, at most 40 characters, each once") {
  std::string long_id = "errors_rising_way_too_long_for_any_style_guide";
  expect_error(replace(small_spec(), "id: errors_rising", "id: " + long_id), long_id,
               "alert name 'ShopErrorsRisingWayTooLongForAnyStyleGuide' is 42 characters; the limit is 40");
  expect_error(replace(small_spec(), "title: Errors rising?\n", "title: Errors rising?\n        alert: ShopApiDown\n"),
               "ShopApiDown\n", "alert name 'ShopApiDown' is used twice");
  expect_error(replace(small_spec(), "title: Errors rising?\n", "title: Errors rising?\n        alert: shop_errors\n"),
               "shop_errors\n", "must be CamelCase");
}

TEST_CASE("empty lists, examples without a condition, a tree too deep") {
  expect_error(with_manual_leaf("manual: An operator decision\n        causes: []"), "[]", "'causes' is empty");
  expect_error(with_manual_leaf("manual: An operator decision\n        examples: {firing: [{series: 'x', values: '1'}]}"),
               "{firing", "'examples' needs 'when'");
  CHECK(first_error(chain_spec(kMaxTreeDepth - 1)) == "");
  CHECK(first_error(chain_spec(kMaxTreeDepth)) == "the flowchart is nested deeper than 16 levels");
}
