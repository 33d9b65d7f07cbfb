// The promtool unit tests for every alert, by construction: each alert fires at
// its `for`, is silent just before, silent when its own condition is false,
// silent when an ancestor's is false, and silent when the ancestors hold only
// on another host. Absence alerts fire when their metric is missing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "generator/model/alert_plan.h"
#include "generator/testgen/scenario.h"

namespace symptree {

// An alert promtool must see firing, with its labels and expanded annotations.
struct ExpectedAlert {
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> annotations;
};

// "At eval_time, alert `alertname` fires exactly as `expected`" (empty: silent).
struct AlertCheck {
  std::string alertname;
  int64_t eval_ms = 0;
  std::vector<ExpectedAlert> expected;
};

// One promtool test: input series and what to assert.
struct TestCase {
  std::string alert;  // the alert under test
  int rule = -1;      // its index in AlertPlan::rules
  std::string title;  // what the case shows, written as a comment
  std::vector<TestSeries> series;
  std::vector<AlertCheck> checks;
};

// A case that cannot exist for this tree, e.g. a cause whose condition implies its symptom's.
struct SkippedCase {
  std::string alert;
  std::string reason;
};

struct TestPlan {
  std::vector<TestCase> cases;
  std::vector<SkippedCase> skipped;

  int cases_for_rule(int rule) const;
};

// Plans tests for every rule; a rule that cannot be tested is an error naming its node.
std::optional<TestPlan> plan_tests(const Model& model, const AlertPlan& alerts, Diagnostics& diagnostics);

}  // namespace symptree
