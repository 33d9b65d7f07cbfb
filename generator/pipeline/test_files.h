// Planning the tests and writing prometheus/tests/<group>.test.yml, one rule
// group at a time on each core: a group's cases depend on nothing outside it
// (testgen/test_plan.h: plan_range_tests), and each group's file is handed to
// the OutputSet as soon as it is complete, so the cases are never all held.
#pragma once

#include <optional>

#include "common/diagnostics.h"
#include "generator/emit/output_set.h"
#include "generator/model/alert_plan.h"
#include "generator/model/test_cases.h"

namespace symptree {

// Plans every rule's tests and adds each group's test file to `outputs`, the
// groups shared among `threads` threads (this one among them). The plan, the
// files and the diagnostics are those of planning the groups one after another.
// nullopt when a rule cannot be tested (the errors are in `diagnostics`).
std::optional<TestPlan> plan_test_files(const Model& model, const AlertPlan& alerts, unsigned threads,
                                        OutputSet& outputs, Diagnostics& diagnostics);

}  // namespace symptree
