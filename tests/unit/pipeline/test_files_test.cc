// Tests for pipeline/test_files: the test files, plan and errors are the same
// whether the rule groups are planned on one thread or shared among several.
#include "generator/pipeline/test_files.h"

#include <doctest/doctest.h>

#include "common/parallel_tasks.h"
#include "generator/emit/tests_emitter.h"
#include "generator/testgen/test_plan.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// small_spec with `extra` more symptoms, each with a cause: many rule groups.
std::string many_groups_spec(int extra) {
  std::string spec = small_spec();
  for (int i = 0; i < extra; ++i) {
    std::string n = std::to_string(i);
    spec += "  - id: queue_" + n + "\n    title: Queue " + n + " is long\n    priority: P2\n"
            "    when: 'shop_queue_depth{queue=\"q" + n + "\"} > " + n + "'\n    runbook: runbooks/api-down.md\n"
            "    causes:\n      - id: queue_" + n + "_errors\n        title: Errors " + n + "?\n"
            "        when: 'rate(shop_request_errors_total{queue=\"q" + n + "\"}[5m]) > 0.5'\n"
            "        runbook: runbooks/api-down.md\n";
  }
  return spec;
}

struct Planned {
  std::optional<TestPlan> plan;
  OutputSet files;
  std::string errors;
};

Planned plan_with(const Model& model, const AlertPlan& alerts, unsigned threads) {
  Planned planned;
  Diagnostics d;
  TestFilesJob job(model, alerts, planned.files);
  run_parallel_tasks(job.tasks(), threads);
  planned.plan = job.finish(planned.files, d);
  planned.errors = d.format();
  return planned;
}

}  // namespace

TEST_CASE("the test files are the same planned on one thread, on four, and by plan_tests") {
  Model model = load_ok(many_groups_spec(12));
  AlertPlan alerts = plan_alerts(model);
  REQUIRE(alerts.groups.size() > 10);
  Planned one = plan_with(model, alerts, 1), four = plan_with(model, alerts, 4);
  REQUIRE_MESSAGE(one.plan, one.errors);
  REQUIRE(four.plan);
  CHECK(one.files.files() == four.files.files());
  CHECK(one.files.files().size() == alerts.groups.size());
  CHECK(one.plan->case_count == four.plan->case_count);
  CHECK(one.plan->cases_per_rule == four.plan->cases_per_rule);
  CHECK(one.plan->cases_per_rule.size() == alerts.rules.size());

  // The same cases, in the same order, as the whole plan in one pass.
  std::map<std::string, std::unique_ptr<RuleTestsWriter>> writers;
  for (RuleRange range : rule_group_ranges(alerts)) {
    std::vector<std::string> files;
    for (const std::string& group : rule_groups_tested(model, alerts, range)) files.push_back("../rules/" + group + ".yml");
    writers[alerts.rules[range.first].group] = std::make_unique<RuleTestsWriter>(model, files, 0);
  }
  Diagnostics d;
  std::optional<TestPlan> whole = plan_tests(
      model, alerts, [&](const TestCase& test) { writers.at(alerts.rules[test.rules.front()].group)->add(test); }, d);
  REQUIRE(whole);
  CHECK(whole->case_count == four.plan->case_count);
  CHECK(whole->cases_per_rule == four.plan->cases_per_rule);
  CHECK(whole->skipped.size() == four.plan->skipped.size());
  for (const std::string& group : alerts.groups) {
    TestPlan skipped;
    for (const SkippedCase& s : whole->skipped) {
      for (const AlertRule& rule : alerts.rules) {
        if (rule.name == s.alert && rule.group == group) skipped.skipped.push_back(s);
      }
    }
    CHECK(four.files.files().at(rule_test_file_path(group)) == writers.at(group)->finish(skipped));
  }
}

TEST_CASE("errors from groups planned on different threads come back as from one pass") {
  // A cause that can never hold with its symptom, in two groups.
  std::string spec = many_groups_spec(6);
  spec = replace(spec, "'rate(shop_request_errors_total{queue=\"q1\"}[5m]) > 0.5'",
                 "'shop_queue_depth{queue=\"q1\"} < 0'");
  spec = replace(spec, "'rate(shop_request_errors_total{queue=\"q4\"}[5m]) > 0.5'",
                 "'shop_queue_depth{queue=\"q4\"} < 3'");
  Model model = load_ok(spec);
  AlertPlan alerts = plan_alerts(model);
  Planned one = plan_with(model, alerts, 1), three = plan_with(model, alerts, 3);
  CHECK_FALSE(one.plan);
  CHECK_FALSE(three.plan);
  CHECK(one.errors.find("can never hold together with its ancestors' conditions") != std::string::npos);
  CHECK(one.errors == three.errors);
  Diagnostics d;
  CHECK_FALSE(plan_tests(model, alerts, [](const TestCase&) {}, d));
  CHECK(d.format() == three.errors);
}
