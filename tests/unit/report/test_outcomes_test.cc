// Tests for report/test_outcomes: promtool's failures mapped back to alerts.
#include <doctest/doctest.h>

#include "common/process.h"
#include "generator/report/test_outcomes.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("promtool failures are mapped back to their alerts by test name") {
  TestOutcomes outcomes;
  parse_promtool_failures("Unit Testing:  rules.test.yml\n  FAILED:\n"
                          "    name: ShopPortTaken: fires after `for` 2m when its condition and its ancestors' hold, silent before,\n"
                          "    alertname: ShopPortTaken, time: 2m, \n        exp:[...]\n"
                          "    name: ShopPortTaken: fires after `for` 2m when its condition and its ancestors' hold, silent before,\n"
                          "    name: ShopApiDown: silent when its own condition does not hold,\n",
                          {}, outcomes);
  CHECK(outcomes.failed == 2);
  CHECK(outcomes.failed_by_alert.at("ShopPortTaken") == 1);
  CHECK(outcomes.failed_by_alert.at("ShopApiDown") == 1);
}

// promtool 2.42 names no test for a failed promql_expr_test: the node in the
// record's selector names the alert.
TEST_CASE("a failed check of a node's record counts against that node's alert, repeats count once") {
  TestOutcomes outcomes;
  const std::string failure =
      "    expr: \"host:flowchart_node:holds{flowchart_node=\\\"evicting\\\"}\", time: 15m,\n"
      "        exp: nil\n        got: {__name__=\"host:flowchart_node:holds\", flowchart_node=\"evicting\"} 1E+00\n\n";
  parse_promtool_failures("Unit Testing:  kv.latency_high.test.yml\n  FAILED:\n" + failure + failure,
                          {{"evicting", "KvEvicting"}, {"latency_high", "KvLatencyHigh"}}, outcomes);
  CHECK(outcomes.failed == 1);
  CHECK(outcomes.failed_by_alert.at("KvEvicting") == 1);
  CHECK(outcomes.failed_by_alert.count("KvLatencyHigh") == 0);
}

TEST_CASE("run_rule_tests: the real promtool on the generated tests, or why it did not run") {
  Compilation c = compile_ok(small_spec());
  TestOutcomes missing = run_rule_tests(c, "symptree-no-such-promtool", 1, 60);
  CHECK_FALSE(missing.ran);
  CHECK(missing.not_run_reason == "promtool is not installed: test outcomes unknown");
  if (!find_in_path("promtool")) return;  // scripts/install-deps installs it
  Compilation passing = compile_ok(replace(small_spec(), "warmup: 1m", "warmup: 3m"));
  TestOutcomes outcomes = run_rule_tests(passing, "promtool", 2, 120);
  CHECK(outcomes.ran);
  CHECK(outcomes.failed == 0);
  CHECK(outcomes.failed_by_alert.empty());
  // rate(...[5m]) of 60 a minute passes 0.5/s only after 3m: the small spec's warmup of 1m is too short, and
  // promtool says so for the one alert that reads it.
  TestOutcomes short_warmup = run_rule_tests(c, "promtool", 3, 120);
  CHECK(short_warmup.ran);
  // Two failed checks: the alert's, and its `holds` record's (which promtool names by its expression).
  CHECK(short_warmup.failed == 2);
  CHECK(short_warmup.failed_by_alert.at("ShopErrorsRising") == 2);
  CHECK(short_warmup.failed_by_alert.size() == 1);
  CHECK(short_warmup.error.empty());
}
