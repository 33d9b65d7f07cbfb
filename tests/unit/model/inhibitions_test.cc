// Tests for model/inhibitions: which alerts silence which, and the inhibit
// rules for Alertmanager that never match one alert as both source and target.
#include <doctest/doctest.h>

#include "generator/model/am_matcher.h"
#include "generator/model/inhibitions.h"
#include "generator/model/routing.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("no generated rule matches one alert as both source and target") {
  std::string spec = replace(small_spec(), "        causes:\n          - id: disk_nearly_full",
                             "        inhibits: [queue_backlog]\n        causes:\n          - id: disk_nearly_full");
  Compilation c = compile_ok(spec);
  std::vector<AmInhibitRule> rules = generated_inhibit_rules(c.model);
  REQUIRE(rules.size() == 2);
  for (const AmInhibitRule& rule : rules) {
    for (const AlertRule& alert : c.alerts.rules) {
      LabelSet labels = alert_labels(alert);
      CAPTURE(alert.name);
      CHECK_FALSE((matches_all(rule.source, labels) && matches_all(rule.target, labels)));
    }
  }
  // Absence alerts share one name and take part in no rule.
  for (const AlertRule& alert : c.alerts.rules) {
    if (alert.node >= 0) continue;
    for (const AmInhibitRule& rule : rules) {
      CHECK_FALSE(matches_all(rule.source, alert_labels(alert)));
      CHECK_FALSE(matches_all(rule.target, alert_labels(alert)));
    }
  }
}

TEST_CASE("the plan: a cause silences its alerting ancestors at least as urgent and spares the rest") {
  Compilation c = compile_ok(small_spec());
  const Model& m = c.model;
  auto index = [&](const std::string& id) {
    for (size_t i = 0; i < m.nodes.size(); ++i) {
      if (m.nodes[i].id == id) return static_cast<int>(i);
    }
    FAIL("no node " << id);
    return -1;
  };
  std::vector<Inhibition> plan = plan_inhibitions(m);
  REQUIRE(plan.size() == 3);
  CHECK(plan[0].target == index("api_down"));
  CHECK(plan[0].sources == std::vector<int>{index("port_taken")});
  CHECK(plan[0].spared == std::vector<int>{index("disk_nearly_full")});  // P2 never mutes a P0 page
  CHECK(plan[1].target == index("port_taken"));
  CHECK(plan[1].sources.empty());
  CHECK(plan[2].target == index("queue_backlog"));
  CHECK(plan[2].sources == std::vector<int>{index("errors_rising")});
  CHECK(can_inhibit(m, index("port_taken"), index("api_down")));
  CHECK(find_inhibition_cycle(m).empty());
}
