// Tests for generator/report: explain (path, thresholds, runbook, receiver,
// did-you-mean) and coverage (rows, promtool failures mapped to alerts).
#include <doctest/doctest.h>

#include "generator/report/coverage.h"
#include "generator/report/explain.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {
Compilation compiled() {
  Diagnostics d;
  std::optional<Compilation> c = compile(small_spec(), d);
  REQUIRE_MESSAGE(c, d.format());
  return std::move(*c);
}
}  // namespace

TEST_CASE("explain shows the path, each question's condition and threshold, the runbook and the receiver") {
  Compilation c = compiled();
  std::string error;
  std::optional<std::string> text = explain(c, "ShopDiskNearlyFull", error);
  REQUIRE_MESSAGE(text, error);
  for (const char* part : {"API is down → Port taken? → Disk nearly full too?", "1. API is down  [api_down]",
                           "2. Port taken?  [port_taken]", "3. Disk nearly full too?  [disk_nearly_full]",
                           "threshold symptree_filesystem_used_ratio > 0.9", "and on (host)",
                           "https://runbooks.example.com/shop/runbooks/disk.md#nearly-full",
                           "ss -ltnp | grep 8080  # Who holds the port", "Pages: tickets (webhook) with severity warning",
                           "P2, respond within 4h"}) {
    CHECK_MESSAGE(text->find(part) != std::string::npos, part);
  }
  CHECK(explain(c, "disk_nearly_full", error) == text);  // a node id works as well as the alert name
}

TEST_CASE("explain of a manual step and of the absence alert") {
  Compilation c = compiled();
  std::string error;
  std::optional<std::string> manual = explain(c, "restart_by_hand", error);
  REQUIRE(manual);
  CHECK(manual->find("No alert: An operator decision") != std::string::npos);
  std::optional<std::string> absent = explain(c, "ShopMetricAbsent", error);
  REQUIRE(absent);
  CHECK(absent->find("shop_queue_depth") != std::string::npos);
}

TEST_CASE("explain of an unknown name gives a did-you-mean hint") {
  Compilation c = compiled();
  std::string error;
  CHECK_FALSE(explain(c, "ShopPortTakn", error));
  CHECK(error == "no alert or node named 'ShopPortTakn'; did you mean 'ShopPortTaken'?");
  CHECK_FALSE(explain(c, "porttaken", error));
  CHECK(error.find("did you mean 'port_taken'?") != std::string::npos);
  CHECK_FALSE(explain(c, "zzzzzzzzzzzzzzzzzz", error));
  CHECK(error.find("symptree coverage") != std::string::npos);
}

TEST_CASE("promtool failures are mapped back to their alerts by test name") {
  TestOutcomes outcomes;
  parse_promtool_failures("Unit Testing:  rules.test.yml\n  FAILED:\n"
                          "    name: ShopPortTaken: fires after `for` 2m when its condition and its ancestors' hold, silent before,\n"
                          "    alertname: ShopPortTaken, time: 2m, \n        exp:[...]\n"
                          "    name: ShopPortTaken: fires after `for` 2m when its condition and its ancestors' hold, silent before,\n"
                          "    name: ShopApiDown: silent when its own condition does not hold,\n",
                          outcomes);
  CHECK(outcomes.failed == 2);
  CHECK(outcomes.failed_by_alert.at("ShopPortTaken") == 1);
  CHECK(outcomes.failed_by_alert.at("ShopApiDown") == 1);
}

TEST_CASE("coverage lists every node and absence alert with its tests and outcome") {
  Compilation c = compiled();
  TestOutcomes outcomes;
  outcomes.ran = true;
  outcomes.failed_by_alert["ShopPortTaken"] = 1;
  outcomes.failed = 1;
  std::vector<CoverageRow> rows = coverage_rows(c, outcomes);
  REQUIRE(rows.size() == c.model.nodes.size() + 5);  // five metrics are absence-alerted
  CHECK(rows[1].alert == "ShopPortTaken");
  CHECK(rows[1].outcome == "failed 1 of " + std::to_string(rows[1].tests));
  CHECK(rows[3].kind == "manual");
  CHECK(rows[3].outcome == "manual: An operator decision");
  CHECK(rows[0].outcome == "passed");
  CHECK(rows.back().kind == "absence");
  CHECK_FALSE(coverage_ok(rows));
  std::string text = coverage_text(c, outcomes);
  CHECK(text.find("    Disk nearly full too?") != std::string::npos);
  nlohmann::json json = coverage_json(c, outcomes);
  CHECK(json["rows"][2]["node"] == "disk_nearly_full");
  CHECK(json["rows"][2]["runbook_url"] == "https://runbooks.example.com/shop/runbooks/disk.md#nearly-full");
}

TEST_CASE("coverage says clearly when the tests were not run") {
  Compilation c = compiled();
  TestOutcomes outcomes;
  outcomes.not_run_reason = "promtool is not installed: test outcomes unknown";
  std::string text = coverage_text(c, outcomes);
  CHECK(text.find("NOT RUN: promtool is not installed") != std::string::npos);
  CHECK(coverage_rows(c, outcomes)[0].outcome == "not run");
  CHECK(coverage_json(c, outcomes)["tests"]["ran"] == false);
}
