// Tests for emit/flowchart_text: how the human-facing outputs word a node
// (enforcement, badge, priority, receiver, runbook), its diagram id and
// colour, and which diagnostics it shows.
#include "generator/emit/flowchart_text.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("what enforces a node and its badge: alert, manual step, group") {
  std::string grouped = replace(small_spec(), "    when: 'shop_queue_depth > 1000'\n", "");  // queue_backlog groups its cause
  Compilation c = compile_ok(grouped);
  CHECK(enforcement_text(c.model, c.alerts, 0) == "alert `ShopApiDown`");
  CHECK(badge_text(c.model, c.alerts, 0) == "P0 · ShopApiDown");
  CHECK(enforcement_text(c.model, c.alerts, 3) == "manual: An operator decision");
  CHECK(badge_text(c.model, c.alerts, 3) == "manual");
  CHECK(enforcement_text(c.model, c.alerts, 4) == "no alert of its own (groups its causes)");
  CHECK(badge_text(c.model, c.alerts, 4) == "P2 · no alert of its own");
}

TEST_CASE("priority, receiver and runbook in words") {
  Model model = load_ok(small_spec());
  CHECK(priority_text(model.priorities[0]) == "P0, respond within 15m");
  Priority labelled = model.priorities[0];
  labelled.label = "Critical";
  CHECK(priority_text(labelled) == "P0 Critical, respond within 15m");
  CHECK(receiver_text(model, 0) == "pager (pagerduty)");
  CHECK(receiver_text(model, 2) == "tickets (webhook)");  // its own P2, not its ancestors' P0
  REQUIRE(model.nodes[1].runbook);
  CHECK(runbook_text(*model.nodes[1].runbook) == "api-down.md, section Port Taken");
  CHECK(runbook_text(*model.nodes[2].runbook) == "disk.md#nearly-full");
  CHECK(runbook_text(*model.nodes[0].runbook) == "api-down.md");
  CHECK(runbook_url(model, 2) == "https://runbooks.example.com/shop/runbooks/disk.md#nearly-full");
}

TEST_CASE("diagram ids cannot be a keyword, colours by priority, grey past the fourth") {
  Model model = load_ok(small_spec());
  CHECK(diagram_id(model.nodes[0]) == "n_api_down");
  CHECK(priority_colour(0) == "#f4b6b6");
  CHECK(priority_colour(3) == "#cfe2f3");
  CHECK(priority_colour(4) == "#e6e6e6");
  CHECK(priority_colour(-1) == "#e6e6e6");
}

TEST_CASE("a node's diagnostics: its own, then its ancestors', each command once") {
  std::string spec = replace(small_spec(), "        section: Port Taken\n",
                             "        section: Port Taken\n        diagnostics: [{run: \"lsof -i :8080\"}, "
                             "{run: \"ss -ltnp | grep 8080\"}]\n");
  Model model = load_ok(spec);
  std::vector<const DiagnosticCommand*> commands = diagnostics_for(model, 2);  // disk_nearly_full, under port_taken
  REQUIRE(commands.size() == 2);
  CHECK(commands[0]->run == "lsof -i :8080");
  CHECK(commands[1]->run == "ss -ltnp | grep 8080");  // listed by both; once, from the nearer node
  std::vector<NodeDiagnostic> section = section_diagnostics(model, 0);
  REQUIRE(section.size() == 2);
  CHECK(section[0].node == 0);
  CHECK(section[1].node == 1);
  CHECK(subtree_size(model, 0) == 4);
  CHECK(subtree_size(model, 4) == 2);
}
