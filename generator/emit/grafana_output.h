// The dashboard as a compile output: rendered and linted on a thread of its
// own while the tests are planned (both only read the model and the alert
// plan), so a 10,000-branch compile does not wait for it.
#pragma once

#include <future>
#include <string>

#include "common/diagnostics.h"
#include "generator/emit/output_set.h"
#include "generator/model/alert_plan.h"

namespace symptree {

// Starts rendering on construction; finish() (or the destructor) waits for it.
class DashboardJob {
 public:
  // `model` and `alerts` must outlive the job and not change while it runs.
  DashboardJob(const Model& model, const AlertPlan& alerts);
  DashboardJob(const DashboardJob&) = delete;  // the running task holds `this`
  DashboardJob& operator=(const DashboardJob&) = delete;
  // Adds the dashboard to `outputs` and its lint errors to `diagnostics`.
  void finish(OutputSet& outputs, Diagnostics& diagnostics);

 private:
  const Model& model_;
  Diagnostics lints_;
  std::future<std::string> text_;
};

}  // namespace symptree
