// Tests for check/dashboard_lint: what every panel and the dashboard need,
// each problem reported at the panel's node in the spec.
#include "generator/check/dashboard_lint.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the lints report a panel without unit or variables at its node") {
  Diagnostics d;
  std::optional<Compilation> c = compile(small_spec(), d);
  REQUIRE(c);
  Diagnostics lint;
  DashboardInspector inspector = dashboard_lint(c->model, lint);
  int node = c->model.find_node("port_taken");
  nlohmann::ordered_json panel = {{"id", 7}, {"type", "timeseries"}, {"title", "x"}, {"description", "y"},
                                  {"fieldConfig", {{"defaults", nlohmann::ordered_json::object()}}},
                                  {"targets", {{{"expr", "up"}, {"datasource", {{"uid", "${datasource}"}}}}}}};
  inspector.panel(panel, node);
  inspector.panel(panel, node);
  std::string errors = lint.format();
  CHECK(errors.find("has no unit") != std::string::npos);
  CHECK(errors.find("does not use the $job and $instance variables") != std::string::npos);
  CHECK(errors.find("reuses an id") != std::string::npos);
  CHECK(errors.find(c->model.nodes[node].where.to_string()) != std::string::npos);
}

TEST_CASE("a condition that reads no metric fails the lint") {
  Diagnostics d;
  std::string spec = replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'label_replace(vector(1), \"host\", \"a\", \"\", \"\") > 0'");
  spec = replace(spec, "runbook: runbooks/queue.md\n", "runbook: runbooks/queue.md\n    examples: {firing: [{series: 'shop_queue_depth', values: '1+0x20'}], quiet: [{series: 'shop_queue_depth', values: '1+0x20'}]}\n");
  CHECK_FALSE(compile(spec, d));
  CHECK(d.format().find("does not use the $job and $instance variables") != std::string::npos);
}

TEST_CASE("the dashboard needs a short uid, no editing and the three variables") {
  Model model = load_ok(small_spec());
  Diagnostics lint;
  DashboardInspector inspector = dashboard_lint(model, lint);
  nlohmann::ordered_json dashboard = {{"uid", std::string(41, 'u')},
                                      {"editable", true},
                                      {"templating", {{"list", {{{"name", "datasource"}}, {{"name", "job"}}}}}}};
  inspector.dashboard(dashboard);
  std::string errors = lint.format();
  CHECK(errors.find("the dashboard's uid '" + std::string(41, 'u') + "' must be 1 to 40 characters") != std::string::npos);
  CHECK(errors.find("the dashboard must not be editable") != std::string::npos);
  CHECK(errors.find("the dashboard lacks the template variable 'instance'") != std::string::npos);
  CHECK(errors.find("lacks the template variable 'job'") == std::string::npos);
  Diagnostics clean;
  DashboardInspector good = dashboard_lint(model, clean);
  good.dashboard({{"uid", "shop-flowchart"},
                  {"editable", false},
                  {"templating", {{"list", {{{"name", "datasource"}}, {{"name", "job"}}, {{"name", "instance"}}}}}}});
  CHECK(clean.format() == "");
}

TEST_CASE("a panel with a link without URL, no title or no query, a row needs none of it") {
  Model model = load_ok(small_spec());
  Diagnostics lint;
  DashboardInspector inspector = dashboard_lint(model, lint);
  inspector.panel({{"id", 1}, {"type", "row"}, {"title", ""}}, -1);
  CHECK(lint.format() == "");
  inspector.panel({{"id", 2}, {"type", "timeseries"}, {"title", ""}, {"description", "d"},
                   {"links", {{{"title", "Runbook"}}}},
                   {"fieldConfig", {{"defaults", {{"unit", "short"}}}}}},
                  0);
  std::string errors = lint.format();
  CHECK(errors.find("has no title") != std::string::npos);
  CHECK(errors.find("has a link without a URL") != std::string::npos);
  CHECK(errors.find("has no query") != std::string::npos);
  CHECK(errors.find("has no unit") == std::string::npos);
}
