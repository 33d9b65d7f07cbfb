// The dashboard and the alerts agree: read back from the generated files (the
// rules as YAML, the dashboard as JSON), every alert's dashboard_url opens a
// panel showing exactly the thresholds of the alert's own condition as written
// in the rule, and every runbook link shown equals the alert's runbook_url.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "generator/model/grafana_ids.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;
using Json = nlohmann::json;

namespace {

// The generated rules and dashboard of the default spec.
struct Generated {
  YAML::Node rules;
  Json dashboard;
};

Generated compile_default_spec() {
  Diagnostics d;
  CheckOptions options;
  options.use_promtool = false;
  options.use_dot = false;
  std::optional<Compilation> c =
      compile_spec(std::string(SYMPTREE_SOURCE_DIR) + "/flowchart-spec/stemedb.yaml", options, d);
  REQUIRE_MESSAGE(c, d.format());
  return {all_rule_groups(*c),
          Json::parse(c->outputs.files().at(dashboard_path(c->model)))};
}

// The alert's own condition: the whole expression of a symptom's alert, the
// first parenthesised block of a cause's ("(\n  own\n)\nand on (host) ...").
std::string own_condition(const std::string& expr) {
  if (expr.rfind("(\n", 0) != 0) return expr;
  return expr.substr(2, expr.find("\n)\nand on") - 2);
}

// Numbers the condition compares with, as written: `> 0.95`, `== bool 0`.
std::vector<std::string> thresholds_in_rule(const std::string& condition) {
  static const std::regex comparison(R"((==|!=|>=|<=|>|<)\s*(?:bool\s+)?(-?[0-9][0-9.eE+_]*)(?![0-9A-Za-z_(]))");
  std::vector<std::string> found;
  for (std::sregex_iterator it(condition.begin(), condition.end(), comparison), end; it != end; ++it) {
    found.push_back((*it)[2]);
  }
  std::sort(found.begin(), found.end());
  return found;
}

void add_steps(const Json& thresholds, std::vector<std::string>& out) {
  for (const Json& step : thresholds.value("steps", Json::array())) {
    if (!step["value"].is_null()) out.push_back(step["value"].dump());
  }
}

// Threshold values the panel draws, in its defaults and its per-query overrides.
std::vector<std::string> thresholds_in_panel(const Json& panel) {
  std::vector<std::string> found;
  add_steps(panel["fieldConfig"]["defaults"].value("thresholds", Json::object()), found);
  for (const Json& override_entry : panel["fieldConfig"]["overrides"]) {
    for (const Json& property : override_entry["properties"]) {
      if (property["id"] == "thresholds") add_steps(property["value"], found);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

const Json* panel_with_id(const Json& dashboard, int id) {
  for (const Json& panel : dashboard["panels"]) {
    if (panel["id"] == id) return &panel;
  }
  return nullptr;
}

int view_panel(const std::string& url) {
  std::smatch match;
  REQUIRE(std::regex_search(url, match, std::regex(R"(viewPanel=(\d+))")));
  return std::stoi(match[1]);
}

}  // namespace

TEST_CASE("every alert's panel draws its thresholds exactly and links its runbook") {
  Generated generated = compile_default_spec();
  int alerts = 0;
  for (const YAML::Node& group : generated.rules["groups"]) {
    for (const YAML::Node& rule : group["rules"]) {
      if (!rule["alert"] || !rule["labels"]["flowchart_node"]) continue;
      std::string name = rule["alert"].as<std::string>();
      CAPTURE(name);
      YAML::Node annotations = rule["annotations"];
      REQUIRE(annotations["dashboard_url"]);
      const Json* panel = panel_with_id(generated.dashboard, view_panel(annotations["dashboard_url"].as<std::string>()));
      REQUIRE(panel);
      CHECK((*panel)["description"].get<std::string>().find("`" + name + "`") != std::string::npos);
      CHECK(thresholds_in_panel(*panel) == thresholds_in_rule(own_condition(rule["expr"].as<std::string>())));
      REQUIRE((*panel)["links"].size() == 1);
      CHECK((*panel)["links"][0]["url"] == annotations["runbook_url"].as<std::string>());
      ++alerts;
    }
  }
  CHECK(alerts == 22);
}

TEST_CASE("the top row's links are the alerts' runbook_url: each node's record carries it") {
  Generated generated = compile_default_spec();
  std::map<std::string, std::string> alert_runbook, record_runbook;
  for (const YAML::Node& group : generated.rules["groups"]) {
    for (const YAML::Node& rule : group["rules"]) {
      if (!rule["labels"]["flowchart_node"]) continue;
      std::string node = rule["labels"]["flowchart_node"].as<std::string>();
      if (rule["alert"]) alert_runbook[node] = rule["annotations"]["runbook_url"].as<std::string>();
      if (rule["record"]) record_runbook[node] = rule["labels"]["runbook_url"].as<std::string>();
    }
  }
  CHECK(record_runbook.size() == 22);
  CHECK(record_runbook == alert_runbook);
  std::string links = generated.dashboard["panels"][1]["fieldConfig"].dump();
  CHECK(links.find("${__data.fields.runbook_url}") != std::string::npos);
  CHECK(generated.dashboard["panels"][2]["fieldConfig"].dump().find("${__field.labels.runbook_url}") != std::string::npos);
}

TEST_CASE("thresholds print exactly as the spec writes them") {
  Generated generated = compile_default_spec();
  std::vector<std::string> all;
  for (const Json& panel : generated.dashboard["panels"]) {
    if (panel["type"] == "timeseries") {
      for (const std::string& value : thresholds_in_panel(panel)) all.push_back(value);
    }
  }
  for (const char* written : {"0.95", "0.98", "0.9", "0.1", "104857600", "1048576", "93600", "100", "5", "2"}) {
    CHECK_MESSAGE(std::count(all.begin(), all.end(), written) >= 1, written);
  }
}
