// Tests for model/routing: timing from the response time, the routing tree
// built from the priorities and the merge file, and its evaluation.
#include <doctest/doctest.h>

#include "common/duration.h"
#include "generator/model/am_matcher.h"
#include "generator/model/routing.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("timing derives from the response time and re-pages before it passes") {
  for (const char* text : {"15m", "1h", "4h", "24h", "1m", "30s", "7d"}) {
    CAPTURE(text);
    Duration response = *parse_duration(text);
    RouteTiming t = timing_for_response(response);
    CHECK(t.group_wait.ms > 0);
    CHECK(t.group_wait.ms < response.ms);
    CHECK(t.repeat_interval.ms % t.group_interval.ms == 0);  // repeats land on a group_interval tick
    CHECK(worst_repeat(t).ms < response.ms);
  }
  RouteTiming p0 = timing_for_response(*parse_duration("15m"));
  CHECK(p0.group_wait.text == "30s");
  CHECK(p0.group_interval.text == "2m30s");
  CHECK(p0.repeat_interval.text == "7m30s");
  CHECK(timing_for_response(*parse_duration("24h")).group_wait.text == "5m");
}

TEST_CASE("route evaluation follows continue and falls back to the parent") {
  AmRoute root;
  root.receiver = "default";
  AmRoute first;
  first.matchers = {label_equals("team", "db")};
  first.receiver = "db";
  first.continue_matching = true;
  AmRoute second;
  second.matchers = {label_equals("severity", "critical")};
  second.receiver = "pager";
  root.routes = {first, second};
  CHECK(route_receivers(root, {{"team", "db"}, {"severity", "critical"}}) == std::vector<std::string>{"db", "pager"});
  CHECK(route_receivers(root, {{"team", "db"}}) == std::vector<std::string>{"db"});
  CHECK(route_receivers(root, {}) == std::vector<std::string>{"default"});
}

TEST_CASE("the tree: default receiver, the merge file's routes first, then one route per priority under the service") {
  Model model = load_ok(small_spec());
  AmRoute root = build_route_tree(model);
  CHECK(root.receiver == "tickets");  // the least urgent priority's receiver when no default is set
  CHECK(root.group_by == std::vector<std::string>{"alertname", "host"});
  REQUIRE(root.routes.size() == 1);
  const AmRoute& service = root.routes[0];
  REQUIRE(service.matchers.size() == 1);
  CHECK(format_matcher(service.matchers[0]) == "flowchart_service=\"shop\"");
  REQUIRE(service.routes.size() == 2);
  CHECK(service.routes[0].receiver == "pager");
  CHECK(service.routes[0].comment == "P0: respond within 15m; a firing alert is notified again within 10m");
  REQUIRE(service.routes[1].group_interval);
  CHECK(service.routes[1].group_interval->text == "40m");  // 4h / 6

  AmRoute hand;
  hand.matchers = {label_equals("team", "db")};
  hand.receiver = "pager";
  model.alertmanager.merged_routes = {hand};
  model.alertmanager.merge_file = "am/extra.yml";
  model.alertmanager.default_receiver = "pager";
  root = build_route_tree(model);
  CHECK(root.receiver == "pager");
  REQUIRE(root.routes.size() == 2);
  CHECK(root.routes[0].comment == "from am/extra.yml");
  CHECK(route_receivers(root, {{"team", "db"}, {"flowchart_service", "shop"}, {"priority", "P2"}}) ==
        std::vector<std::string>{"pager"});  // the hand-written route wins; it does not continue
}

TEST_CASE("each alert reaches its priority's receiver, an alert of another service the default") {
  Compilation c = compile_ok(small_spec());
  for (const AlertRule& rule : c.alerts.rules) {
    CAPTURE(rule.name);
    std::vector<std::string> receivers = route_receivers(c.routes, alert_labels(rule));
    REQUIRE(receivers.size() == 1);
    if (rule.node >= 0) CHECK(receivers[0] == c.model.priorities[static_cast<size_t>(rule.priority)].receiver);
    CHECK(alert_labels(rule).at("alertname") == rule.name);
  }
  CHECK(route_receivers(c.routes, {{"flowchart_service", "other"}, {"priority", "P0"}}) == std::vector<std::string>{"tickets"});
}

TEST_CASE("a route's timing is its own, else its parent's, else Alertmanager's defaults") {
  Model model = load_ok(small_spec());
  AmRoute hand;  // a hand-written route with no timing of its own, that lets the alert go on
  hand.matchers = {label_equals("team", "db")};
  hand.receiver = "dba";
  hand.continue_matching = true;
  model.alertmanager.merged_routes = {hand};
  AmRoute root = build_route_tree(model);
  std::vector<RouteMatch> matches =
      route_matches(root, {{"team", "db"}, {"flowchart_service", "shop"}, {"priority", "P0"}});
  REQUIRE(matches.size() == 2);
  CHECK(matches[0].receiver == "dba");
  CHECK(matches[0].timing.group_wait.text == "30s");  // Alertmanager's defaults: the root sets none
  CHECK(matches[0].timing.group_interval.text == "5m");
  CHECK(matches[0].timing.repeat_interval.text == "4h");
  RouteTiming p0 = timing_for_response(model.priorities[0].response);
  CHECK(matches[1].receiver == "pager");
  CHECK(matches[1].timing.group_wait == p0.group_wait);
  CHECK(matches[1].timing.repeat_interval == p0.repeat_interval);

  hand.repeat_interval = duration_from_ms(3600 * 1000);  // its own repeat, the default wait
  model.alertmanager.merged_routes = {hand};
  root = build_route_tree(model);
  matches = route_matches(root, {{"team", "db"}, {"flowchart_service", "shop"}, {"priority", "P0"}});
  CHECK(matches[0].timing.repeat_interval.text == "1h");
  CHECK(matches[0].timing.group_wait.text == "30s");
}
