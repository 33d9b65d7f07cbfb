// Tests for pipeline/side_outputs: the files its tasks render are
// exactly what the emitters render from the same model and plans, the test
// file is not among them, and the dashboard's lint errors come back as
// diagnostics.
#include "generator/pipeline/side_outputs.h"

#include <doctest/doctest.h>

#include "common/parallel_tasks.h"
#include "generator/emit/alertmanager_emitter.h"
#include "generator/emit/rules_emitter.h"
#include "generator/model/grafana_ids.h"
#include "generator/model/routing.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the side outputs are the emitters' files, without the tests") {
  Model model = load_ok(small_spec());
  AlertPlan alerts = plan_alerts(model);
  AmRoute routes = build_route_tree(model);
  SideOutputsJob job(model, alerts, routes);
  OutputSet outputs;
  Diagnostics d;
  job.finish(outputs, d);
  CHECK_MESSAGE(!d.has_errors(), d.format());
  const auto& files = outputs.files();
  size_t rule_files = 0;
  render_rule_files(model, alerts, [&](const std::string& path, const std::string& content) {
    CHECK(files.at(path) == content);
    ++rule_files;
  });
  CHECK(rule_files == alerts.groups.size());
  CHECK(files.at(kAlertmanagerConfigPath) == render_alertmanager_config(model, routes));
  CHECK(files.at(kRouteTestsPath) == render_route_tests(model, alerts, routes));
  CHECK(files.count(dashboard_path(model)) == 1);
  CHECK(files.count("docs/flowchart.md") == 1);
  for (const auto& [path, content] : files) CHECK(path.rfind(kRuleTestsDir, 0) != 0);  // planned on the main thread
  CHECK(files.count(kManifestName) == 0);   // written last, over everything
}

TEST_CASE("a dashboard lint error is reported through finish()") {
  std::string spec = replace(small_spec(), "when: 'shop_queue_depth > 1000'", "when: 'vector(1) > 0'");
  Model model = load_ok(spec);
  AlertPlan alerts = plan_alerts(model);
  AmRoute routes = build_route_tree(model);
  SideOutputsJob job(model, alerts, routes);
  OutputSet outputs;
  Diagnostics d;
  job.finish(outputs, d);
  REQUIRE(d.has_errors());
  CHECK(d.format().find("does not use the $job and $instance variables") != std::string::npos);
  CHECK(d.errors().front().where.line > 0);  // at the node's place in the spec
}

TEST_CASE("the side outputs are the same rendered by tasks on three threads as by finish() alone") {
  Model model = load_ok(small_spec());
  AlertPlan alerts = plan_alerts(model);
  AmRoute routes = build_route_tree(model);
  SideOutputsJob alone(model, alerts, routes), shared(model, alerts, routes);
  run_parallel_tasks(shared.tasks(), 3);
  OutputSet by_finish, by_tasks;
  Diagnostics d;
  alone.finish(by_finish, d);
  shared.finish(by_tasks, d);
  CHECK_MESSAGE(!d.has_errors(), d.format());
  CHECK(by_tasks.files() == by_finish.files());
  CHECK(by_tasks.files().size() > 4);
}
