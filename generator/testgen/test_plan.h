// The promtool unit tests for every alert, by construction: each alert fires at
// its `for`, is silent just before, silent when its own condition is false,
// silent when an ancestor's is false, and silent when the ancestors hold only
// on another host. Absence alerts fire when their metric is missing.
#pragma once

#include <optional>
#include <vector>

#include "common/diagnostics.h"
#include "generator/model/alert_plan.h"
#include "generator/model/test_cases.h"
#include "generator/testgen/scenario.h"

namespace symptree {

// Plans tests for every rule, passing each case to `sink`; a rule that cannot
// be tested is an error naming its node.
std::optional<TestPlan> plan_tests(const Model& model, const AlertPlan& alerts, const TestCaseSink& sink,
                                   Diagnostics& diagnostics);

// The rules [first, last) of AlertPlan::rules.
struct RuleRange {
  size_t first = 0;
  size_t last = 0;
};
// Each rule group's rules, in order (a group's rules are contiguous: model/alert_plan.h).
std::vector<RuleRange> rule_group_ranges(const AlertPlan& alerts);
// The part of plan_tests for the rules of `range`, its cases_per_rule indexed
// from range.first. The cases of different ranges do not depend on each other,
// so ranges can be planned on threads of their own (each with its own `sink`
// and `diagnostics`) and appended in order.
TestPlan plan_range_tests(const Model& model, const AlertPlan& alerts, RuleRange range, const TestCaseSink& sink,
                          Diagnostics& diagnostics);
// The rule groups the cases of `range` evaluate: its own, then each group
// holding the alert of a parent whose firing a case asserts ("silent when its
// own condition does not hold, while its parent's alert fires"), in plan order.
// A section split into several groups (model/alert_plan.h) needs more than one.
std::vector<std::string> rule_groups_tested(const Model& model, const AlertPlan& alerts, RuleRange range);
// Appends `part`, the plan of the range that follows those `plan` covers.
void append_plan(TestPlan& plan, TestPlan&& part);

}  // namespace symptree
