// Planning the tests and writing prometheus/tests/<group>.test.yml, one task
// per rule group: a group's cases depend on nothing outside it
// (testgen/test_plan.h: plan_range_tests), and each group's file is handed to
// the OutputSet as soon as it is complete, so the cases are never all held.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "common/diagnostics.h"
#include "generator/emit/output_set.h"
#include "generator/model/alert_plan.h"
#include "generator/model/test_cases.h"
#include "generator/testgen/test_plan.h"

namespace symptree {

// The rule groups' planning, as tasks that each fill a slot of their own.
class TestFilesJob {
 public:
  // `model` and `alerts` must outlive the job and not change while it runs;
  // the files go to siblings of `files` (the outputs: see OutputSet::sibling()).
  TestFilesJob(const Model& model, const AlertPlan& alerts, const OutputSet& files = {});
  // One task per rule group, in group order; each is to run once, on any
  // thread. They refer to this job, which must outlive them.
  std::vector<std::function<void()>> tasks();
  // Runs the tasks not run yet, then moves every test file into `outputs`.
  // The plan and the diagnostics are those of planning the groups one after
  // another; nullopt when a rule cannot be tested (the errors in `diagnostics`).
  std::optional<TestPlan> finish(OutputSet& outputs, Diagnostics& diagnostics);

 private:
  // What planning one rule group produced, kept until every group is done.
  struct GroupResult {
    TestPlan plan;
    Diagnostics diagnostics;
    OutputSet files;
    bool done = false;
  };
  void plan_group(size_t group);

  const Model& model_;
  const AlertPlan& alerts_;
  std::vector<RuleRange> ranges_;
  std::vector<GroupResult> results_;
};

}  // namespace symptree
