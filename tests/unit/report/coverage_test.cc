// Tests for report/coverage: one row per node and absence alert, with its tests and outcome.
#include <doctest/doctest.h>

#include "generator/report/coverage.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("coverage lists every node and absence alert with its tests and outcome") {
  Compilation c = compile_ok(small_spec());
  TestOutcomes outcomes;
  outcomes.ran = true;
  outcomes.failed_by_alert["ShopPortTaken"] = 1;
  outcomes.failed = 1;
  std::vector<CoverageRow> rows = coverage_rows(c, outcomes);
  REQUIRE(rows.size() == c.model.nodes.size() + 5);  // five metrics are absence-alerted
  CHECK(rows[1].alert == "ShopPortTaken");
  CHECK(rows[1].outcome == "failed: 1 failed check in its " + std::to_string(rows[1].tests) + " cases");
  outcomes.failed_by_alert["ShopPortTaken"] = rows[1].tests + 1;  // more checks than cases: not "3 of 2"
  CHECK(coverage_rows(c, outcomes)[1].outcome ==
        "failed: " + std::to_string(rows[1].tests + 1) + " failed checks in its " + std::to_string(rows[1].tests) + " cases");
  outcomes.failed_by_alert["ShopPortTaken"] = 1;
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
  Compilation c = compile_ok(small_spec());
  TestOutcomes outcomes;
  outcomes.not_run_reason = "promtool is not installed: test outcomes unknown";
  std::string text = coverage_text(c, outcomes);
  CHECK(text.find("NOT RUN: promtool is not installed") != std::string::npos);
  CHECK(coverage_rows(c, outcomes)[0].outcome == "not run");
  CHECK(coverage_json(c, outcomes)["tests"]["ran"] == false);
}
