// The check folder's public header. Validation beyond the spec's structure:
// metrics exist, selectors name real labels and probes, host-scoped results
// keep the join labels, cluster-scoped ones drop them, runbooks exist, and
// promtool (when installed) agrees the conditions parse. Each check is one
// file with its own header (metric_check, selector_check, join_label_check,
// runbook_check, scope_check, promql_check); check_model runs them all, on a
// model that may already have errors (every problem in one run). The checks that need
// a later stage's output are run by the pipeline at that stage:
// alertmanager_check (the alert plan) and dashboard_lint (the dashboard).
#pragma once

#include <functional>
#include <string>

#include "common/diagnostics.h"
#include "generator/check/promql_check.h"
#include "generator/model/alert_plan.h"
#include "generator/model/model.h"

namespace symptree {

// How the checks reach the outside world.
struct CheckOptions {
  std::string spec_dir = ".";      // runbooks.dir is relative to the spec's folder
  std::string promtool = "promtool";
  bool use_promtool = true;        // parse conditions with promtool when it is installed
  int promtool_timeout_seconds = kPromtoolCheckTimeoutSeconds;  // then kill it and fail
  std::string dot = "dot";         // Graphviz, for docs/flowchart.svg when it is installed
  bool use_dot = true;
  // Not a check: how compile states each alert's path (compile --inline-paths).
  PathForm path_form = PathForm::Joined;
  // Not a check: the output directory that compile streams each file towards
  // as it is rendered (emit/output_set.h: stage_beside); "": held in memory.
  std::string stage_beside;
};

// Runs every check, on two threads; the errors are reported in the same order
// whatever thread found them. `beside`, when given, is other work that only
// reads the model (the pipeline plans the alerts): it runs on the same two
// threads, first, so that neither thread waits while the other still works.
// It must not throw.
void check_model(const Model& model, const CheckOptions& options, Diagnostics& diagnostics,
                 const std::function<void()>& beside = nullptr);

// Why check_model does not have promtool parse the conditions: "--no-promtool",
// or "promtool is not installed"; "" when it does.
std::string promtool_skipped(const CheckOptions& options);

}  // namespace symptree
