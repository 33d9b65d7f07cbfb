// The outputs rendered beside the test planning, on a thread of their own:
// the rules, Alertmanager's files, the flowchart docs and the dashboard. Like
// the test planner they only read the model and the plans, so a
// 10,000-branch compile runs both halves at once on two cores.
#pragma once

#include <future>

#include "common/diagnostics.h"
#include "generator/emit/output_set.h"
#include "generator/model/alert_plan.h"

namespace symptree {

// Starts rendering on construction; finish() (or the destructor) waits for it.
class SideOutputsJob {
 public:
  // `model`, `alerts` and `routes` must outlive the job and not change while
  // it runs; the files go to `files` (an OutputSet::sibling() of the outputs).
  SideOutputsJob(const Model& model, const AlertPlan& alerts, const AmRoute& routes, OutputSet files = {});
  // Moves every rendered file into `outputs` and the dashboard's lint errors
  // into `diagnostics`.
  void finish(OutputSet& outputs, Diagnostics& diagnostics);

  // What the thread produces.
  struct Rendered {
    OutputSet files;
    Diagnostics lints;
  };

 private:
  std::future<Rendered> rendered_;
};

}  // namespace symptree
