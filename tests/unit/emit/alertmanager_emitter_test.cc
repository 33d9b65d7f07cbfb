// Tests for emit/alertmanager_emitter: alertmanager.yml (the routing tree,
// inhibit rules, receivers with their settings typed) and routes.test.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "generator/emit/alertmanager_emitter.h"
#include "generator/model/inhibitions.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

YAML::Node config_of(const Compilation& c) { return YAML::Load(c.outputs.files().at(kAlertmanagerConfigPath)); }

std::vector<std::string> strings(const YAML::Node& list) {
  std::vector<std::string> out;
  for (const YAML::Node& item : list) out.push_back(item.as<std::string>());
  return out;
}

}  // namespace

TEST_CASE("one route per priority under the service's route, in current matcher syntax") {
  Compilation c = compile_ok(small_spec());
  YAML::Node route = config_of(c)["route"];
  CHECK(route["receiver"].as<std::string>() == "tickets");  // the least urgent priority's
  CHECK(strings(route["group_by"]) == std::vector<std::string>{"alertname", "host"});
  REQUIRE(route["routes"].size() == 1);
  YAML::Node service = route["routes"][0];
  CHECK(strings(service["matchers"]) == std::vector<std::string>{"flowchart_service=\"shop\""});
  REQUIRE(service["routes"].size() == 2);
  YAML::Node p0 = service["routes"][0];
  CHECK(strings(p0["matchers"]) == std::vector<std::string>{"priority=\"P0\""});
  CHECK(p0["receiver"].as<std::string>() == "pager");
  CHECK(p0["group_wait"].as<std::string>() == "30s");
  CHECK(p0["repeat_interval"].as<std::string>() == "7m30s");
  CHECK(service["routes"][1]["receiver"].as<std::string>() == "tickets");
  const std::string& text = c.outputs.files().at(kAlertmanagerConfigPath);
  for (const char* deprecated : {"match:", "match_re:", "source_match:", "target_match:"}) {
    CHECK(text.find(deprecated) == std::string::npos);
  }
}

TEST_CASE("a cause silences each ancestor on the join labels, never a less urgent one's page") {
  Compilation c = compile_ok(small_spec());
  YAML::Node rules = config_of(c)["inhibit_rules"];
  // api_down <- port_taken (P0); disk_nearly_full (P2) spares both P0 ancestors.
  // queue_backlog <- errors_rising (both P2).
  REQUIRE(rules.size() == 2);
  CHECK(strings(rules[0]["source_matchers"]) == std::vector<std::string>{"flowchart_service=\"shop\"", "flowchart_node=\"port_taken\""});
  CHECK(strings(rules[0]["target_matchers"]) == std::vector<std::string>{"flowchart_service=\"shop\"", "flowchart_node=\"api_down\""});
  CHECK(strings(rules[0]["equal"]) == std::vector<std::string>{"host"});
  CHECK(strings(rules[1]["target_matchers"])[1] == "flowchart_node=\"queue_backlog\"");
  std::vector<Inhibition> plan = plan_inhibitions(c.model);
  REQUIRE(plan.size() == 3);
  CHECK(plan[0].spared == std::vector<int>{2});
}

TEST_CASE("`inhibits:` adds a rule on the join labels") {
  std::string spec = replace(small_spec(), "        causes:\n          - id: disk_nearly_full",
                             "        inhibits: [queue_backlog]\n        causes:\n          - id: disk_nearly_full");
  Compilation c = compile_ok(spec);
  YAML::Node rules = config_of(c)["inhibit_rules"];
  REQUIRE(rules.size() == 2);
  CHECK(strings(rules[1]["source_matchers"])[1] == "flowchart_node=~\"port_taken|errors_rising\"");
  CHECK(strings(rules[1]["target_matchers"])[1] == "flowchart_node=\"queue_backlog\"");
}

TEST_CASE("receivers are written with their settings typed and nested") {
  std::string spec = replace(small_spec(), "tickets: {webhook: {url: \"http://127.0.0.1:9095/\"}}",
                             "tickets: {webhook: {url: \"http://127.0.0.1:9095/\", send_resolved: false, max_alerts: 5,"
                             " http_config: {basic_auth: {username: am, password_file: /etc/am/pw}}}}");
  Compilation c = compile_ok(spec);
  YAML::Node receivers = config_of(c)["receivers"];
  REQUIRE(receivers.size() == 2);
  CHECK(receivers[0]["pagerduty_configs"][0]["routing_key_file"].as<std::string>() == "/etc/am/pd");
  YAML::Node webhook = receivers[1]["webhook_configs"][0];
  CHECK(webhook["url"].as<std::string>() == "http://127.0.0.1:9095/");
  CHECK(webhook["send_resolved"].Tag() == "?");  // a plain boolean, not the string "false"
  CHECK(webhook["send_resolved"].as<bool>() == false);
  CHECK(webhook["max_alerts"].as<int>() == 5);
  CHECK(webhook["http_config"]["basic_auth"]["password_file"].as<std::string>() == "/etc/am/pw");
}

TEST_CASE("routes.test lists every alert with its labels and receiver") {
  Compilation c = compile_ok(small_spec());
  std::istringstream in(c.outputs.files().at(kRouteTestsPath));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  REQUIRE(lines.size() == c.alerts.rules.size());
  CHECK(lines[0] == "pager alertname=ShopApiDown severity=critical priority=P0 flowchart_service=shop flowchart_symptom=api_down flowchart_node=api_down");
  CHECK(lines[2].rfind("tickets alertname=ShopDiskNearlyFull ", 0) == 0);
  CHECK(lines.back().find("alertname=ShopMetricAbsent") != std::string::npos);
  CHECK(lines.back().find(" metric=") != std::string::npos);
}
