// Tests for emit/grafana_dashboard: the `grafana:` settings, layout and ids,
// and the dashboard_url annotation (the lints: check/dashboard_lint_test).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "generator/model/grafana_ids.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;
using Json = nlohmann::json;

namespace {

Json dashboard_of(const Compilation& c) { return Json::parse(c.outputs.files().at(dashboard_path(c.model))); }

std::string with_grafana(const std::string& settings) {
  return replace(small_spec(), "priorities:", "grafana: " + settings + "\npriorities:");
}

const std::string* annotation(const AlertRule& rule, const std::string& name) {
  for (const auto& [key, value] : rule.annotations) {
    if (key == name) return &value;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("without a Grafana URL there is a dashboard but no dashboard_url") {
  Diagnostics d;
  std::optional<Compilation> c = compile(small_spec(), d);
  REQUIRE_MESSAGE(c, d.format());
  Json dashboard = dashboard_of(*c);
  CHECK(dashboard["uid"] == "shop-flowchart");
  CHECK(dashboard["editable"] == false);
  for (const AlertRule& rule : c->alerts.rules) CHECK(annotation(rule, "dashboard_url") == nullptr);
}

TEST_CASE("a Grafana URL gives each flowchart alert a dashboard_url to its panel") {
  Diagnostics d;
  std::optional<Compilation> c = compile(with_grafana("{url: \"https://g.example.com/\", uid: shop-incident}"), d);
  REQUIRE_MESSAGE(c, d.format());
  int port_taken = c->model.find_node("port_taken");
  const std::string* url = annotation(*c->alerts.rule_for_node(port_taken), "dashboard_url");
  REQUIRE(url);
  CHECK(*url == "https://g.example.com/d/shop-incident?viewPanel=" + std::to_string(node_panel_id(port_taken)) +
                    "&var-host={{ $labels.host }}&var-instance={{ $labels.instance }}");
  // An aggregated condition keeps no instance label: the link filters by host only.
  const std::string* errors = annotation(*c->alerts.rule_for_node(c->model.find_node("errors_rising")), "dashboard_url");
  REQUIRE(errors);
  CHECK(errors->find("var-instance") == std::string::npos);
  for (const AlertRule& rule : c->alerts.rules) CHECK((annotation(rule, "dashboard_url") != nullptr) == (rule.node >= 0));
}

TEST_CASE("grafana settings are checked with positions") {
  Diagnostics d;
  CHECK_FALSE(compile(with_grafana("{url: ftp://x, uid: \"not a uid\", org: 1}"), d));
  std::string errors = d.format();
  CHECK(errors.find("'url' must be an http:// or https:// URL") != std::string::npos);
  CHECK(errors.find("dashboard uid 'not a uid' must be 1 to 40") != std::string::npos);
  CHECK(errors.find("org") != std::string::npos);
  CHECK(errors.find("spec.yaml:5:") != std::string::npos);
}

TEST_CASE("panels follow the flowchart: a row per symptom, a panel per branch, manual steps as text") {
  Diagnostics d;
  std::optional<Compilation> c = compile(small_spec(), d);
  REQUIRE_MESSAGE(c, d.format());
  std::string layout;
  Json dashboard = dashboard_of(*c);
  for (const Json& panel : dashboard["panels"]) {
    layout += panel["type"].get<std::string>() + ":" + panel["title"].get<std::string>() + "\n";
  }
  CHECK(layout ==
        "row:Where are we in the flowchart\ntable:Holds now\nstate-timeline:Over the last hours\nrow:1. API is down\n"
        "timeseries:API is down\ntimeseries:Port taken?\ntimeseries:Disk nearly full too?\ntext:Restart by hand?\n"
        "row:2. Queue backlog\ntimeseries:Queue backlog\ntimeseries:Errors rising?\n");
}
