// The promtool unit tests for every alert, by construction: each alert fires at
// its `for`, is silent just before, silent when its own condition is false,
// silent when an ancestor's is false, and silent when the ancestors hold only
// on another host. Absence alerts fire when their metric is missing.
#pragma once

#include <optional>

#include "common/diagnostics.h"
#include "generator/model/alert_plan.h"
#include "generator/model/test_cases.h"
#include "generator/testgen/scenario.h"

namespace symptree {

// Plans tests for every rule, passing each case to `sink`; a rule that cannot
// be tested is an error naming its node.
std::optional<TestPlan> plan_tests(const Model& model, const AlertPlan& alerts, const TestCaseSink& sink,
                                   Diagnostics& diagnostics);

}  // namespace symptree
