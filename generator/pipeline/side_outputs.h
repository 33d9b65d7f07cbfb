// The outputs rendered beside the test planning: the rules, Alertmanager's
// files, the flowchart docs and the dashboard. Like the test planner they only
// read the model and the plans, so the compile hands both out as tasks to the
// same threads (common/parallel_tasks.h) and a 10,000-branch compile keeps two
// cores busy to the end.
#pragma once

#include <functional>
#include <vector>

#include "common/diagnostics.h"
#include "generator/emit/output_set.h"
#include "generator/model/alert_plan.h"
#include "generator/model/alertmanager_settings.h"

namespace symptree {

// The rendering, as tasks that each fill a slot of their own.
class SideOutputsJob {
 public:
  // `model`, `alerts` and `routes` must outlive the job and not change while
  // it runs; the files go to siblings of `files` (the outputs: see
  // OutputSet::sibling()), merged into them by finish().
  SideOutputsJob(const Model& model, const AlertPlan& alerts, const AmRoute& routes, const OutputSet& files = {});
  // The rendering tasks, the longest (the dashboard) first; each is to run
  // once, on any thread. They refer to this job, which must outlive them.
  std::vector<std::function<void()>> tasks();
  // Runs the tasks not run yet, then moves every rendered file into `outputs`
  // and the dashboard's lint errors into `diagnostics`.
  void finish(OutputSet& outputs, Diagnostics& diagnostics);

 private:
  // What one task produces.
  struct Rendered {
    OutputSet files;
    Diagnostics lints;
    bool done = false;
  };
  void render(size_t task);

  const Model& model_;
  const AlertPlan& alerts_;
  const AmRoute& routes_;
  std::vector<Rendered> rendered_;
};

}  // namespace symptree
