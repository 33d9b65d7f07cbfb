// Tests for reader/alertmanager_reader: the `alertmanager:` section (version,
// default receiver) and the nodes' `inhibits:`, each error at file:line:column.
#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the alertmanager section: version, default receiver") {
  expect_error(small_spec() + "alertmanager: {version: \"0.24\"}\n", "\"0.24\"", "0.25 and newer");
  expect_error(small_spec() + "alertmanager: {version: latest}\n", "latest", "release such as");
  expect_error(small_spec() + "alertmanager: {default_receiver: pagr}\n", "pagr", "unknown receiver", "pager");
  expect_error(small_spec() + "alertmanager: {versoin: \"0.25\"}\n", "versoin", "versoin");
  Diagnostics d;
  std::optional<Model> model = load(small_spec() + "alertmanager: {version: v0.27.0, default_receiver: pager}\n", d);
  REQUIRE_MESSAGE(model, d.format());
  CHECK(model->alertmanager.version.text() == "0.27");
  CHECK(model->alertmanager.default_receiver == "pager");
}

TEST_CASE("`inhibits:` names alerting nodes, never itself, never a cycle") {
  const std::string anchor = "    runbook: runbooks/queue.md\n";
  expect_error(replace(small_spec(), anchor, anchor + "    inhibits: [api_dwn]\n"), "api_dwn", "no node has id 'api_dwn'",
               "api_down");
  expect_error(replace(small_spec(), anchor, anchor + "    inhibits: [queue_backlog]\n"), "queue_backlog]",
               "cannot inhibit itself");
  expect_error(replace(small_spec(), anchor, anchor + "    inhibits: [restart_by_hand]\n"), "restart_by_hand]",
               "has no alert");
  // queue_backlog silencing its own cause closes a cycle with the tree's errors_rising -> queue_backlog.
  expect_error(replace(small_spec(), anchor, anchor + "    inhibits: [errors_rising]\n"), "errors_rising]",
               "cycle: queue_backlog → errors_rising → queue_backlog");
  expect_error(replace(replace(small_spec(), anchor, anchor + "    inhibits: [api_down]\n"), "    runbook: runbooks/api-down.md\n    diagnostics",
                       "    runbook: runbooks/api-down.md\n    inhibits: [queue_backlog]\n    diagnostics"),
               "queue_backlog]\n    diagnostics", "cycle: api_down → queue_backlog → api_down");
}
