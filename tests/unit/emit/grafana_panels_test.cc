// Tests for emit/grafana_panels: the variable filters, the rows, the top row's
// panels reading the node-state records, a branch panel per condition and a
// text panel per manual step.
#include "generator/emit/grafana_panels.h"

#include <doctest/doctest.h>

#include "generator/model/grafana_ids.h"
#include "generator/model/node_state_rules.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

const std::string kFilters = "host=~\"$host\", job=~\"$job\", instance=~\"$instance\"";

}  // namespace

TEST_CASE("host filters follow join_on, the data source is the variable") {
  Model model = load_ok(small_spec());
  CHECK(host_variable_filters(model) == ", host=~\"$host\"");
  CHECK(no_host_filters(model) == ", host=\"\"");
  model.join_on = {"host", "dc"};
  CHECK(host_variable_filters(model) == ", host=~\"$host\", dc=~\"$dc\"");
  CHECK(datasource_ref() == Json{{"type", "prometheus"}, {"uid", "${datasource}"}});
  Json row = row_panel(101, "API is down", 7);
  CHECK(row["type"] == "row");
  CHECK(row["gridPos"]["y"] == 7);
  CHECK(row["gridPos"]["w"] == 24);
}

TEST_CASE("the top row reads the node-state records, filtered by the host variables") {
  Compilation c = compile_ok(small_spec());
  PanelContext context{c.model, c.alerts, kFilters, "job=~\"$job\""};
  Json now = holds_now_panel(context, {0, 1, 12, 8});
  CHECK(now["type"] == "table");
  std::string query = now["targets"][0]["expr"];
  CHECK(query.rfind(node_state_metric(c.model) + "{", 0) == 0);
  CHECK(query.find("host=~\"$host\"") != std::string::npos);
  Json over = holds_over_time_panel(context, {12, 1, 12, 8});
  CHECK(over["type"] == "state-timeline");
  CHECK(over["targets"][0]["legendFormat"] == "{{title}} {{host}}");
}

TEST_CASE("a branch panel shows the node's metric and links its runbook, a manual step is text") {
  Compilation c = compile_ok(small_spec());
  PanelContext context{c.model, c.alerts, kFilters, "job=~\"$job\""};
  Json branch = branch_panel(context, 2, {0, 10, 8, 6});
  CHECK(branch["id"] == node_panel_id(2));
  CHECK(branch["title"] == "Disk nearly full too?");
  CHECK(branch["type"] == "timeseries");
  std::string expr = branch["targets"][0]["expr"];
  CHECK(expr.find("symptree_filesystem_used_ratio") != std::string::npos);
  CHECK(expr.find("$instance") != std::string::npos);
  CHECK(branch["links"][0]["url"] == "https://runbooks.example.com/shop/runbooks/disk.md#nearly-full");
  Json manual = manual_panel(context, 3, {8, 10, 8, 6});
  CHECK(manual["type"] == "text");
  CHECK(manual["options"]["content"].get<std::string>().find("**Manual step:** An operator decision") == 0);
  CHECK(manual["id"] == node_panel_id(3));
}
