// The tests of the absence alerts: each rule group's in two cases of their
// own (every alert fires with only the service's `up`; none with every
// metric reported), whatever the number of metrics.
#pragma once

#include "common/diagnostics.h"
#include "generator/model/alert_plan.h"
#include "generator/testgen/case_recorder.h"
#include "generator/testgen/test_plan.h"

namespace symptree {

// The absence alerts of one rule group (`range`), in cases of their own (a test
// file loads one rule file). Every group reports the same limit error; the
// diagnostics keep it once.
void plan_absence_tests(const Model& model, const AlertPlan& alerts, RuleRange range, CaseRecorder& recorder,
                        Diagnostics& diagnostics);

}  // namespace symptree
