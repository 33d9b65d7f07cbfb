// The test plan's data: promtool test cases as testgen plans them and
// emit/tests_emitter writes them, and what the planning found. Like AlertPlan,
// a stage output lives below both the stage that makes it and the emitters
// that read it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "generator/model/alert_plan.h"

namespace symptree {

// One promtool input series, e.g. `up{host="host-a",job="x"}` and `1+0x10`.
struct TestSeries {
  std::string selector;
  std::string values;
};

// An alert promtool must see firing: its labels (series labels plus the rule's),
// the rule whose annotation templates expand, what they expand with (the
// labels of the expression's result series, $labels, and its value, $value),
// and what they expand to.
struct ExpectedAlert {
  std::map<std::string, std::string> labels;
  const AlertRule* rule = nullptr;
  std::map<std::string, std::string> series_labels;
  double value = 0;
  // The annotations as Prometheus renders them for this series, by name
  // (model/parsed_annotations.h).
  std::map<std::string, std::string> annotations;
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

}  // namespace symptree
