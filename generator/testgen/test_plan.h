// The promtool unit tests for every alert, by construction: each alert fires at
// its `for`, is silent just before, silent when its own condition is false,
// silent when an ancestor's is false, and silent when the ancestors hold only
// on another host. Absence alerts fire when their metric is missing.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "generator/model/alert_plan.h"
#include "generator/testgen/scenario.h"

namespace symptree {

// An alert promtool must see firing: its labels (series labels plus the rule's)
// and the rule whose annotation templates expand with them.
struct ExpectedAlert {
  std::map<std::string, std::string> labels;
  const AlertRule* rule = nullptr;

  // The annotations as Prometheus renders them for these labels, sorted by name.
  std::map<std::string, std::string> annotations() const;
};

// "At eval_time, alert `alertname` fires exactly as `expected`" (empty: silent).
struct AlertCheck {
  std::string alertname;
  int64_t eval_ms = 0;
  std::vector<ExpectedAlert> expected;
};

// "At eval_time, `expr` gives exactly `samples`" (promql_expr_test; empty: no series).
struct ExprCheck {
  std::string expr;
  int64_t eval_ms = 0;
  std::vector<std::pair<std::string, std::string>> samples;  // series selector with __name__, value
};

// One promtool test: input series and what to assert.
struct TestCase {
  std::string alert;      // the alert under test
  std::vector<int> rules;  // the rules it tests, as indices in AlertPlan::rules
  std::string title;  // what the case shows, written as a comment
  std::vector<TestSeries> series;
  std::vector<AlertCheck> checks;
  std::vector<ExprCheck> expr_checks;  // the node's "holds" recording rule at the same time
};

// A case that cannot exist for this tree, e.g. a cause whose condition implies its symptom's.
struct SkippedCase {
  std::string alert;
  std::string reason;
};

// What the planning found, without the cases themselves: those go to a sink as
// they are made, so a 10,000-branch spec never holds all of them at once.
struct TestPlan {
  size_t case_count = 0;
  std::vector<int> cases_per_rule;  // indexed like AlertPlan::rules
  std::vector<SkippedCase> skipped;
};

// Receives each test case as it is planned.
using TestCaseSink = std::function<void(const TestCase&)>;

// Plans tests for every rule, passing each case to `sink`; a rule that cannot
// be tested is an error naming its node.
std::optional<TestPlan> plan_tests(const Model& model, const AlertPlan& alerts, const TestCaseSink& sink,
                                   Diagnostics& diagnostics);

}  // namespace symptree
